// Every relation aggregated from the claims a time window, confidence floor, place and types admit (the best claim as evidence).
MATCH (c:Claim)
WHERE c.key IS NOT NULL
  AND ($since IS NULL OR c.date >= $since)
  AND ($until IS NULL OR c.date <= $until)
  AND ($as_of IS NULL OR (c.date <= $as_of
       AND (c.valid_from IS NULL OR c.valid_from <= $as_of)
       AND (c.valid_to IS NULL OR c.valid_to >= $as_of)))
  AND c.confidence >= $min_confidence
  AND ($country IS NULL OR c.place_country = $country)
  AND ($bbox_low IS NULL OR (c.place IS NOT NULL
       AND point.withinBBox(c.place, $bbox_low, $bbox_high)))
  AND c.type IN $types
WITH c
ORDER BY c.modality = 'denied', c.confidence * $modality_weights[c.modality] DESC, c.date IS NULL, c.date, c.id
RETURN c.key AS key,
       sum(c.confidence * $modality_weights[c.modality]) AS weight,
       count(c) AS n_claims,
       count(DISTINCT c.article) AS n_articles,
       sum(CASE WHEN c.modality = 'denied' THEN 1 ELSE 0 END) AS n_denials,
       min(c.date) AS first_seen,
       max(c.date) AS last_seen,
       collect([c.article, c.quote, c.evidence_start, c.evidence_end])[0] AS best

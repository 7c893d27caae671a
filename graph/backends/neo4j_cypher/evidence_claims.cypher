// The claims of the given relation keys (one pair of actors) that a window and place admit, with their articles (each claim as its properties, and the JSON an earlier version stored in data).
UNWIND $keys AS key
MATCH (ar:Article)-[:REPORTS]->(c:Claim {key: key})
WHERE true
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
RETURN c.data AS data,
       [c.article, c.id, c.source, c.target, c.type, c.confidence, c.modality,
        toString(c.date), toString(c.valid_from), toString(c.valid_to),
        c.quote, c.evidence_start, c.evidence_end, c.attributed_to,
        c.mode, c.certainty, c.support_type, c.attributes,
        c.place_name, c.place_admin1, c.place_admin2, c.place_country,
        c.place.latitude, c.place.longitude, c.place_precision] AS claim,
       ar.data AS article

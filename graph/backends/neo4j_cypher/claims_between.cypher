// The claims between two actors (each given with the ids merged into it), with their articles.
MATCH (ar:Article)-[:REPORTS]->(c:Claim)
WHERE ((c.source IN $a AND c.target IN $b) OR (c.source IN $b AND c.target IN $a))
  AND ($since IS NULL OR c.date >= $since)
  AND ($until IS NULL OR c.date <= $until)
  AND ($as_of IS NULL OR (c.date <= $as_of
       AND (c.valid_from IS NULL OR c.valid_from <= $as_of)
       AND (c.valid_to IS NULL OR c.valid_to >= $as_of)))
  AND c.confidence >= $min_confidence
  AND c.type IN $types
RETURN c.data AS data, ar.data AS article
ORDER BY c.date, c.id

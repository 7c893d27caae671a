// The claims of the given relation keys (one pair of actors) that a window and place admit, with their articles.
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
RETURN c.data AS data, ar.data AS article

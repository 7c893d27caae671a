// The relation keys an article's claims touch.
MATCH (:Article {id: $id})-[:REPORTS]->(c:Claim)
RETURN DISTINCT c.source AS source, c.target AS target, c.type AS type

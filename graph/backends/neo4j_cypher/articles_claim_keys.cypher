// The relation keys the claims of the given articles count towards.
UNWIND $ids AS id
MATCH (:Article {id: id})-[:REPORTS]->(c:Claim)
WHERE c.key IS NOT NULL
RETURN DISTINCT c.key AS key

// Delete an article's claims.
MATCH (:Article {id: $id})-[:REPORTS]->(c:Claim)
DETACH DELETE c

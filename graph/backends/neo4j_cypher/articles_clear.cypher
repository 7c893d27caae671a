// Delete the claims and mentions of the given articles (the article nodes stay).
UNWIND $ids AS id
MATCH (ar:Article {id: id})
CALL (ar) {
  MATCH (ar)-[:REPORTS]->(c:Claim)
  DETACH DELETE c
}
CALL (ar) {
  MATCH (ar)-[m:MENTIONS]->(:Actor)
  DELETE m
}

// Lock the aggregated {{rel_type}} relationships of the given keys (absent ones created bare) and read every claim counted towards them.
UNWIND $keys AS k
MATCH (a:Actor {id: k.source})
MATCH (b:Actor {id: k.target})
CALL (a, b) {
  MERGE (a)-[:{{rel_type}}]->(b)
}
RETURN k.key AS key,
       COLLECT {
         MATCH (c:Claim)
         USING INDEX c:Claim(key)
         WHERE c.key = k.key
         RETURN c {.id, .article, .confidence, .modality, .date, .quote, .evidence_start, .evidence_end}
       } AS claims

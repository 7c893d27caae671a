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
         RETURN [c.id, c.article, c.confidence, c.modality, c.date, c.quote, c.evidence_start, c.evidence_end]
       } AS claims

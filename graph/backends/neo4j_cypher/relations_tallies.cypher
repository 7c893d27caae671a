// Lock the aggregated {{rel_type}} relationships of the given keys (absent ones created bare) and read their running tallies.
UNWIND $keys AS k
MATCH (a:Actor {id: k.source})
MATCH (b:Actor {id: k.target})
CALL (a, b) {
  MERGE (a)-[r:{{rel_type}}]->(b)
  RETURN r
}
RETURN k.key AS key,
       properties(r) AS props,
       COLLECT {
         MATCH (best:Claim {id: r.evidence_claim})
         RETURN best {.id, .confidence, .modality, .date}
       } AS best

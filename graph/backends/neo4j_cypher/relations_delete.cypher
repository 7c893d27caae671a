// Delete aggregated {{rel_type}} relationships left without claims (locked earlier in the transaction).
UNWIND $keys AS k
MATCH (a:Actor {id: k.source})
MATCH (b:Actor {id: k.target})
MATCH (a)-[r:{{rel_type}}]->(b)
DELETE r

// Set the figures and running tallies of aggregated {{rel_type}} relationships (locked earlier in the transaction), batched.
UNWIND $rows AS row
MATCH (a:Actor {id: row.source})
MATCH (b:Actor {id: row.target})
MERGE (a)-[r:{{rel_type}}]->(b)
SET r += row.props

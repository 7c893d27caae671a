// Write aggregated relationships of one type (validated), batched.
UNWIND $rows AS row
MATCH (a:Actor {id: row.source})
MATCH (b:Actor {id: row.target})
MERGE (a)-[r:{{rel_type}}]->(b)
SET r = row.props

// Delete aggregated relationships, batched.
UNWIND $rows AS row
MATCH (a:Actor {id: row.source})-[r]->(b:Actor {id: row.target})
WHERE type(r) = row.type
DELETE r

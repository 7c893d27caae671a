// Aggregated relationships touching any of the given actors.
UNWIND $ids AS id
MATCH (x:Actor {id: id})-[r]-(:Actor)
WHERE type(r) IN $types
RETURN DISTINCT startNode(r).id AS source, endNode(r).id AS target, type(r) AS type,
       properties(r) AS props

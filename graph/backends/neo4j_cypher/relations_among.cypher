// Aggregated relationships between actors of a set.
MATCH (a:Actor)-[r]->(b:Actor)
WHERE a.id IN $ids AND b.id IN $ids AND type(r) IN $types
RETURN a.id AS source, b.id AS target, type(r) AS type, properties(r) AS props

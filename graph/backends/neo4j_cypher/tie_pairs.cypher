// Every pair of actors with a holding aggregated relation, as [lower id, higher id]: the pairs whose TIEs are built.
MATCH (a:Actor)-[r:{{rel_types}}]->(b:Actor)
WHERE r.weight > 0
WITH CASE WHEN a.id < b.id THEN [a.id, b.id] ELSE [b.id, a.id] END AS pair
RETURN DISTINCT pair
ORDER BY pair

// Up to $scan simple paths of exactly {{max_hops}} steps between two actors, with each step's relations.
MATCH p = (:Actor {id: $source})-[r:{{rel_types}} WHERE r.weight > 0 AND type(r) IN $types
               AND (NOT $positive_only OR r.polarity > 0)]-{ {{max_hops}} }(:Actor {id: $target})
WITH nodes(p) AS actors
WHERE all(x IN actors WHERE single(y IN actors WHERE y = x))
WITH DISTINCT actors
LIMIT $scan
CALL (actors) {
  UNWIND range(0, size(actors) - 2) AS i
  WITH i, actors[i] AS a, actors[i + 1] AS b
  MATCH (a)-[r:{{rel_types}}]-(b)
  WHERE r.weight > 0 AND type(r) IN $types
  WITH i, collect({source: startNode(r).id, target: endNode(r).id, type: type(r),
                   props: properties(r)}) AS relations
  ORDER BY i
  RETURN collect(relations) AS steps
}
RETURN [a IN actors | a.id] AS actors, steps

// The 500 shortest simple paths within a range of steps ({{hop_range}}: low,high) between two actors, with each step's relations.
MATCH p = SHORTEST 500 (:Actor {id: $source})-[r:{{rel_types}} WHERE r.weight > 0 AND type(r) IN $types
                              AND (NOT $positive_only OR r.polarity > 0)]-{ {{hop_range}} }(:Actor {id: $target})
WITH DISTINCT nodes(p) AS actors
WHERE all(x IN actors WHERE single(y IN actors WHERE y = x))
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

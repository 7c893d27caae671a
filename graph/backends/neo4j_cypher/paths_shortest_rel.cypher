// Every shortest path between two actors over the holding relationships, as actor sequences with each step's relations.
MATCH p = ALL SHORTEST (:Actor {id: $source})-[r:{{rel_types}} WHERE r.weight > 0 AND type(r) IN $types
                             AND (NOT $positive_only OR r.polarity > 0)]-{1,{{max_hops}}}(:Actor {id: $target})
WITH DISTINCT nodes(p) AS actors
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

// Every shortest path between two actors over the types asked for, as actor id sequences, and the net stance of each pair they step across.
MATCH (s:Actor {id: $source})
MATCH (t:Actor {id: $target})
MATCH p = allShortestPaths((s)-[:{{rel_types}}*..{{max_hops}}]-(t))
WHERE all(r IN relationships(p) WHERE r.weight > 0)
WITH collect(DISTINCT nodes(p)) AS paths
CALL (paths) {
  UNWIND paths AS actors
  UNWIND range(0, size(actors) - 2) AS i
  WITH DISTINCT actors[i] AS a, actors[i + 1] AS b
  MATCH (a)-[r:{{rel_types}}]-(b)
  WHERE r.weight > 0
  WITH a, b, sum(r.polarity * r.weight) AS net
  RETURN collect([a.id, b.id, net]) AS nets
}
RETURN [actors IN paths | [a IN actors | a.id]] AS paths, nets

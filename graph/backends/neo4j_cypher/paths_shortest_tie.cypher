// Every shortest path between two actors over the TIEs, as actor id sequences, and the net stance of each pair they step across.
MATCH (s:Actor {id: $source})
MATCH (t:Actor {id: $target})
MATCH p = allShortestPaths((s)-[:TIE*..{{max_hops}}]-(t))
WITH collect(p) AS found
CALL (found) {
  UNWIND found AS p
  UNWIND relationships(p) AS r
  WITH DISTINCT r
  RETURN collect([startNode(r).id, endNode(r).id, r.stance]) AS nets
}
RETURN [p IN found | [a IN nodes(p) | a.id]] AS paths, nets

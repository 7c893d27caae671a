// Every shortest path between two actors over the TIEs (with $positive_only, positive ones), as actor id sequences, and the net stance of each pair they step across.
MATCH (s:Actor {id: $source})
MATCH (t:Actor {id: $target})
MATCH p = allShortestPaths((s)-[:TIE*..{{max_hops}}]-(t))
WHERE all(r IN relationships(p) WHERE r.stance > 0 OR NOT $positive_only)
WITH collect(p) AS found
CALL (found) {
  UNWIND found AS p
  UNWIND relationships(p) AS r
  WITH DISTINCT r
  RETURN collect([startNode(r).id, endNode(r).id, r.stance]) AS nets
}
RETURN [p IN found | [a IN nodes(p) | a.id]] AS paths, nets

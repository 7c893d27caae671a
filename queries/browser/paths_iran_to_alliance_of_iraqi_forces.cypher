// Shortest paths (at most 4 hops) from Iran to the Alliance of Iraqi Forces over stance relationships that hold.
MATCH (source:Actor {id: 'iran'})
MATCH (target:Actor {id: 'alliance-of-iraqi-forces'})
MATCH p = allShortestPaths((source)-[:ALLIED_WITH|COOPERATES_WITH|SUPPORTS|NEGOTIATES_WITH|OPPOSES|THREATENS|SANCTIONS|ATTACKS|FIGHTS*1..4]-(target))
WHERE all(r IN relationships(p) WHERE r.weight > 0)
RETURN p, length(p) AS hops, [r IN relationships(p) | type(r)] AS steps
LIMIT 25

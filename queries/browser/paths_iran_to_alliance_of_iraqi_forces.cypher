// Paths from Iran to the Alliance of Iraqi Forces over stance relationships, shortest first.
MATCH p = (:Actor {id: 'iran'})-[:ALLIED_WITH|COOPERATES_WITH|SUPPORTS|NEGOTIATES_WITH|OPPOSES|THREATENS|SANCTIONS|ATTACKS|FIGHTS*1..4]-(:Actor {id: 'alliance-of-iraqi-forces'})
RETURN p, length(p) AS hops
ORDER BY hops
LIMIT 10

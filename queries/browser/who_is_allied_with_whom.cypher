// Who is allied with whom: every pair whose net stance (holding relationships, signed) is positive.
MATCH (a:Actor)-[r:ALLIED_WITH|COOPERATES_WITH|SUPPORTS|NEGOTIATES_WITH|OPPOSES|THREATENS|SANCTIONS|ATTACKS|FIGHTS]-(b:Actor)
WHERE a.id < b.id AND r.weight > 0
WITH a, b, sum(r.polarity * r.weight) AS stance, collect(r) AS relationships
WHERE stance > 0
RETURN a, b, relationships, round(stance, 2) AS stance
ORDER BY stance DESC, a.id, b.id
LIMIT 300

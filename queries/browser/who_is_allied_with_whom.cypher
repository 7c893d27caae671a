// Who is allied with whom: every cooperative relationship that holds, strongest first.
MATCH (a:Actor)-[r:ALLIED_WITH|COOPERATES_WITH|SUPPORTS]->(b:Actor)
WHERE r.weight > 0
RETURN a, r, b
ORDER BY r.weight DESC
LIMIT 300

// Every actor, by id.
MATCH (a:Actor)
RETURN a.data AS data
ORDER BY a.id

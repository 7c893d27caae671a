// Actors answering to a normalised name key.
MATCH (a:Actor)
WHERE $key IN a.name_keys
RETURN a.data AS data
ORDER BY a.id

// Actors by id.
UNWIND $ids AS id
MATCH (a:Actor {id: id})
RETURN a.data AS data

// The given actors that exist, each with whether an active merge made it count as another.
UNWIND $ids AS id
MATCH (a:Actor {id: id})
RETURN a.id AS id, a.data AS data,
       EXISTS { MATCH (m:Merge) WHERE m.source = id AND m.active } AS merged

// Give actors the label of their kind (the label is validated, never user text).
MATCH (a:Actor)
WHERE a.id IN $ids
REMOVE a:State:Government:ArmedForces:ArmedGroup:Militia:PoliticalParty:Person:InternationalOrg:Community:OtherActor
SET a:{{label}}

// A neighbourhood layer over the TIEs: actors tied to the frontier and not yet seen, by their strongest tie into it, then id.
UNWIND $frontier AS id
MATCH (:Actor {id: id})-[t:TIE]-(other:Actor)
WITH other, max(t.strength) AS strength
WHERE NOT other.id IN $seen
ORDER BY strength DESC, other.id
LIMIT $room
RETURN other.id AS id, other.data AS actor

// A neighbourhood layer: actors tied to the frontier and not yet seen, by their strongest tie into it, then id.
UNWIND $frontier AS id
MATCH (:Actor {id: id})-[r:{{rel_types}}]-(other:Actor)
WHERE r.weight > 0
WITH id, other, round(sum(r.polarity * r.weight), 6) AS stance
WITH other, max(abs(stance)) AS strength
WHERE NOT other.id IN $seen
ORDER BY strength DESC, other.id
LIMIT $room
RETURN other.id AS id, other.data AS actor

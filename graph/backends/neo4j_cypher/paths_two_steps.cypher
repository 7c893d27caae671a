// The two-step paths between two actors over the types asked for: each middle actor with the net stances of both its steps.
MATCH (s:Actor {id: $source})-[r:{{rel_types}}]-(m:Actor)
WHERE r.weight > 0 AND m.id <> $target
WITH s, m, sum(r.polarity * r.weight) AS first
MATCH (m)-[q:{{rel_types}}]-(t:Actor {id: $target})
WHERE q.weight > 0
RETURN m.id AS middle, first, sum(q.polarity * q.weight) AS second

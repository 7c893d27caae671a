// The three-step paths between two actors over the types asked for: each middle pair with the net stances of its three steps.
MATCH (:Actor {id: $target})-[q:{{rel_types}}]-(b:Actor)
WHERE q.weight > 0 AND b.id <> $source
WITH collect(DISTINCT b) AS tails
MATCH (:Actor {id: $source})-[r:{{rel_types}}]-(a:Actor)
WHERE r.weight > 0 AND a.id <> $target
WITH tails, a, sum(r.polarity * r.weight) AS first
MATCH (a)-[m:{{rel_types}}]-(b:Actor)
WHERE m.weight > 0 AND b IN tails
WITH a, first, b, sum(m.polarity * m.weight) AS middle
MATCH (b)-[q:{{rel_types}}]-(:Actor {id: $target})
WHERE q.weight > 0
RETURN a.id AS a, b.id AS b, first, middle, sum(q.polarity * q.weight) AS last

// The three-step paths between two actors over the TIEs (with $positive_only, positive ones): each middle pair with the net stances of its three steps.
MATCH (:Actor {id: $source})-[f:TIE]-(a:Actor)-[m:TIE]-(b:Actor)-[l:TIE]-(:Actor {id: $target})
WHERE (f.stance > 0 AND m.stance > 0 AND l.stance > 0) OR NOT $positive_only
RETURN a.id AS a, b.id AS b, f.stance AS first, m.stance AS middle, l.stance AS last

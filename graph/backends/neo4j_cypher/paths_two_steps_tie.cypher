// The two-step paths between two actors over the TIEs (with $positive_only, positive ones): each middle actor with the net stances of both its steps.
MATCH (:Actor {id: $source})-[f:TIE]-(m:Actor)-[s:TIE]-(:Actor {id: $target})
WHERE (f.stance > 0 AND s.stance > 0) OR NOT $positive_only
RETURN m.id AS middle, f.stance AS first, s.stance AS second

// The two-step paths between two actors over the TIEs: each middle actor with the net stances of both its steps.
MATCH (:Actor {id: $source})-[f:TIE]-(m:Actor)-[s:TIE]-(:Actor {id: $target})
RETURN m.id AS middle, f.stance AS first, s.stance AS second

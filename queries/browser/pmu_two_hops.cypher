// Everything within two hops of the Popular Mobilisation units, over relationships that hold.
MATCH p = (:Actor {id: 'popular-mobilisation-forces'})-[:ALLIED_WITH|COOPERATES_WITH|SUPPORTS|NEGOTIATES_WITH|OPPOSES|THREATENS|SANCTIONS|ATTACKS|FIGHTS|LEADS|MEMBER_OF|FOUNDED|SPLINTER_OF*1..2]-(:Actor)
WHERE all(r IN relationships(p) WHERE r.weight > 0)
RETURN p
LIMIT 300

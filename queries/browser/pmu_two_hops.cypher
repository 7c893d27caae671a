// Everything within two hops of the Popular Mobilisation units.
MATCH p = (pmu:Actor {id: 'popular-mobilisation-forces'})-[:ALLIED_WITH|COOPERATES_WITH|SUPPORTS|NEGOTIATES_WITH|OPPOSES|THREATENS|SANCTIONS|ATTACKS|FIGHTS|LEADS|MEMBER_OF|FOUNDED|SPLINTER_OF*1..2]-(:Actor)
RETURN p
LIMIT 300

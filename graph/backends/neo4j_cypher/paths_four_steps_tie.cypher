// The four-step paths between two actors over the TIEs (with $positive_only, positive ones), met in the middle: each middle triple with the net stances of its four steps.
MATCH (s:Actor {id: $source})-[f:TIE]-(a:Actor)-[m:TIE]-(c:Actor),
      (c)-[n:TIE]-(b:Actor)-[l:TIE]-(t:Actor {id: $target})
USING JOIN ON c
WHERE a <> t AND b <> s AND a <> b AND c <> s AND c <> t
  AND ((f.stance > 0 AND m.stance > 0 AND n.stance > 0 AND l.stance > 0) OR NOT $positive_only)
RETURN a.id AS a, c.id AS c, b.id AS b,
       f.stance AS first, m.stance AS second, n.stance AS third, l.stance AS last

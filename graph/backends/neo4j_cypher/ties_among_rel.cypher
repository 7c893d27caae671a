// The ties among a neighbourhood's actors: their relations in all, and those kept (centre's ties, then strongest, whole).
MATCH (a:Actor)-[r:{{rel_types}}]->(b:Actor)
WHERE a.id IN $ids AND b.id IN $ids AND r.weight > 0 AND type(r) IN $types
WITH CASE WHEN a.id < b.id THEN [a.id, b.id] ELSE [b.id, a.id] END AS pair, r
WITH pair, collect(r) AS relations, round(sum(r.polarity * r.weight), 6) AS stance
ORDER BY $centre IN pair DESC, abs(stance) DESC, pair[0], pair[1]
WITH collect(relations) AS ties, collect(size(relations)) AS sizes
WITH ties, sizes,
     reduce(s = [0, 0, 1], n IN sizes |
       CASE WHEN s[2] = 1 AND s[0] + n <= $max_relations THEN [s[0] + n, s[1] + 1, 1]
            ELSE [s[0], s[1], 0] END) AS cut
RETURN reduce(total = 0, n IN sizes | total + n) AS total,
       [r IN reduce(kept = [], tie IN ties[0..cut[1]] | kept + tie) |
        {source: startNode(r).id, target: endNode(r).id, type: type(r), props: properties(r)}] AS relations

// The ties among a neighbourhood's actors: their relations in all, and those kept (centre's ties, then strongest, whole).
MATCH (a:Actor)-[r:{{rel_types}}]->(b:Actor)
USING JOIN ON a
WHERE a.id IN $ids AND b.id IN $ids AND r.weight > 0
WITH CASE WHEN elementId(a) < elementId(b) THEN [a, b] ELSE [b, a] END AS ends, r
WITH ends, collect(r) AS relations, round(sum(r.polarity * r.weight), 6) AS stance
WITH relations, stance,
     CASE WHEN ends[0].id < ends[1].id THEN [ends[0].id, ends[1].id] ELSE [ends[1].id, ends[0].id] END AS pair
ORDER BY $centre IN pair DESC, abs(stance) DESC, pair[0], pair[1]
WITH collect(relations) AS ties, collect(size(relations)) AS sizes
WITH ties, sizes,
     reduce(s = [0, 0, 1], n IN sizes |
       CASE WHEN s[2] = 1 AND s[0] + n <= $max_relations THEN [s[0] + n, s[1] + 1, 1]
            ELSE [s[0], s[1], 0] END) AS cut
RETURN reduce(total = 0, n IN sizes | total + n) AS total,
       [r IN reduce(kept = [], tie IN ties[0..cut[1]] | kept + tie) |
        {source: startNode(r).id, target: endNode(r).id, type: type(r),
         props: r {.weight, .polarity, .symmetric, .n_claims, .n_articles, .n_denials,
                   .first_seen, .last_seen, .evidence, .evidence_start, .evidence_end, .evidence_article}}] AS relations

// The ties among a neighbourhood's actors: their relations in all, and those kept (centre's ties, then strongest, whole).
MATCH (a:Actor)-[r:{{rel_types}}]->(b:Actor)
WHERE a.id IN $ids AND b.id IN $ids AND r.weight > 0 AND type(r) IN $types
WITH CASE WHEN a.id < b.id THEN [a.id, b.id] ELSE [b.id, a.id] END AS pair, r
WITH pair, collect(r) AS relations, round(sum(r.polarity * r.weight), 6) AS stance
ORDER BY $centre IN pair DESC, abs(stance) DESC, pair[0], pair[1]
WITH collect(relations) AS ties, sum(size(relations)) AS total
WITH total,
     reduce(acc = {kept: [], n: 0, open: true}, tie IN ties |
       CASE WHEN acc.open AND acc.n + size(tie) <= $max_relations
            THEN {kept: acc.kept + tie, n: acc.n + size(tie), open: true}
            ELSE {kept: acc.kept, n: acc.n, open: false} END) AS acc
RETURN total,
       [r IN acc.kept |
        {source: startNode(r).id, target: endNode(r).id, type: type(r), props: properties(r)}] AS relations

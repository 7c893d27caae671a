// The ties among a neighbourhood's actors over the TIEs: their relations in all, and those kept (centre's ties, then strongest, whole).
MATCH (a:Actor)-[t:TIE]->(b:Actor)
USING JOIN ON a
WHERE a.id IN $ids AND b.id IN $ids
WITH a, b, t
ORDER BY a.id = $centre OR b.id = $centre DESC, t.strength DESC, a.id, b.id
WITH collect(t.relations) AS ties, collect(size(t.relations)) AS sizes
WITH ties, sizes,
     reduce(s = [0, 0, 1], n IN sizes |
       CASE WHEN s[2] = 1 AND s[0] + n <= $max_relations THEN [s[0] + n, s[1] + 1, 1]
            ELSE [s[0], s[1], 0] END) AS cut
CALL (ties, cut) {
  UNWIND ties[0..cut[1]] AS tie
  UNWIND tie AS id
  MATCH ()-[r]->()
  WHERE elementId(r) = id
  RETURN collect({source: startNode(r).id, target: endNode(r).id, type: type(r),
                  props: r {.weight, .polarity, .symmetric, .n_claims, .n_articles, .n_denials,
                            .first_seen, .last_seen, .evidence, .evidence_start, .evidence_end, .evidence_article}}) AS relations
}
RETURN reduce(total = 0, n IN sizes | total + n) AS total, relations

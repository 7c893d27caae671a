// The holding relations of each given pair of actors ([id, id]) over the types asked for.
UNWIND $pairs AS pair
MATCH (a:Actor {id: pair[0]})-[r:{{rel_types}}]-(b:Actor {id: pair[1]})
WHERE r.weight > 0
RETURN pair, collect({source: startNode(r).id, target: endNode(r).id, type: type(r),
                      props: r {.weight, .polarity, .symmetric, .n_claims, .n_articles, .n_denials,
                                .first_seen, .last_seen, .evidence, .evidence_start, .evidence_end, .evidence_article}}) AS relations

// Every aggregated relationship of the vocabulary.
MATCH (a:Actor)-[r]->(b:Actor)
WHERE type(r) IN $types
RETURN a.id AS source, b.id AS target, type(r) AS type,
       r {.weight, .polarity, .symmetric, .n_claims, .n_articles, .n_denials,
          .first_seen, .last_seen, .evidence, .evidence_start, .evidence_end, .evidence_article} AS props
ORDER BY source, target, type

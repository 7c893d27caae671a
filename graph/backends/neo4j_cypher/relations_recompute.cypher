// Rebuild the aggregated {{rel_type}} relationships of the given keys from all their claims (none left: removed).
UNWIND $keys AS k
MATCH (a:Actor {id: k.source})
MATCH (b:Actor {id: k.target})
CALL (k) {
  OPTIONAL MATCH (c:Claim {key: k.key})
  WITH c
  ORDER BY c.modality = 'denied', c.confidence * $modality_weights[c.modality] DESC, c.date IS NULL, c.date, c.id
  RETURN sum(c.confidence * $modality_weights[c.modality]) AS weight,
         count(c) AS n_claims,
         count(DISTINCT c.article) AS n_articles,
         sum(CASE WHEN c.modality = 'denied' THEN 1 ELSE 0 END) AS n_denials,
         min(c.date) AS first_seen,
         max(c.date) AS last_seen,
         collect(c)[0] AS best
}
CALL (a, b, n_claims) {
  WITH a, b, n_claims
  WHERE n_claims = 0
  OPTIONAL MATCH (a)-[gone:{{rel_type}}]->(b)
  DELETE gone
}
CALL (a, b, weight, n_claims, n_articles, n_denials, first_seen, last_seen, best) {
  WITH a, b, weight, n_claims, n_articles, n_denials, first_seen, last_seen, best
  WHERE n_claims > 0
  MERGE (a)-[r:{{rel_type}}]->(b)
  SET r.weight = round(weight, 6),
      r.polarity = $polarity,
      r.symmetric = $symmetric,
      r.n_claims = n_claims,
      r.n_articles = n_articles,
      r.n_denials = n_denials,
      r.first_seen = first_seen,
      r.last_seen = last_seen,
      r.evidence = best.quote,
      r.evidence_start = best.evidence_start,
      r.evidence_end = best.evidence_end,
      r.evidence_article = best.article
}

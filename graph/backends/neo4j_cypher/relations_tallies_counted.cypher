// Lock the aggregated {{rel_type}} relationships of the given keys (absent ones created bare), read their running tallies (nulls: none yet) with the rank of the claim they show, and count the claims stored for them.
UNWIND $keys AS k
MATCH (a:Actor {id: k.source})
MATCH (b:Actor {id: k.target})
CALL (a, b) {
  MERGE (a)-[r:{{rel_type}}]->(b)
  RETURN r
}
OPTIONAL MATCH (shown:Claim {article: r.evidence_article, id: r.evidence_claim})
RETURN k.key AS key,
       [r.weight_sum, r.n_claims, r.n_articles, r.n_denials, r.first_seen, r.last_seen,
        r.evidence, r.evidence_start, r.evidence_end, r.evidence_article] AS tally,
       [shown.id, shown.confidence, shown.modality, shown.date] AS shown,
       COUNT {
         MATCH (c:Claim)
         USING INDEX c:Claim(key)
         WHERE c.key = k.key
       } AS claims

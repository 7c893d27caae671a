// Every actor with its holding aggregated relationships of the types asked for, each a list of a relation's fields after its source (the stance graph's one read: dates as ISO text, collected per actor so that no row waits for the others).
MATCH (a:Actor)
RETURN a.id AS id, a.data AS data, COLLECT {
  MATCH (a)-[r:{{rel_types}}]->(b:Actor)
  WHERE r.weight > 0
  RETURN [b.id, type(r), r.polarity, r.symmetric, r.weight, r.n_claims, r.n_articles,
          coalesce(r.n_denials, 0), toString(r.first_seen), toString(r.last_seen),
          r.evidence, r.evidence_start, r.evidence_end, r.evidence_article]
} AS relations

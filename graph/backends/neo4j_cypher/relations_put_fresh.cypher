// Lock the aggregated {{rel_type}} relationships of the given keys (absent ones created) and set the given figures on those never tallied whose stored claims number row.claims; which were set.
UNWIND $rows AS row
MATCH (a:Actor {id: row.source})
MATCH (b:Actor {id: row.target})
CALL (a, b) {
  MERGE (a)-[r:{{rel_type}}]->(b)
  RETURN r
}
WITH row, r,
     r.n_claims IS NULL
     AND COUNT { MATCH (c:Claim) USING INDEX c:Claim(key) WHERE c.key = row.key } = row.claims AS fresh
CALL (r, row, fresh) {
  WITH r, row, fresh
  WHERE fresh
  SET r += row.props
}
RETURN row.key AS key, fresh

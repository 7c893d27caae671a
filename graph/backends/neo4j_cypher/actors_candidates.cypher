// Candidate actors for a name (full-text matches of $query, if any, and exact name-key matches), with the merge log.
CALL () {
  UNWIND CASE WHEN $query IS NULL THEN [] ELSE [$query] END AS q
  CALL db.index.fulltext.queryNodes('actor_names', q, {limit: $limit}) YIELD node
  RETURN node
  UNION
  MATCH (node:Actor)
  WHERE $key IN node.name_keys
  RETURN node
}
WITH collect(node.data) AS candidates
RETURN candidates, COLLECT { MATCH (m:Merge) RETURN m.data AS data ORDER BY m.seq } AS merges

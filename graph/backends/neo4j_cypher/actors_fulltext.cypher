// Candidate actors for a name, from the full-text index.
CALL db.index.fulltext.queryNodes('actor_names', $query, {limit: $limit})
YIELD node, score
RETURN node.data AS data, score
ORDER BY score DESC

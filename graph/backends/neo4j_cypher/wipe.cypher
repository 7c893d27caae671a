// Delete up to $batch relationships, then (none left) up to $batch nodes, and count them (tests, the benchmark).
CALL () {
  MATCH ()-[r]->()
  WITH r
  LIMIT $batch
  DELETE r
  RETURN count(*) AS relationships
}
CALL (relationships) {
  WITH relationships
  WHERE relationships = 0
  MATCH (n)
  WITH n
  LIMIT $batch
  DELETE n
  RETURN count(*) AS nodes
}
RETURN relationships + nodes AS deleted

// Delete every node (their relationships deleted before by wipe_relationships), $batch nodes a transaction, in one pass over the nodes (tests, the benchmark; run outside an explicit transaction).
MATCH (n)
CALL (n) {
  DETACH DELETE n
} IN TRANSACTIONS OF $batch ROWS

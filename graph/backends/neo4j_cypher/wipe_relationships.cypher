// Delete every relationship, $batch a transaction, in one pass (before wipe: a hub's thousands of relationships never weigh on one transaction; tests, the benchmark).
MATCH ()-[r]->()
CALL (r) {
  DELETE r
} IN TRANSACTIONS OF $batch ROWS

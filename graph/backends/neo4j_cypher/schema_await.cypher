// Schema: wait until every index is ONLINE (a new full-text index cannot be queried before).
CALL db.awaitIndexes($seconds)

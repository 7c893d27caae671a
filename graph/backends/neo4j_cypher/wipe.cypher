// Delete up to $batch nodes with their relationships, and count them (tests and the benchmark).
MATCH (n)
WITH n
LIMIT $batch
DETACH DELETE n
RETURN count(*) AS deleted

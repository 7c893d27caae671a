// How many nodes the database holds, of any label: what wipe would delete (tests and the benchmark load only into an empty database).
RETURN COUNT { MATCH (n) } AS nodes

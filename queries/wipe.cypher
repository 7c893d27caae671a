// Delete every node and relationship (tests only).
MATCH (n)
DETACH DELETE n

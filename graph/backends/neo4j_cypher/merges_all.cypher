// The actor merge log, oldest first (undone merges included).
MATCH (m:Merge)
RETURN m.data AS data
ORDER BY m.seq

// Every claim of the given relation keys.
UNWIND $keys AS key
MATCH (c:Claim {key: key})
RETURN c.data AS data

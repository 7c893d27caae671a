// Every claim made with any of the given actor ids as source or target.
MATCH (c:Claim)
WHERE c.source IN $ids OR c.target IN $ids
RETURN c.data AS data

// Record relation keys a bulk load left to tally when it ends, committed with the claims that touched them; its id names it to the deletion once they are tallied.
CREATE (p:PendingTally {id: randomUUID(), keys: $keys})
RETURN p.id AS id

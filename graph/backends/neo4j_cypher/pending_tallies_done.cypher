// Delete the given records of keys left to tally, in the transaction that tallies the last of their keys.
MATCH (p:PendingTally)
WHERE p.id IN $ids
DELETE p

// Every record of relation keys left to tally (a bulk load under way, or one whose process died): their ids and the distinct keys they hold.
MATCH (p:PendingTally)
WITH collect(p.id) AS ids, collect(p.keys) AS lists
RETURN ids, COLLECT { UNWIND lists AS keys UNWIND keys AS key RETURN DISTINCT key } AS keys

// The data's revision: its epoch and count of changes (nulls: no actorgraph write since the database was emptied or imported).
OPTIONAL MATCH (r:Revision {key: 'data'})
RETURN r.epoch AS epoch, r.changes AS changes

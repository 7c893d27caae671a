// The data's revision: its epoch and count of changes (nulls: the database was emptied and not written to since).
OPTIONAL MATCH (r:Revision {key: 'data'})
RETURN r.epoch AS epoch, r.changes AS changes

// Count one more change of the data, last in every write transaction of the store (a new epoch when the node is new), so a process keeping a stance graph drawn at an earlier count draws it again.
MERGE (r:Revision {key: 'data'})
  ON CREATE SET r.epoch = randomUUID(), r.changes = 0
SET r.changes = r.changes + 1

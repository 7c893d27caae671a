// A revision node for data that has none (a database made by neo4j-admin import): on connect, so what the store reads is kept from the first read; an empty database stays empty.
OPTIONAL MATCH (r:Revision {key: 'data'})
WITH r
WHERE r IS NULL AND EXISTS { MATCH (:Actor) }
MERGE (made:Revision {key: 'data'})
  ON CREATE SET made.epoch = randomUUID(), made.changes = 0

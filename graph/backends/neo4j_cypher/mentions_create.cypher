// Create the mentions of actors in articles, one relationship per article and actor holding every span of it in order, batched.
UNWIND $rows AS row
MATCH (ar:Article {id: row.article})
MATCH (a:Actor {id: row.actor})
CREATE (ar)-[:MENTIONS {starts: row.starts, ends: row.ends, texts: row.texts}]->(a)

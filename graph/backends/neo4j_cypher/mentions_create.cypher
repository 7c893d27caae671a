// Create mentions of actors in articles, batched over articles.
UNWIND $rows AS row
MATCH (ar:Article {id: row.article})
MATCH (a:Actor {id: row.actor})
CREATE (ar)-[:MENTIONS {start: row.start, end: row.end, text: row.text}]->(a)

// Create an article's mentions, batched.
MATCH (ar:Article {id: $article})
UNWIND $rows AS row
MATCH (a:Actor {id: row.actor})
CREATE (ar)-[:MENTIONS {start: row.start, end: row.end, text: row.text}]->(a)

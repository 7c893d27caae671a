// The evidence behind one relationship: the claims, their quotes and their articles.
MATCH (ar:Article)-[:REPORTS]->(c:Claim)-[:SOURCE]->(s:Actor {id: 'popular-mobilisation-forces'})
MATCH (c)-[:TARGET]->(t:Actor {id: 'syrian-arab-army'})
RETURN c.type AS relation, c.modality AS modality, c.confidence AS confidence, c.date AS date,
       c.quote AS quote, ar.title AS article, ar.publisher AS publisher
ORDER BY date

// The evidence behind one relationship (PMU and the Syrian Arab Army cooperate): its claims, quotes and articles.
MATCH (ar:Article)-[:REPORTS]->(c:Claim {type: 'COOPERATES_WITH'})-[:SOURCE|TARGET]->(:Actor {id: 'popular-mobilisation-forces'})
MATCH (c)-[:SOURCE|TARGET]->(:Actor {id: 'syrian-arab-army'})
RETURN c.source AS source, c.type AS relation, c.target AS target, c.modality AS modality,
       c.confidence AS confidence, c.date AS date, c.quote AS quote,
       ar.title AS article, ar.publisher AS publisher, ar.url AS url
ORDER BY date, c.id

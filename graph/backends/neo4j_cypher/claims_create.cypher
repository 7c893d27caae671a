// Create claims with their provenance (article, source, target, attribution), batched over articles.
UNWIND $rows AS row
MATCH (ar:Article {id: row.article})
MATCH (s:Actor {id: row.source})
MATCH (t:Actor {id: row.target})
MERGE (c:Claim {id: row.id})
SET c.type = row.type,
    c.key = row.key,
    c.source = row.source,
    c.target = row.target,
    c.article = row.article,
    c.confidence = row.confidence,
    c.modality = row.modality,
    c.date = row.date,
    c.valid_from = row.valid_from,
    c.valid_to = row.valid_to,
    c.quote = row.quote,
    c.evidence_start = row.evidence_start,
    c.evidence_end = row.evidence_end,
    c.place_country = row.place_country,
    c.place = row.place,
    c.data = row.data
MERGE (ar)-[:REPORTS]->(c)
MERGE (c)-[:SOURCE]->(s)
MERGE (c)-[:TARGET]->(t)
WITH c, row
OPTIONAL MATCH (w:Actor {id: row.attributed_to})
FOREACH (_ IN CASE WHEN w IS NULL THEN [] ELSE [1] END | MERGE (c)-[:ATTRIBUTED_TO]->(w))

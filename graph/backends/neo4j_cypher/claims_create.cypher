// Create the claims of articles whose claims were cleared or never stored, with their provenance (article, source, target, attribution), batched.
UNWIND $rows AS row
MATCH (ar:Article {id: row.article})
MATCH (s:Actor {id: row.source})
MATCH (t:Actor {id: row.target})
CREATE (ar)-[:REPORTS]->(c:Claim {
  id: row.id,
  type: row.type,
  key: row.key,
  source: row.source,
  target: row.target,
  article: row.article,
  attributed_to: row.attributed_to,
  confidence: row.confidence,
  modality: row.modality,
  date: row.date,
  valid_from: row.valid_from,
  valid_to: row.valid_to,
  quote: row.quote,
  evidence_start: row.evidence_start,
  evidence_end: row.evidence_end,
  mode: row.mode,
  certainty: row.certainty,
  support_type: row.support_type,
  attributes: row.attributes,
  place_name: row.place_name,
  place_admin1: row.place_admin1,
  place_admin2: row.place_admin2,
  place_country: row.place_country,
  place_precision: row.place_precision,
  place: row.place
})
CREATE (c)-[:SOURCE]->(s)
CREATE (c)-[:TARGET]->(t)
WITH c, row
WHERE row.attributed_to IS NOT NULL
MATCH (w:Actor {id: row.attributed_to})
CREATE (c)-[:ATTRIBUTED_TO]->(w)

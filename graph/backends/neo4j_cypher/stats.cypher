// Counts of actors, articles, claims and holding relations (COUNT subqueries: any Neo4j 5).
RETURN COUNT { MATCH (:Actor) } AS actors,
       COUNT { MATCH (:Article) } AS articles,
       COUNT { MATCH (:Claim) } AS claims,
       COUNT {
         MATCH (:Actor)-[r]->(:Actor)
         WHERE type(r) IN $types AND r.weight > 0
       } AS relations

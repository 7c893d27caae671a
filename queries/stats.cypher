// Counts of actors, articles, claims and holding relations.
CALL () { MATCH (a:Actor) RETURN count(a) AS actors }
CALL () { MATCH (ar:Article) RETURN count(ar) AS articles }
CALL () { MATCH (c:Claim) RETURN count(c) AS claims }
CALL () {
  MATCH (:Actor)-[r]->(:Actor)
  WHERE type(r) IN $types AND r.weight > 0
  RETURN count(r) AS relations
}
RETURN actors, articles, claims, relations

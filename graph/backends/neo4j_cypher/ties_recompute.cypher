// Rebuild the TIE of each given pair of actors ([lower id, higher id]): its net stance and the element ids of its holding relations (none: removed).
UNWIND $pairs AS pair
MATCH (a:Actor {id: pair[0]})
MATCH (b:Actor {id: pair[1]})
CALL (a, b) {
  OPTIONAL MATCH (a)-[r:{{rel_types}}]-(b)
  WHERE r.weight > 0
  RETURN round(sum(r.polarity * r.weight), 6) AS stance, collect(elementId(r)) AS relations
}
CALL (a, b, relations) {
  WITH a, b, relations
  WHERE size(relations) = 0
  OPTIONAL MATCH (a)-[gone:TIE]->(b)
  DELETE gone
}
CALL (a, b, stance, relations) {
  WITH a, b, stance, relations
  WHERE size(relations) > 0
  MERGE (a)-[t:TIE]->(b)
  SET t.stance = stance, t.strength = abs(stance), t.relations = relations
}

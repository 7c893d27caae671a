// An actor's allies ($sign 1) or enemies (-1) from the aggregated relationships: each other actor with its tie's polar relations.
MATCH (:Actor {id: $id})-[r:{{rel_types}}]-(other:Actor)
WHERE r.weight > 0 AND r.polarity <> 0 AND type(r) IN $types
WITH other, collect(r) AS relations, sum(r.polarity * r.weight) AS net
WHERE net * $sign > 0
RETURN other.data AS actor,
       [r IN relations |
        {source: startNode(r).id, target: endNode(r).id, type: type(r), props: properties(r)}] AS relations

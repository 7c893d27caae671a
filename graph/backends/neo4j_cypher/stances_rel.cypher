// An actor's allies ($sign 1) or enemies (-1) over the polar types asked for: each with its net stance and its relations of that sign.
MATCH (:Actor {id: $id})-[r:{{rel_types}}]-(other:Actor)
WHERE r.weight > 0
WITH other, sum(r.polarity * r.weight) AS net, collect(r) AS relations
WHERE net * $sign > 0
RETURN other.data AS actor, net,
       [r IN relations WHERE r.polarity = $sign |
        {source: startNode(r).id, target: endNode(r).id, type: type(r),
         props: r {.weight, .polarity, .symmetric, .n_claims, .n_articles, .n_denials,
                   .first_seen, .last_seen, .evidence, .evidence_start, .evidence_end, .evidence_article}}] AS relations

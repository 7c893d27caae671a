// Delete an article's mentions.
MATCH (:Article {id: $id})-[m:MENTIONS]->(:Actor)
DELETE m

// One article with its text.
MATCH (ar:Article {id: $id})
RETURN ar.data AS data, ar.text AS text

// Delete an article node.
MATCH (ar:Article {id: $id})
DETACH DELETE ar

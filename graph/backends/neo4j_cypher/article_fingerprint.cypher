// The stored fingerprint of an article, if any.
MATCH (ar:Article {id: $id})
RETURN ar.fingerprint AS fingerprint

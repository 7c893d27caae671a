// The stored fingerprints of the articles among the given ids.
UNWIND $ids AS id
MATCH (ar:Article {id: id})
RETURN ar.id AS id, ar.fingerprint AS fingerprint

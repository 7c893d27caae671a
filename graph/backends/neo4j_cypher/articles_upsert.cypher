// Create or update article nodes, batched.
UNWIND $rows AS row
MERGE (ar:Article {id: row.id})
SET ar.title = row.title,
    ar.url = row.url,
    ar.publisher = row.publisher,
    ar.published = row.published,
    ar.kind = row.kind,
    ar.text = row.text,
    ar.fingerprint = row.fingerprint,
    ar.data = row.data

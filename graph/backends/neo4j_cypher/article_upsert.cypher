// Create or update an article node.
MERGE (ar:Article {id: $id})
SET ar.title = $title,
    ar.url = $url,
    ar.publisher = $publisher,
    ar.published = $published,
    ar.kind = $kind,
    ar.text = $text,
    ar.fingerprint = $fingerprint,
    ar.data = $data

// Every claim made with any of the given actor ids as source or target (its properties, and the JSON an earlier version stored in data).
MATCH (c:Claim)
WHERE c.source IN $ids OR c.target IN $ids
RETURN c.data AS data,
       [c.article, c.id, c.source, c.target, c.type, c.confidence, c.modality,
        toString(c.date), toString(c.valid_from), toString(c.valid_to),
        c.quote, c.evidence_start, c.evidence_end, c.attributed_to,
        c.mode, c.certainty, c.support_type, c.attributes,
        c.place_name, c.place_admin1, c.place_admin2, c.place_country,
        c.place.latitude, c.place.longitude, c.place_precision] AS claim

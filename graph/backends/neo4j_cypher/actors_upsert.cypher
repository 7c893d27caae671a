// Create or update actors, batched.
UNWIND $rows AS row
MERGE (a:Actor {id: row.id})
SET a.name = row.name,
    a.kind = row.kind,
    a.aliases = row.aliases,
    a.alias_text = row.alias_text,
    a.country = row.country,
    a.name_keys = row.name_keys,
    a.unresolved = row.unresolved,
    a.data = row.data

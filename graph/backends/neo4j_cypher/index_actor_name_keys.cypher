// Schema: index on the normalised name keys used for exact resolution.
CREATE INDEX actor_name_keys IF NOT EXISTS FOR (a:Actor) ON (a.name_keys)

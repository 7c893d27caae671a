// Schema: full-text index on actor names and aliases.
CREATE FULLTEXT INDEX actor_names IF NOT EXISTS FOR (a:Actor) ON EACH [a.name, a.alias_text]

// Schema: index on the relation key of claims, for recomputing relations.
CREATE INDEX claim_key IF NOT EXISTS FOR (c:Claim) ON (c.key)

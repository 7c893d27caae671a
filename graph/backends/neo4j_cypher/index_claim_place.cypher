// Schema: point index on where claims were acted out, for bounding-box queries.
CREATE POINT INDEX claim_place IF NOT EXISTS FOR (c:Claim) ON (c.place)

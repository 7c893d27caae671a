// Schema: index on the country claims were acted out in, for country queries.
CREATE INDEX claim_country IF NOT EXISTS FOR (c:Claim) ON (c.place_country)

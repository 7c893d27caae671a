// Schema: index on claim dates, for time-window queries.
CREATE INDEX claim_date IF NOT EXISTS FOR (c:Claim) ON (c.date)

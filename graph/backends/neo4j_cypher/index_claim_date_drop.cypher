// Schema: drop the index on claim dates of earlier versions (no statement seeks by it; every claim written paid an entry in it).
DROP INDEX claim_date IF EXISTS

// Schema: drop the index on claim countries of earlier versions (no statement seeks by it; every placed claim written paid an entry in it).
DROP INDEX claim_country IF EXISTS

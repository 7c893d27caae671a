// Schema: drop the point index on claim places of earlier versions (no statement seeks by it; every placed claim written paid an entry in it).
DROP INDEX claim_place IF EXISTS

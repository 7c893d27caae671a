// Schema: drop the constraint of earlier versions that held claim ids unique across articles.
DROP CONSTRAINT claim_id IF EXISTS

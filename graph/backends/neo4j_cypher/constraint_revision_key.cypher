// One revision node of the data, so concurrent writers merging it never make two.
CREATE CONSTRAINT revision_key IF NOT EXISTS FOR (r:Revision) REQUIRE r.key IS UNIQUE

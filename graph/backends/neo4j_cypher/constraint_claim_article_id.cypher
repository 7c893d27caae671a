// Schema: a claim's id is unique within its article (two sources may number their claims alike).
CREATE CONSTRAINT claim_article_id IF NOT EXISTS FOR (c:Claim) REQUIRE (c.article, c.id) IS UNIQUE

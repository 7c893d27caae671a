// Test set-up: leave the data as neo4j-admin import makes it, with no TIE and no revision node.
OPTIONAL MATCH ()-[t:TIE]->()
DELETE t
WITH count(*) AS gone
OPTIONAL MATCH (r:Revision)
DELETE r

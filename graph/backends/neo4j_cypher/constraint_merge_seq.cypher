// One merge-log entry per sequence number.
CREATE CONSTRAINT merge_seq IF NOT EXISTS FOR (m:Merge) REQUIRE m.seq IS UNIQUE

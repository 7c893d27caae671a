// Remove the mark of a TIE build, in the transaction that builds its last TIEs.
MATCH (m:TieBuild)
DELETE m

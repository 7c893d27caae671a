// Whether the TIEs must be built: a build was cut short, or the data holds aggregated relations but no TIE at all, as a database made by neo4j-admin import does.
RETURN EXISTS { MATCH (:TieBuild) }
       OR (NOT EXISTS { ()-[:TIE]->() }
           AND EXISTS { MATCH (:Actor)-[r:{{rel_types}}]->(:Actor) WHERE r.weight > 0 }) AS missing

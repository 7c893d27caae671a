// Whether the data holds aggregated relations but no TIE at all, as a database made by neo4j-admin import does (its TIEs are then built).
RETURN NOT EXISTS { ()-[:TIE]->() }
       AND EXISTS { MATCH (:Actor)-[r:{{rel_types}}]->(:Actor) WHERE r.weight > 0 } AS missing

// Point claims at the relation they now count towards (null: towards none), batched.
UNWIND $rows AS row
MATCH (c:Claim {article: row.article, id: row.id})
SET c.key = row.key

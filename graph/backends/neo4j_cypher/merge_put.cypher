// Record a merge of two actors, or its undoing, in the merge log.
MERGE (m:Merge {seq: $seq})
SET m.source = $source, m.target = $target, m.active = $active, m.data = $data

// Delete the revision node first when wiping (tests, the benchmark): from then on no process keeps a stance graph drawn while the wipe runs.
MATCH (r:Revision)
DELETE r

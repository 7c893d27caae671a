// Mark that the TIEs of data imported without them are being built (a build cut short leaves the mark: the next connection builds them all again).
MERGE (:TieBuild {key: 'data'})

"""The stance traversal every backend runs: neighbourhoods, signed paths, allies and enemies,
over the networkx stance graph built from a store's relations."""

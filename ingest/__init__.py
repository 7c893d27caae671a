"""Ingestion: format readers (``loaders/``) parse and resolve an input, this package writes it
to a store (``graph/``), wholly or not at all."""

"""The Cypher statements the Neo4j store sends, one per ``.cypher`` file (package data)."""

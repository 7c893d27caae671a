"""Settings, from the environment (``ACTORGRAPH_*``, ``NEO4J_*``) or a ``.env`` file.

Read once by the CLI or the app factory; nothing is read at import time.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import AliasChoices, Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    """Every setting of the service; see the README's configuration table."""

    model_config = SettingsConfigDict(
        env_prefix="ACTORGRAPH_", env_file=".env", extra="ignore", frozen=True
    )

    store: str = Field(
        "data/actorgraph.sqlite",
        description="An embedded store file path, or a neo4j:// / bolt:// URI.",
    )
    vocabulary: Path | None = Field(None, description="Extra vocabulary file (YAML).")
    neo4j_user: str = Field(
        "neo4j", validation_alias=AliasChoices("NEO4J_USER", "ACTORGRAPH_NEO4J_USER")
    )
    neo4j_password: SecretStr = Field(
        SecretStr(""), validation_alias=AliasChoices("NEO4J_PASSWORD", "ACTORGRAPH_NEO4J_PASSWORD")
    )
    neo4j_database: str | None = Field(
        None, validation_alias=AliasChoices("NEO4J_DATABASE", "ACTORGRAPH_NEO4J_DATABASE")
    )
    neo4j_timeout: float = Field(
        10.0, gt=0, description="Seconds to wait for Neo4j (connection and retries)."
    )
    host: str = "127.0.0.1"
    port: int = 8000

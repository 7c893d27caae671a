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
    api_token: SecretStr | None = Field(
        None, description="Bearer token required for writes; without it writes are refused."
    )
    protect_reads: bool = Field(False, description="Require the token for reads too.")
    cors_origins: list[str] = Field(
        default_factory=list, description="Origins allowed by CORS; empty means CORS is off."
    )
    max_body_bytes: int = Field(5_000_000, gt=0, description="Largest request body accepted.")
    max_text_file_bytes: int = Field(
        20_000_000,
        gt=0,
        description="Largest text file a loaded document may name (text_file, a brat .txt).",
    )
    query_seconds: float = Field(10.0, gt=0, description="Time budget of one query.")
    log_format: str = Field("text", pattern="^(text|json)$", description="text or json logs.")
    sqlite_busy_seconds: float = Field(
        10.0, gt=0, description="How long an embedded-store write waits for another writer."
    )
    workers: int = Field(
        1,
        ge=1,
        le=64,
        description="Server processes (serve). Each keeps its own index of the store and "
        "catches up with the others' writes; an embedded store needs a file, not :memory:.",
    )
    host: str = "127.0.0.1"
    port: int = 8000

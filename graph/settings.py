"""Connection settings: `NEO4J_URI` and friends when set, else the project's local Neo4j."""

import json
import os
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from graph.errors import ConfigError
from graph.paths import var_dir

SCHEMES = ("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc")
DEFAULT_QUERY_TIMEOUT = 30.0


@dataclass(frozen=True)
class Settings:
    uri: str
    user: str
    password: str
    database: str
    local: bool
    query_timeout: float = DEFAULT_QUERY_TIMEOUT

    def describe(self) -> str:
        where = "the local Neo4j" if self.local else "NEO4J_URI"
        return f"{self.uri} ({where}, database {self.database!r})"


def external_uri_configured() -> bool:
    return bool(os.environ.get("NEO4J_URI", "").strip())


def validate_uri(uri: str) -> str:
    parts = urlsplit(uri)
    if parts.scheme not in SCHEMES or not parts.hostname:
        raise ConfigError(
            f"NEO4J_URI {uri!r} is not a Neo4j URI; use one like bolt://host:7687, neo4j://host:7687 "
            f"or neo4j+s://xxxx.databases.neo4j.io (schemes: {', '.join(SCHEMES)})."
        )
    try:
        parts.port  # noqa: B018 - raises ValueError on a bad port
    except ValueError:
        raise ConfigError(f"NEO4J_URI {uri!r} has an invalid port; use a number such as 7687.") from None
    return uri


def _query_timeout() -> float:
    raw = os.environ.get("COGRAPH_QUERY_TIMEOUT", "")
    if not raw:
        return DEFAULT_QUERY_TIMEOUT
    try:
        value = float(raw)
    except ValueError:
        raise ConfigError(f"COGRAPH_QUERY_TIMEOUT {raw!r} is not a number of seconds; use e.g. 30.") from None
    if value <= 0:
        raise ConfigError(f"COGRAPH_QUERY_TIMEOUT {raw!r} must be positive; use e.g. 30.")
    return value


def local_state_file() -> Path:
    return var_dir() / "neo4j" / "state.json"


def password_file() -> Path:
    return var_dir() / "neo4j-password"


def from_env() -> Settings:
    """Settings for this process: the external server if `NEO4J_URI` is set, else the local one."""
    timeout = _query_timeout()
    if external_uri_configured():
        uri = validate_uri(os.environ["NEO4J_URI"].strip())
        return Settings(
            uri=uri,
            user=os.environ.get("NEO4J_USER", "neo4j"),
            password=os.environ.get("NEO4J_PASSWORD", ""),
            database=os.environ.get("NEO4J_DATABASE", "neo4j"),
            local=False,
            query_timeout=timeout,
        )
    state = local_state_file()
    if not state.is_file() or not password_file().is_file():
        raise ConfigError(
            "No Neo4j is configured: start the local one with `cograph neo4j start` "
            "or set NEO4J_URI (with NEO4J_USER and NEO4J_PASSWORD) to use your own Neo4j 5 server."
        )
    recorded = json.loads(state.read_text())
    return Settings(
        uri=f"bolt://127.0.0.1:{int(recorded['bolt_port'])}",
        user="neo4j",
        password=password_file().read_text().strip(),
        database="neo4j",
        local=True,
        query_timeout=timeout,
    )

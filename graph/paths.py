"""Where cograph keeps its local state (the Neo4j it runs, the generated password)."""

import os
from pathlib import Path


def project_root() -> Path:
    """The checkout this package was installed from, else the current directory."""
    here = Path(__file__).resolve().parent.parent
    if (here / "pyproject.toml").is_file():
        return here
    return Path.cwd()


def var_dir() -> Path:
    """`COGRAPH_VAR` if set, else `var/` in the checkout (git-ignored)."""
    configured = os.environ.get("COGRAPH_VAR")
    return Path(configured).resolve() if configured else project_root() / "var"

"""Moved to `ontology.model`, the one domain model; this name stays only so code written against it imports."""

from ontology.model import *  # noqa: F403
from ontology.model import __all__  # noqa: F401

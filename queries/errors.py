"""Errors of the analytics queries, each one sentence naming the argument and what to do."""

from ontology.errors import CographError


class InvalidFilter(CographError):
    """A filter value (country, region, theme, ...) is malformed or names nothing in the graph."""

"""Errors of the partner sync: each one sentence naming the file, option or value and what to do."""

from ontology.errors import CographError


class LoadError(CographError):
    """A load cannot start or go on (a missing file, an unknown format, options that contradict)."""

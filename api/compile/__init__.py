"""The compiled read path: a root list's selection set as one Cypher statement shaped like the response."""

from api.compile.execution import COMPILED_ROOTS, SWITCH, CompilingExecutionContext, compiled_enabled

__all__ = ["COMPILED_ROOTS", "SWITCH", "CompilingExecutionContext", "compiled_enabled"]

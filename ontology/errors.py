"""The one root error of cograph; every package's errors derive from it."""


class CographError(Exception):
    """A failure the user can act on: the message says what failed and what to do."""


class OntologyError(CographError):
    """The ontology's Turtle is unreadable or a name asked of it does not exist."""


class RdfSyntaxError(CographError):
    """An RDF document could not be parsed; the message names the file and, when known, the line."""


class ShapeViolations(CographError):
    """RDF data breaks the SHACL shapes; `violations` lists each broken rule in plain words."""

    def __init__(self, message: str, violations: list[object]) -> None:
        super().__init__(message)
        self.violations = violations

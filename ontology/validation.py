"""SHACL validation of RDF data against cograph's shapes, reported as plain-language violations."""

from __future__ import annotations

import datetime as dt
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from pyshacl import validate as shacl_validate
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SH
from rdflib.term import Node

from ontology.fields import MAX_TEXT, date_problem, language_tag_problem, number_problem, text_problem
from ontology.mapping import most_specific
from ontology.namespaces import CG, CGS
from ontology.rdf import with_equivalents
from ontology.turtle import ontology_graph, shapes_graph

__all__ = ["Violation", "validate"]


@dataclass(frozen=True, order=True)
class Violation:
    """One broken rule: which record, which field, which rule, and a sentence saying what to fix."""

    record_iri: str
    field: str
    rule: str
    message: str


def validate(data: Graph) -> list[Violation]:
    """Every violation of the shapes by `data`, checked with the ontology under RDFS inference (empty if valid)."""
    expanded = with_equivalents(data)
    # The ontology is mixed in by hand: the code-list rules query the concept schemes as data.
    combined = expanded + _ontology_as_data()
    with warnings.catch_warnings():
        # rdflib warns when pyshacl compares an ill-typed literal (a date "2020-13-01"); that literal is
        # reported as a datatype violation, which is the useful outcome.
        warnings.filterwarnings("ignore", category=DeprecationWarning, module=r"rdflib\..*")
        _, results, _ = shacl_validate(
            combined,
            shacl_graph=shapes_graph(),
            inference="rdfs",
            abort_on_first=False,
            allow_warnings=False,
            meta_shacl=False,
            advanced=True,
        )
    # Only records of `data` are reported: nodes it types with a cg: class, not nodes it merely links to
    # (their type is inferred from rdfs:range) nor the ontology's own concepts.
    records = {s for s, o in expanded.subject_objects(RDF.type) if isinstance(o, URIRef) and o.startswith(CG)}
    violations = {
        _violation(results, result, expanded)
        for result in results.subjects(RDF.type, SH.ValidationResult)
        if results.value(result, SH.focusNode) in records
    }
    violations.update(_field_rule_violations(data, records))
    return sorted(violations)


def _field_rule_violations(data: Graph, records: set[Node]) -> Iterator[Violation]:
    """ontology.fields' rules (the ones files and mutations obey) for every literal of a record."""
    for subject, predicate, value in data:
        if subject not in records or not isinstance(value, Literal):
            continue
        field = _short(predicate)
        native = value.toPython()
        reasons = [
            language_tag_problem(value.language) if value.language else None,
            text_problem(str(value), MAX_TEXT),
            date_problem(native) if isinstance(native, dt.date) else None,
            number_problem(float(native))
            if isinstance(native, int | float | Decimal) and not isinstance(native, bool)
            else None,
        ]
        for reason in (r for r in reasons if r):
            shown = value.language if reason == reasons[0] else _shown(value)[:80]
            yield Violation(str(subject), field, "field rule", f"Record <{subject}>: {field!r} {shown} {reason}.")


@lru_cache(maxsize=1)
def _ontology_as_data() -> Graph:
    return with_equivalents(ontology_graph())


def _violation(results: Graph, result: Node, data: Graph) -> Violation:
    focus = results.value(result, SH.focusNode)
    path = results.value(result, SH.resultPath)
    value = results.value(result, SH.value)
    component = results.value(result, SH.sourceConstraintComponent)
    shape = results.value(result, SH.sourceShape)
    constraint = results.value(result, SH.sourceConstraint)
    field = _short(path) if path is not None else ""
    rule, explanation = _explain(component, shape, constraint, value, results.value(result, SH.resultMessage))
    kinds = most_specific(
        tuple(str(t)[len(CG) :] for t in data.objects(focus, RDF.type) if isinstance(t, URIRef) and t.startswith(CG))
    )
    record = f"{' '.join(kinds) or 'Record'} <{focus}>"
    subject = f"{record}: {field!r} " if field else f"{record} "
    return Violation(str(focus), field, rule, f"{subject}{explanation}.")


def _short(term: Node | None) -> str:
    text = str(term)
    for separator in ("#", "/"):
        if separator in text and not text.endswith(separator):
            text = text.rsplit(separator, 1)[-1]
    return text


def _shown(value: Node | None) -> str:
    if isinstance(value, Literal):
        return repr(str(value))
    return f"<{value}>" if value is not None else "(none)"


def _explain(
    component: Node | None, shape: Node | None, constraint: Node | None, value: Node | None, message: Node | None
) -> tuple[str, str]:
    """The rule's name and a plain sentence for a SHACL result, from its constraint component."""
    shapes = shapes_graph()
    kind = _short(component).removesuffix("ConstraintComponent")

    def parameter(name: str) -> Node | None:
        return shapes.value(shape, SH[name]) if shape is not None else None

    if kind == "MinCount":
        count = int(str(parameter("minCount")))
        return ("required", "is required but missing" if count == 1 else f"needs at least {count} values")
    if kind == "MaxCount":
        count = int(str(parameter("maxCount")))
        return ("single value", "must have one value only" if count == 1 else f"must have at most {count} values")
    if kind == "Datatype":
        return ("datatype", f"value {_shown(value)} is not a valid {_short(parameter('datatype'))}")
    if kind == "Or":
        return ("datatype", f"value {_shown(value)} is not text (a string, with or without a language)")
    if kind == "NodeKind":
        return ("link", f"must link to a record by IRI, not {_shown(value)}")
    if kind == "Pattern":
        return ("format", f"value {_shown(value)} does not have the expected form {parameter('pattern')}")
    if kind == "MinLength":
        return ("required", "must not be empty")
    if kind in ("MinInclusive", "MaxInclusive"):
        low, high = parameter("minInclusive"), parameter("maxInclusive")
        bounds = f"between {low} and {high}" if low is not None and high is not None else (
            f"at least {low}" if low is not None else f"at most {high}"
        )
        return ("range", f"value {_shown(value)} must be {bounds}")
    if kind == "In":
        return ("code list", f"value {_shown(value)} is not one of the allowed values")
    if kind == "UniqueLang":
        return ("one per language", "has more than one value in the same language")
    if kind == "LessThanOrEquals":
        other = _short(parameter("lessThanOrEquals"))
        return ("date order", f"{_shown(value)} is after {other!r}; the end must not be before the start")
    if kind == "CodeList":
        listed = shapes.value(shape, CGS.inCodeList)
        return ("code list", f"value {_shown(value)} is not a code of the {_short(listed)} list")
    if constraint is not None and (label := shapes.value(constraint, RDFS.label)) is not None:
        return (str(label), str(message) if message is not None else str(label))
    return (kind or "shape", str(message) if message is not None else "breaks a shape")

"""The peer's type definitions (@neo4j/graphql 7), generated from cograph's ontology: one source of truth.

bench/api.py measures cograph against @neo4j/graphql on the same graph, so the peer must read the labels,
relationship types, directions and node properties cograph writes. Only the GraphQL names of the relationship
fields are chosen here (`participations`, `countries` ...); each stands for a cg: object property, whose
relationship type, domain and range (so the direction) come from ontology/cograph.ttl, and every scalar field
is a node property the domain model (ontology/model.py, checked against shapes.ttl) gives the class.

    .venv/bin/python -m bench.peer_typedefs          # writes bench/peer/typedefs.graphql
"""

from __future__ import annotations

import datetime as dt
import sys
import typing
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rdflib.namespace import RDFS

from ontology.errors import OntologyError
from ontology.mapping import labels_for, local_name, model, relationship_type
from ontology.model import entity_classes, property_names
from ontology.namespaces import CG
from ontology.schema import class_schema
from ontology.turtle import schema_graph
from queries.catalog import PROJECT_ORDER, PROJECT_VISIBLE

__all__ = ["PEER_TYPES", "TYPEDEFS_PATH", "Link", "Walk", "render", "typedefs"]

TYPEDEFS_PATH = Path(__file__).resolve().parent / "peer" / "typedefs.graphql"


@dataclass(frozen=True)
class Link:
    """A relationship field of the peer: the GraphQL name and the cg: object property it follows.

    `inverse`: the field walks the property backwards (an organization's participations follow
    cg:participant from the Participation to the Organization)."""

    field: str
    prop: str
    inverse: bool = False


@dataclass(frozen=True)
class Walk:
    """A list field over several links (an organization's projects, through its participations), as a
    @cypher field: distinct visible targets in cograph's default order (title, then IRI), `first` of them.

    @neo4j/graphql follows one relationship per field; cograph's `Organization.projects` skips the
    Participation node, so the peer gets the same walk as a statement built from the same links."""

    field: str
    steps: tuple[Link, ...]
    first: int


# The classes the benchmark's queries walk, with the relationship fields each exposes (cograph's API names).
PEER_TYPES: dict[str, tuple[Link | Walk, ...]] = {
    "Organization": (
        Link("participations", "participant", inverse=True),
        Walk(
            "projects",
            (Link("", "participant", inverse=True), Link("", "hasParticipation", inverse=True)),
            first=20,
        ),
    ),
    "Participation": (
        Link("organization", "participant"),
        Link("project", "hasParticipation", inverse=True),
    ),
    "Project": (
        Link("participations", "hasParticipation"),
        Link("countries", "hasCountryAllocation"),
        Link("themes", "theme"),
    ),
    "CountryAllocation": (
        Link("country", "country"),
        Link("project", "hasCountryAllocation", inverse=True),
    ),
    "Country": (Link("allocations", "country", inverse=True),),
    "Theme": (),
}

_SCALARS: dict[Any, str] = {
    str: "String",
    bool: "Boolean",
    int: "Int",
    float: "Float",
    dt.date: "Date",
    dt.datetime: "DateTime",
}


def _range(prop: str) -> str:
    """The class a cg: object property points at (its one cg: rdfs:range)."""
    ranges = [
        local_name(str(r)) for r in schema_graph().objects(CG[prop], RDFS.range) if str(r).startswith(CG)
    ]
    if len(ranges) != 1:
        raise OntologyError(f"cg:{prop} needs one cg: rdfs:range for the peer's relationship field.")
    return ranges[0]


def _domain_holds(cls: str, prop: str) -> bool:
    """Whether the shape of `cls` (or of its superclasses) has the object property `prop`."""
    return prop in class_schema(cls).links


def _target(cls: str, link: Link) -> str:
    """The peer type a link leads to from `cls` (checked against the shapes: the class holds the property,
    or, walked backwards, the property's range is the class)."""
    if link.inverse:
        target = next(
            (
                other
                for other in PEER_TYPES
                if _domain_holds(other, link.prop) and _range(link.prop) in (cls, *model().superclasses[cls])
            ),
            None,
        )
    else:
        if not _domain_holds(cls, link.prop):
            raise OntologyError(f"The shape of {cls} has no cg:{link.prop}; fix bench/peer_typedefs.py.")
        target = _range(link.prop)
    if target is None or target not in PEER_TYPES:
        raise OntologyError(f"{cls} (cg:{link.prop}) leads to no type of the peer.")
    return target


def _link_line(cls: str, link: Link) -> str:
    direction = "IN" if link.inverse else "OUT"
    return (
        f'  {link.field}: [{_target(cls, link)}!]! @relationship(type: "{relationship_type(link.prop)}", '
        f"direction: {direction})"
    )


def _walk_line(cls: str, walk: Walk) -> str:
    pattern, here = "(this)", cls
    for i, step in enumerate(walk.steps):
        here = _target(here, step)
        node = "n" if i == len(walk.steps) - 1 else ""
        rel = f"[:`{relationship_type(step.prop)}`]"
        arrow = f"<-{rel}-" if step.inverse else f"-{rel}->"
        pattern += f"{arrow}({node}:`{here}`)"
    if here != "Project":
        raise OntologyError(f"{cls}.{walk.field} must end at Project (cograph's visible-project rule).")
    statement = (
        f"MATCH {pattern} WHERE {PROJECT_VISIBLE} "
        f"WITH DISTINCT n ORDER BY {PROJECT_ORDER['TITLE']}, n.iri LIMIT $first RETURN n"
    )
    return f'  {walk.field}(first: Int = {walk.first}): [{here}!]! @cypher(statement: "{statement}", columnName: "n")'


def _field_line(cls: str, field: Link | Walk) -> str:
    return _link_line(cls, field) if isinstance(field, Link) else _walk_line(cls, field)


def _scalar(hint: Any) -> str | None:
    """The GraphQL type of a field of the domain model (None: not a scalar the peer shows)."""
    args = [a for a in typing.get_args(hint) if a is not type(None)]
    if typing.get_origin(hint) is list:
        inner = _SCALARS.get(args[0]) if args else None
        return f"[{inner}!]" if inner else None
    if args and typing.get_origin(hint) is not list and len(args) == 1:
        hint = args[0]
        if typing.get_origin(hint) is list:
            return _scalar(hint)
    return _SCALARS.get(hint)


def _scalar_lines(cls: str) -> list[str]:
    """`iri` (every label's unique key) and the node properties the domain model gives the class."""
    entity = entity_classes()[cls]
    hints = typing.get_type_hints(entity)
    lines = ["  iri: ID!"]
    for name in property_names(entity):
        scalar = _scalar(hints[name])
        if name != "iri" and scalar is not None:
            lines.append(f"  {name}: {scalar}")
    return lines


def render(cls: str) -> str:
    """One `type ... @node` block: the class's label (cograph writes it on every node of the class)."""
    if cls not in labels_for(cls):
        raise OntologyError(f"{cls} is not a label of the cograph ontology.")
    body = [*_scalar_lines(cls), *(_field_line(cls, field) for field in PEER_TYPES[cls])]
    return f'type {cls} @node(labels: ["{cls}"]) {{\n' + "\n".join(body) + "\n}\n"


def typedefs() -> str:
    """The whole type definitions of the peer."""
    header = "# Generated by bench/peer_typedefs.py from ontology/cograph.ttl and shapes.ttl; do not edit.\n"
    return header + "\n".join(render(cls) for cls in PEER_TYPES)


def main() -> None:
    TYPEDEFS_PATH.write_text(typedefs(), encoding="utf-8")
    print(f"wrote {TYPEDEFS_PATH}", file=sys.stderr)


if __name__ == "__main__":
    main()

"""Any node of the graph by IRI, generically: its type, a display label, its properties and provenance."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any, Self

import strawberry

from api.types.common import NodeMap
from api.types.project import Provenance
from ontology.mapping import most_specific

__all__ = ["GraphNode", "NodeProperty", "display_label", "property_text"]

ROOT_LABEL = "Resource"
LABEL_PROPERTIES = (
    "name",
    "title",
    "prefLabel",
    "shortName",
    "identifier",
    "notation",
    "iso2",
    "m49",
    "role",
)
"""The properties tried, in order, for a node's display label."""
_HIDDEN = frozenset({"labels"})


def property_text(value: Any) -> str:
    """A property value as a string: text as is, dates in ISO 8601, booleans and lists as JSON."""
    if isinstance(value, str):
        return value
    if isinstance(value, bool | int | float) or value is None:
        return json.dumps(value)
    if isinstance(value, dt.date | dt.datetime | dt.time):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return json.dumps(list(value), ensure_ascii=False, default=_json_default)
    return str(value)


def _json_default(value: Any) -> str:
    return value.isoformat() if isinstance(value, dt.date | dt.datetime | dt.time) else str(value)


def display_label(node: NodeMap) -> str | None:
    """The first of name, title, prefLabel ... the node has (None for nodes without any, e.g. allocations)."""
    for key in LABEL_PROPERTIES:
        value = node.get(key)
        if value is not None and value != "":
            return str(value)
    return None


def _timestamp(value: Any) -> dt.datetime | None:
    return value if isinstance(value, dt.datetime) else None


def _text(value: Any) -> str | None:
    return None if value is None else str(value)


@strawberry.type(description="One property of a node: its name and its value as a string.")
class NodeProperty:
    key: str
    value: str = strawberry.field(
        description="Text as is; dates in ISO 8601; numbers, booleans and lists as JSON."
    )


@strawberry.type(description="Any node of the graph, generically: what the explorer's detail panel shows.")
class GraphNode:
    iri: strawberry.ID
    typename: str = strawberry.field(
        description="The node's most specific class (Agency, Project, CountryAllocation ...)."
    )
    labels: list[str] = strawberry.field(description="All its Neo4j labels, most specific first.")
    label: str | None = strawberry.field(
        description="A display label: its name, title or preferred label (null when it has none)."
    )
    properties: list[NodeProperty] = strawberry.field(description="Every property but the IRI, by name.")
    provenance: Provenance = strawberry.field(description="Where the facts about it come from.")

    @classmethod
    def from_node(cls, node: NodeMap) -> Self:
        labels = [str(label) for label in node.get("labels", ())]
        specific = most_specific(labels)
        ordered = [*specific, *sorted(set(labels) - set(specific) - {ROOT_LABEL})]
        if ROOT_LABEL in labels:
            ordered.append(ROOT_LABEL)
        return cls(
            iri=strawberry.ID(str(node["iri"])),
            typename=specific[0] if specific else ROOT_LABEL,
            labels=ordered,
            label=display_label(node),
            properties=[
                NodeProperty(key=key, value=property_text(value))
                for key, value in sorted(node.items())
                if key not in _HIDDEN and key != "iri"
            ],
            provenance=Provenance(
                source=_text(node.get("source")),
                generated_at=_timestamp(node.get("generatedAt")),
                partner=_text(node.get("partner")),
                source_file=_text(node.get("sourceFile")),
                content_hash=_text(node.get("contentHash")),
                loaded_at=_timestamp(node.get("loadedAt")),
            ),
        )

"""What each class of the ontology holds, read from the SHACL shapes: its datatype properties and links.

A class holds the properties of its own shape and of the shapes of its cg: superclasses (an NGO is checked
as a Partner, an Organization and a Resource). `ontology.model` is checked against this by a test, so the
typed dataclasses and the Turtle cannot drift apart.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from rdflib import URIRef
from rdflib.namespace import SH

from ontology.errors import OntologyError
from ontology.mapping import ROOT_LABEL, local_name, model
from ontology.namespaces import CG
from ontology.turtle import shapes_graph

__all__ = ["ClassSchema", "PropertySchema", "class_schema", "class_schemas"]


@dataclass(frozen=True)
class PropertySchema:
    """One `sh:property` of a shape: the cg: property, whether it is required and whether it repeats."""

    name: str
    required: bool
    repeated: bool
    datatype: str | None
    """The IRI of the range datatype of a datatype property; None for an object property (a link)."""
    relationship: str | None
    """The relationship type of an object property; None for a datatype property."""


@dataclass(frozen=True)
class ClassSchema:
    """A class of the ontology as the loaders write it: its labels, datatype properties and links."""

    name: str
    labels: tuple[str, ...]
    properties: dict[str, PropertySchema]

    @property
    def datatype_properties(self) -> dict[str, PropertySchema]:
        return {name: p for name, p in self.properties.items() if p.relationship is None}

    @property
    def links(self) -> dict[str, PropertySchema]:
        """The object properties, by local name."""
        return {name: p for name, p in self.properties.items() if p.relationship is not None}


def _own_properties(cls: str) -> dict[str, PropertySchema]:
    shapes = shapes_graph()
    found: dict[str, PropertySchema] = {}
    for shape in shapes.subjects(SH.targetClass, CG[cls]):
        for node in shapes.objects(shape, SH.property):
            path = shapes.value(node, SH.path)
            if not isinstance(path, URIRef):
                raise OntologyError(f"A property of the shape of {cls} has no sh:path IRI; fix shapes.ttl.")
            name = local_name(str(path))
            min_count = shapes.value(node, SH.minCount)
            max_count = shapes.value(node, SH.maxCount)
            datatype = model().datatypes.get(name)
            relationship = model().relationships.get(name)
            if datatype is None and relationship is None:
                raise OntologyError(f"The shape of {cls} names cg:{name}, which cograph.ttl does not define.")
            found[name] = PropertySchema(
                name=name,
                required=min_count is not None and int(str(min_count)) > 0,
                repeated=max_count is None or int(str(max_count)) > 1,
                datatype=datatype,
                relationship=relationship,
            )
    return found


@cache
def class_schema(cls: str) -> ClassSchema:
    """The schema of a class by local name (`Project`, `NGO` ...): its shape's properties and its parents'."""
    supers = model().superclasses.get(cls)
    if supers is None:
        raise OntologyError(
            f"{cls!r} is not a class of the cograph ontology; use one of {', '.join(model().labels)}."
        )
    properties: dict[str, PropertySchema] = {}
    # The nearest shape wins: a Participation's `role` is required although a Membership's is not.
    for each in reversed((cls, *supers)):
        properties.update(_own_properties(each))
    labels = (
        (cls, *(s for s in supers if s != ROOT_LABEL), ROOT_LABEL) if cls != ROOT_LABEL else (ROOT_LABEL,)
    )
    return ClassSchema(name=cls, labels=labels, properties=properties)


def class_schemas() -> dict[str, ClassSchema]:
    """Every class of the ontology and its schema."""
    return {name: class_schema(name) for name in model().labels}

"""Matching the organizations a feed names to those in the graph: by IATI ref, else by normalised name."""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import quote

from graph.store import Graph
from loaders.codes import name_key, org_class_for_type
from loaders.records import Participation
from ontology.mapping import labels_for
from ontology.namespaces import data_iri

__all__ = ["NewOrganization", "OrganizationIndex"]

READ_ORGANIZATIONS = (
    "MATCH (o:Organization) RETURN o.iri AS iri, o.identifier AS ref, o.name AS name, o.shortName AS short"
)


@dataclass(frozen=True)
class NewOrganization:
    """An organization the feed names that the graph does not hold yet."""

    iri: str
    labels: tuple[str, ...]
    properties: dict[str, object]


@dataclass
class OrganizationIndex:
    """The graph's organizations by ref and by name key, plus those this load creates."""

    by_ref: dict[str, str] = field(default_factory=dict)
    by_name: dict[str, str] = field(default_factory=dict)
    created: dict[str, NewOrganization] = field(default_factory=dict)
    known: set[str] = field(default_factory=set)

    @classmethod
    def read(cls, graph: Graph) -> OrganizationIndex:
        index = cls()
        for row in graph.read(READ_ORGANIZATIONS, timeout=120):
            index._remember(str(row["iri"]), row["ref"], row["name"], row["short"])
        return index

    def _remember(self, iri: str, ref: object, name: object, short: object) -> None:
        self.known.add(iri)
        if ref:
            self.by_ref.setdefault(str(ref).strip().upper(), iri)
        for text in (name, short):
            if text and name_key(str(text)):
                self.by_name.setdefault(name_key(str(text)), iri)

    def _by_iri(self, participation: Participation) -> tuple[str, NewOrganization | None]:
        iri = str(participation.org_iri)
        if iri in self.known or iri in self.created:
            return iri, self.created.get(iri)
        cls = org_class_for_type(participation.org_type)
        properties: dict[str, object] = {
            "name": participation.org_name,
            "identifier": participation.org_ref,
            "orgType": participation.org_type,
        }
        created = NewOrganization(iri, labels_for(cls), properties)
        self.created[iri] = created
        return iri, created

    def resolve(self, participation: Participation, *, source: str) -> tuple[str, NewOrganization | None]:
        """The IRI of the participation's organization, and its node when this load creates it."""
        if participation.org_iri:
            return self._by_iri(participation)
        ref = (participation.org_ref or "").strip()
        key = name_key(participation.org_name or "")
        iri = self.by_ref.get(ref.upper()) if ref else None
        if iri is None and key:
            iri = self.by_name.get(key)
        if iri is not None:
            return iri, self.created.get(iri)
        slug = ref.lower() if ref else key.replace(" ", "-")
        iri = data_iri("organization", quote(slug, safe="-._~"))
        cls = org_class_for_type(participation.org_type)
        properties: dict[str, object] = {
            "name": participation.org_name or participation.org_short_name or ref,
            "shortName": participation.org_short_name,
            "identifier": ref or None,
            "orgType": participation.org_type,
            "source": source,
        }
        created = NewOrganization(iri, labels_for(cls), properties)
        self.created[iri] = created
        self._remember(iri, ref, participation.org_name, participation.org_short_name)
        return iri, created

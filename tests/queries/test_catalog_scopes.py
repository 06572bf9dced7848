"""The organization scope walks its links without testing their ends' labels: the ontology must imply them."""

from __future__ import annotations

from rdflib.namespace import RDFS

from ontology.mapping import local_name, relationship_type
from ontology.namespaces import CG
from ontology.turtle import schema_graph
from queries import catalog


def _domains(prop: str) -> set[str]:
    return {local_name(str(found)) for found in schema_graph().objects(CG[prop], RDFS.domain)}


def test_the_organization_scope_relies_on_the_domains_of_its_relationships() -> None:
    for scoped in (catalog.SCOPE_MATCHES["organization"], catalog.ORGANIZATION_PROJECTS):
        assert f"<-[:{relationship_type('participant')}]-(scope)" in scoped
        assert f"<-[:{relationship_type('hasParticipation')}]-(n)" in scoped
    assert _domains("participant") == {"Participation"}, "a PARTICIPANT link starts at a Participation"
    assert _domains("hasParticipation") == {"Project"}, "a HAS_PARTICIPATION link starts at a Project"

"""Organization kinds and IATI types come from the ontology, and reading them needs no graph."""

from __future__ import annotations

import subprocess
import sys

from ontology.mapping import model
from ontology.organizations import actor_kinds, org_type_codes
from ontology.vocabulary import organisation_types


def test_actor_kinds_are_the_organization_classes_most_specific_first() -> None:
    kinds = actor_kinds()
    supers = model().superclasses
    assert set(kinds) == {label for label, parents in supers.items() if "Organization" in (label, *parents)}
    assert {"NGO", "Agency", "CoordinationMechanism", "Partner"} <= set(kinds)
    # A node carrying NGO, Partner and Organization is an NGO: each kind comes before its superclasses.
    for kind in kinds:
        for parent in supers[kind]:
            if parent in kinds:
                assert kinds.index(kind) < kinds.index(parent), (kind, parent)
    assert kinds[-1] == "Organization"


def test_org_type_codes_are_the_code_list_notations() -> None:
    codes = org_type_codes()
    assert codes == tuple(sorted(code.notation for code in organisation_types()))
    assert "21" in codes and all(code.isdigit() for code in codes)


def test_the_graphql_enums_load_without_the_graph_adapter() -> None:
    probe = "import sys, api.enums; print(sorted(m for m in ('graph', 'neo4j', 'queries') if m in sys.modules))"
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=120)
    assert done.stdout.strip() == "[]", done.stdout + done.stderr

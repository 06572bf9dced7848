"""A validated record mapped to the graph: the project's node properties (named by `ontology.model`) and the
rows of its participations, country allocations, organizations, countries and themes."""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any
from urllib.parse import quote

from loaders import codes
from loaders.classify import classify
from loaders.crosswalk import Crosswalk
from loaders.organizations import OrganizationIndex
from loaders.outcome import LoadSummary
from loaders.project_fields import BOOKKEEPING, partner_properties, snake
from loaders.records import ProjectRecord, Rejection
from loaders.writer import PreparedProject
from ontology import model
from ontology.activity import active_interval
from ontology.namespaces import data_iri
from ontology.orgid import check_identifier

__all__ = ["RecordMapper", "content_hash", "project_iri"]


def project_iri(partner: str, identifier: str) -> str:
    """A project is keyed by its partner and identifier."""
    return data_iri("project", f"{quote(partner, safe='-._~')}/{quote(identifier, safe='-._~')}")


def content_hash(record: ProjectRecord) -> str:
    """A hash of what the record says (not where it was read), to skip unchanged records."""
    # The repr of frozen dataclasses, tuples, dates and floats is deterministic and much cheaper than JSON.
    content = tuple(getattr(record, name) for name in _HASHED_FIELDS)
    return hashlib.sha256(repr(content).encode("utf-8")).hexdigest()[:32]


_HASHED_FIELDS = tuple(
    name for name in ProjectRecord.__dataclass_fields__ if name not in (*BOOKKEEPING, "partner")
)


class RecordMapper:
    """Maps the records of one run to the graph, resolving organizations and sharing reference rows.

    The rows of a country or theme are one dict per batch time, shared by every project of the batch.
    """

    def __init__(
        self,
        organizations: OrganizationIndex,
        source: str,
        summary: LoadSummary,
        crosswalk: Crosswalk | None = None,
    ) -> None:
        self.organizations = organizations
        self.source = source
        self.summary = summary
        """Where resolution, identifier warnings and unclassified sectors are counted."""
        self.crosswalk = crosswalk
        self._rows: dict[tuple[str, str, dt.datetime], dict[str, Any]] = {}
        self._warned: set[tuple[str, str]] = set()
        self._candidates: set[tuple[str, str]] = set()
        # The IRI prefixes once per run, not once per participation (data_iri reads the environment).
        self._participation_iri = data_iri("participation", "")
        self._allocation_iri = data_iri("country-allocation", "")

    def new_batch(self) -> None:
        self._rows = {}

    def prepare(
        self, record: ProjectRecord, *, partner: str, iri: str, hash: str, now: dt.datetime
    ) -> PreparedProject:
        """The record mapped to the graph, as a new project (`replaces` is set once the graph is read)."""
        assert record.identifier is not None
        found = classify(record, self.crosswalk)
        source = record.source_file or self.source
        if found.unclassified:
            self.summary.unclassified += 1
            for sector in found.unmapped:
                self.summary.unclassified_sectors[sector] = (
                    self.summary.unclassified_sectors.get(sector, 0) + 1
                )
        key = iri.rsplit("/id/project/", 1)[-1]
        # What the partner gives, by its model name (`title` is the record's preferred title); the partner
        # is the one the sync runs for, which the record may not name.
        given = {name: getattr(record, snake(name)) for name in partner_properties()} | {"partner": partner}
        # The sync writes every property (`SET p = ...`) and never a withdrawn project: the interval follows
        # from the record alone, with the one rule (ontology.activity), instead of being derived in Cypher.
        interval = active_interval(
            withdrawn=False,
            status=record.status,
            start=record.actual_start or record.planned_start,
            end=record.actual_end or record.planned_end,
        )
        project = model.Project(
            **given,
            iri=iri,
            activeFrom=interval[0] if interval else None,
            activeUntil=interval[1] if interval else None,
            titles=[f"{n.lang}|{n.text.strip()}" for n in record.titles if n.text.strip()],
            unclassified=found.unclassified,
            withdrawn=False,
            contentHash=hash,
            loadedAt=now,
            sourceFile=source,
            source=source,
            generatedAt=now,
        )
        prepared = PreparedProject(
            iri=iri,
            properties=model.node_properties(project),
            theme_notations=found.themes,
            crime_notations=found.crime_types,
        )
        seen_participations: set[tuple[str, str]] = set()
        countries = tuple(country.iso2 for country in record.countries)
        for participation in record.participations:
            self._check_identifier(record, participation.org_ref, source)
            resolved = self.organizations.resolve(participation, source=source, countries=countries)
            org_iri = resolved.iri
            self.summary.matched[resolved.method] = self.summary.matched.get(resolved.method, 0) + 1
            for candidate in resolved.candidates:
                if (candidate.a, candidate.b) not in self._candidates:
                    self._candidates.add((candidate.a, candidate.b))
                    self.summary.candidates += 1
                    prepared.candidates.append(candidate)
            if (participation.role, org_iri) in seen_participations:
                continue
            seen_participations.add((participation.role, org_iri))
            number = len(prepared.participations) + 1
            prepared.participations.append(
                (f"{self._participation_iri}{key}/{number}", participation.role, org_iri)
            )
            names = [n for n in (participation.org_name, participation.org_short_name) if n]
            prepared.participation_sources.append(
                {
                    "sourceName": " / ".join(dict.fromkeys(names)) or None,
                    "sourceIdentifier": participation.org_ref,
                    "matchedBy": resolved.method,
                }
            )
            if resolved.created is not None:
                prepared.organizations.append(resolved.created)
        prepared.aliases = self.organizations.take_aliases()
        for country in record.countries:
            prepared.allocations.append(
                (f"{self._allocation_iri}{key}/{country.iso2}", country.iso2, country.percentage)
            )
            prepared.countries.append(self._country_row(country.iso2, now))
        for notation in (*found.themes, *found.crime_types):
            prepared.themes.append(self._theme_row(notation, now))
        return prepared

    def _check_identifier(self, record: ProjectRecord, ref: str | None, source: str) -> None:
        """Warn (once per file and identifier) about an organization identifier org-id.guide does not know."""
        if not ref or (source, ref) in self._warned:
            return
        self._warned.add((source, ref))
        check = check_identifier(ref)
        if check.problem is not None:
            self.summary.warnings.append(
                Rejection(
                    source, record.line, record.identifier, "organization identifier", ref, check.problem
                )
            )

    def _country_row(self, iso2: str, now: dt.datetime) -> dict[str, Any]:
        """The reference country's node properties."""
        row = self._rows.get(("country", iso2, now))
        if row is None:
            reference = codes.countries()[iso2]
            country = model.Country(
                iri=reference.iri,
                iso2=reference.iso2,
                iso3=reference.iso3,
                isoNumeric=reference.iso_numeric,
                name=reference.name,
                source=reference.source,
                generatedAt=now,
            )
            row = self._rows[("country", iso2, now)] = {"iso2": iso2, "props": model.node_properties(country)}
        return row

    def _theme_row(self, notation: str, now: dt.datetime) -> dict[str, Any]:
        """The theme's node properties from the ontology."""
        row = self._rows.get(("theme", notation, now))
        if row is None:
            iri, label, definition, scheme = codes.theme_mapping().labels[notation]
            theme = model.Theme(
                iri=iri,
                notation=notation,
                prefLabel=label,
                definition=definition,
                scheme=scheme,
                generatedAt=now,
                source="cograph ontology, themes.ttl",
            )
            row = self._rows[("theme", notation, now)] = {
                "notation": notation,
                "props": model.node_properties(theme),
            }
        return row

"""Gaps: obligations, commitments, partnerships and funding that no active project answers."""

from __future__ import annotations

import contextvars
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import date
from enum import Enum
from itertools import combinations
from typing import Any

from graph.store import Graph
from queries.coverage import COVERAGE
from queries.errors import InvalidFilter
from queries.filters import Anchor, Filters, Scope, resolve
from queries.scope import (
    ACTIVE,
    CRIME_OK,
    GEO_OK,
    MEMBERSHIP_ACTIVE,
    PROJECT_OK,
    PROJECT_SOURCES,
    SCOPED_CELLS,
    anchored,
    theme_ok,
)
from queries.treaty_status import TreatyStatus, treaty_status

__all__ = [
    "COMMITMENT_GAPS",
    "DEFAULT_HORIZON_DAYS",
    "FUNDED",
    "GRANT_ONLY_GAPS",
    "NO_GRANT_GAPS",
    "NO_JOINT_PROJECT_MEMBERS",
    "NO_JOINT_PROJECT_WORK",
    "OBLIGATION_GAPS",
    "SINGLE_ACTOR_KIND_GAPS",
    "TREATY_STATUS_UNKNOWN",
    "Gap",
    "GapKind",
    "gaps",
]


class GapKind(Enum):
    OBLIGATION = "obligation"
    """A State party to an instrument whose obligation on a theme has no active project there."""
    COMMITMENT = "commitment"
    """A pledge or action plan past or near its due date with no active project in its country and theme."""
    NO_JOINT_PROJECT = "no-joint-project"
    """Two members of a coordination mechanism, both active, with no joint active project."""
    SINGLE_ACTOR_KIND = "single-actor-kind"
    """A country where every implementing actor is of one kind (only NGOs, only agencies, ...)."""
    GRANT_ONLY = "grant-only"
    """A country and theme with an active fund grant but no active project."""
    NO_GRANT = "no-grant"
    """A country and theme with active projects but no active grant, on a theme the fund supports elsewhere."""
    TREATY_STATUS_UNKNOWN = "treaty-status-unknown"
    """A State whose status under an instrument is unknown (the recorded parties are partial), so its
    obligations under it are not checked: neither a gap nor "no gap"."""


@dataclass(frozen=True)
class Gap:
    kind: GapKind
    country: str | None
    theme: str | None
    reason: str
    related: tuple[str, ...]
    """IRIs of the records behind the gap (ratifications' instruments and obligations, the commitment, the
    mechanism and actors, grants, or up to 20 projects)."""
    instruments: tuple[str, ...] = ()
    """IRIs of the legal instruments that make it a gap (or whose status is unknown)."""
    obligations: tuple[str, ...] = ()
    """IRIs of the obligations (articles) left without an active project."""
    ratifications: tuple[str, ...] = ()
    """IRIs of the ratifications that bind the State."""
    commitments: tuple[str, ...] = ()
    """IRIs of the pledges or action plans due."""
    treaty_status: tuple[TreatyStatus, ...] = ()
    """For answers that depend on treaty status: the status date and how many States' status is known."""


# A project bound to `p` lies in the selection's countries and themes (used where no cell is bound).
_IN_SELECTION = f"""((($country IS NULL AND $region IS NULL)
    OR EXISTS {{ MATCH (p)-[:HAS_COUNTRY_ALLOCATION]->(:CountryAllocation)-[:COUNTRY]->(c:Country) WHERE {GEO_OK} }})
  AND ($theme IS NULL OR EXISTS {{ MATCH (p)-[:THEME]->(scope_t:Theme) WHERE scope_t.notation IN $themes }}))"""

# Where a project `p` is reached from a bound node, it carries no label: with `:Project` the planner would
# start from the active interval's index (every active project) and join, instead of expanding the node.
# An in-scope active project in the country `c` on the theme `t` or narrower. With an actor filter, or when
# the obligations are asked, the supported cells come precomputed as $supported (["<iso2>|<notation>"]: the
# cells of the coverage matrix, see `gaps`): walking every project of a country per cell would take seconds.
_SUPPORTED = f"""CASE WHEN $supported IS NULL THEN EXISTS {{
  MATCH (c)<-[:COUNTRY]-(:CountryAllocation)<-[:HAS_COUNTRY_ALLOCATION]-(p)-[:THEME]->(:Theme)-[:BROADER*0..]->(t)
  WHERE {PROJECT_OK} }}
  ELSE c.iso2 + '|' + t.notation IN $supported END"""

_GRANT_ACTIVE = "((g.start IS NULL OR g.start <= $as_of) AND (g.end IS NULL OR g.end >= $as_of))"

# Parameters: Scope.params(). Columns: country, country_name, theme, theme_label,
#   instruments ([{iri, name}]), obligations ([{iri, article}]), ratifications (iris).
OBLIGATION_GAPS = f"""
MATCH (c:Country)<-[:STATE]-(r:Ratification)-[:INSTRUMENT]->(i:LegalInstrument)-[:HAS_OBLIGATION]->(ob:Obligation)
WHERE {GEO_OK} AND (r.date IS NULL OR r.date <= $as_of)
MATCH (ob)-[:THEME]->(t:Theme)
WHERE {theme_ok("t")}
WITH c, t, collect(DISTINCT i) AS instruments, collect(DISTINCT ob) AS obligations, collect(DISTINCT r.iri) AS ratifications
WHERE NOT {_SUPPORTED}
RETURN c.iso2 AS country, c.name AS country_name, t.notation AS theme, t.prefLabel AS theme_label,
  [x IN instruments | {{iri: x.iri, name: coalesce(x.shortName, x.name)}}] AS instruments,
  [x IN obligations | {{iri: x.iri, article: x.article}}] AS obligations, ratifications
ORDER BY country, theme"""

# A State's status under `i` is unknown: the record of its parties is partial and it holds no ratification.
# Parameters: Scope.params(). Columns: country, country_name, instruments ([{iri, name}], each with an
#   obligation on the theme filter, or any).
TREATY_STATUS_UNKNOWN = f"""
MATCH (c:Country)
WHERE {GEO_OK}
MATCH (i:LegalInstrument)
WHERE NOT coalesce(i.statusComplete, false)
  AND EXISTS {{ MATCH (i)-[:HAS_OBLIGATION]->(:Obligation)-[:THEME]->(t:Theme) WHERE {theme_ok("t")} }}
  AND NOT EXISTS {{ MATCH (c)<-[:STATE]-(:Ratification)-[:INSTRUMENT]->(i) }}
WITH c, collect(i) AS unknown
RETURN c.iso2 AS country, c.name AS country_name,
  [x IN unknown | {{iri: x.iri, name: coalesce(x.shortName, x.name)}}] AS instruments
ORDER BY country"""

# Parameters: Scope.params() plus $horizon_days (int). Columns: country, country_name, theme, theme_label,
#   commitment (iri), commitment_kind ('pledge' or 'action plan'), label, due (date), pledged_by ([{iri, name}]).
COMMITMENT_GAPS = f"""
MATCH (k:Commitment)-[:COUNTRY|STATE]->(c:Country)
WHERE (k:Pledge OR k:ActionPlan) AND {GEO_OK}
WITH DISTINCT k, c, CASE WHEN k:Pledge THEN k.dueDate ELSE k.end END AS due
WHERE due IS NOT NULL AND due <= $as_of + duration({{days: $horizon_days}})
MATCH (k)-[:THEME]->(t:Theme)
WHERE {theme_ok("t")} AND NOT {_SUPPORTED}
RETURN c.iso2 AS country, c.name AS country_name, t.notation AS theme, t.prefLabel AS theme_label,
  k.iri AS commitment, CASE WHEN k:Pledge THEN 'pledge' ELSE 'action plan' END AS commitment_kind,
  coalesce(k.title, k.description, k.iri) AS label, due,
  COLLECT {{ MATCH (k)-[:PLEDGED_BY]->(o:Organization) RETURN {{iri: o.iri, name: o.name}} ORDER BY o.iri }} AS pledged_by
ORDER BY due, commitment, country, theme"""

# Parameters: Scope.params(). Columns: mechanism (iri), mechanism_name, members ([{iri, name}], by iri): the
#   members passing the actor filters with a membership active on $as_of, per mechanism.
NO_JOINT_PROJECT_MEMBERS = f"""
MATCH (cm:CoordinationMechanism)<-[:ORGANIZATION]-(scope_m:Membership)-[:MEMBER]->(o:Organization)
WHERE ($mechanism IS NULL OR cm.iri = $mechanism) AND {MEMBERSHIP_ACTIVE}
  AND ($org_type_code IS NULL OR o.orgType = $org_type_code) AND ($org_kind IS NULL OR $org_kind IN labels(o))
WITH cm, o ORDER BY o.iri
WITH cm, collect(DISTINCT {{iri: o.iri, name: o.name}}) AS members
RETURN cm.iri AS mechanism, coalesce(cm.shortName, cm.name) AS mechanism_name, members
ORDER BY mechanism"""

# Parameters: Scope.params() plus $member_iris. Columns: orgs (the asked organizations taking part, in any
#   role, in an active project of the crime type in the selection), projects (how many such projects have
#   exactly that set). Read from the selection's projects (the anchor's index), not from each member's.
NO_JOINT_PROJECT_WORK: dict[Anchor, str] = {
    anchor: f"""{PROJECT_SOURCES[Anchor.GLOBAL if anchor is Anchor.ACTOR else anchor]}
WITH p WHERE {ACTIVE} AND {CRIME_OK} AND {_IN_SELECTION}
WITH p, COLLECT {{
  MATCH (p)-[:HAS_PARTICIPATION]->(:Participation)-[:PARTICIPANT]->(o:Organization) WHERE o.iri IN $member_iris
  RETURN DISTINCT o.iri AS iri ORDER BY iri }} AS orgs
WHERE size(orgs) > 0
RETURN orgs, count(*) AS projects"""
    for anchor in Anchor
}

# Parameters: Scope.params() with the actor filters cleared (every actor counts when judging the mix).
# Columns: country, country_name, actor_kind (label), actors (iris).
# Every implementer counts (no actor filter), so the (country, implementer) pairs come from plain expansions,
# not from each project's collected implementers unwound again (at 100k projects, global: 259 -> 229 ms), and
# their ends are not checked for labels the ontology's ranges already give (hasParticipation: Participation,
# participant: Organization, hasCountryAllocation: CountryAllocation, country: Country; 214 -> 184 ms).
SINGLE_ACTOR_KIND_GAPS: dict[Anchor, str] = {
    anchor: f"""{text}
WITH p WHERE {ACTIVE} AND {CRIME_OK}
  AND ($theme IS NULL OR EXISTS {{ MATCH (p)-[:THEME]->(scope_t:Theme) WHERE {theme_ok("scope_t")} }})
MATCH (p)-[:HAS_PARTICIPATION]->(pa)-[:PARTICIPANT]->(o) WHERE pa.role = 'implementing'
MATCH (p)-[:HAS_COUNTRY_ALLOCATION]->()-[:COUNTRY]->(c)
WHERE {GEO_OK}
WITH DISTINCT c, o
WITH c, collect(DISTINCT head([k IN $actor_kinds WHERE k IN labels(o)])) AS kinds, collect(o.iri) AS actors
WHERE size(kinds) = 1
RETURN c.iso2 AS country, c.name AS country_name, kinds[0] AS actor_kind, actors
ORDER BY country"""
    for anchor, text in PROJECT_SOURCES.items()
}

# Parameters: Scope.params(). Columns: country, country_name, theme, theme_label, grants (iris), funds ([{iri, name}]).
GRANT_ONLY_GAPS = f"""
MATCH (g:Grant)-[:FROM_FUND]->(f:Fund)
WHERE {_GRANT_ACTIVE}
MATCH (g)-[:COUNTRY]->(c:Country)
WHERE {GEO_OK}
MATCH (g)-[:THEME]->(:Theme)-[:BROADER*0..]->(t:Theme)
WHERE {theme_ok("t")}
WITH c, t, collect(DISTINCT g.iri) AS grants, collect(DISTINCT f) AS funds
WHERE NOT {_SUPPORTED}
RETURN c.iso2 AS country, c.name AS country_name, t.notation AS theme, t.prefLabel AS theme_label, grants,
  [x IN funds | {{iri: x.iri, name: x.name}}] AS funds
ORDER BY country, theme"""

# Parameters: none besides $as_of. Columns: funded (notations of the themes, with every broader theme, of the
#   active fund grants), granted (["<iso2>|<notation>"] of the same, per grant country).
FUNDED = f"""
MATCH (g:Grant)-[:FROM_FUND]->(:Fund)
WHERE {_GRANT_ACTIVE}
WITH DISTINCT g
MATCH (g)-[:THEME]->(:Theme)-[:BROADER*0..]->(t:Theme)
OPTIONAL MATCH (g)-[:COUNTRY]->(c:Country)
RETURN collect(DISTINCT t.notation) AS funded, collect(DISTINCT c.iso2 + '|' + t.notation) AS granted"""

# Parameters: Scope.params() plus $related_limit, $funded and $granted (from FUNDED). Columns: country,
#   country_name, theme, theme_label, project_count, projects (up to $related_limit iris, sorted).
NO_GRANT_GAPS: dict[Anchor, str] = anchored(
    SCOPED_CELLS,
    """WITH c, b, p WHERE b IN $funded AND NOT c.iso2 + '|' + b IN $granted
WITH c, b, collect(DISTINCT p.iri) AS projects
RETURN c.iso2 AS country, c.name AS country_name, b AS theme, $theme_labels[b] AS theme_label,
  size(projects) AS project_count,
  COLLECT { UNWIND projects AS iri RETURN iri ORDER BY iri LIMIT $related_limit } AS projects
ORDER BY country, theme""",
)

RELATED_LIMIT = 20
DEFAULT_HORIZON_DAYS = 90
"""How many days ahead a commitment counts as due when nothing else is asked (the API's default too)."""


def gaps(
    graph: Graph,
    as_of: date,
    filters: Filters | None = None,
    kinds: Iterable[GapKind | str] | None = None,
    horizon_days: int = DEFAULT_HORIZON_DAYS,
) -> list[Gap]:
    """Every gap of the chosen kinds (all when None) as of a date, each with the sentence that explains it."""
    if horizon_days < 0:
        raise InvalidFilter(f"horizon days {horizon_days} must be zero or more days, such as 90.")
    chosen = _kinds(kinds)
    scope = resolve(graph, filters or Filters(), as_of)

    def supported_cells() -> list[str] | None:
        # The obligations' cells are every (State party, obligation theme): checking each for a supporting
        # project walks a busy country's projects again and again (13M db hits at 100k projects), where
        # reading the supported cells once is one pass over the scope (2M); with an actor filter the per-cell
        # check would also have to test every implementer, so it is read once for the other kinds too.
        if (scope.actor_filter or GapKind.OBLIGATION in chosen) and chosen & _NEED_SUPPORTED:
            # the cells of the coverage matrix (the same scope, rolled up): one statement the matrix also asks
            cells = graph.read_kept(COVERAGE[scope.anchor], scope.params())
            return [f"{row['country']}|{row['theme']}" for row in cells]
        return None

    def statuses() -> dict[str, TreatyStatus]:
        if chosen & _NEED_STATUS:
            return {s.instrument: s for s in treaty_status(graph, as_of)}
        return {}

    # The kinds are independent statements: run side by side (a global answer at 100k projects is the sum of
    # several scans), those that need the supported cells or the treaty status after them. The pool is small
    # (each request's reads share the server), and the first tasks it takes are the ones the others wait for.
    with ThreadPoolExecutor(max_workers=_GAP_WORKERS, thread_name_prefix="cograph-gaps") as pool:
        supported = pool.submit(contextvars.copy_context().run, supported_cells)
        status = pool.submit(contextvars.copy_context().run, statuses)

        def run(kind: GapKind) -> list[Gap]:
            scoped = _Scoped(scope, None, {})
            if kind in _DEPENDENT:
                scoped = _Scoped(scope, supported.result(), status.result())
            return _RUNNERS[kind](graph, scoped, horizon_days)

        ordered = sorted((kind for kind in GapKind if kind in chosen), key=lambda kind: kind in _DEPENDENT)
        answers = {kind: pool.submit(contextvars.copy_context().run, run, kind) for kind in ordered}
        found: list[Gap] = []
        for kind in GapKind:  # in the kinds' order, whatever finished first
            if kind in answers:
                found.extend(answers[kind].result())
    return found


@dataclass(frozen=True)
class _Scoped:
    """The resolved filters and, with an actor filter, the supported cells computed once for all gap kinds."""

    scope: Scope
    supported: list[str] | None
    status: dict[str, TreatyStatus]
    """The treaty status of each instrument, by IRI (for the kinds that depend on it)."""

    def status_of(self, instruments: Iterable[str]) -> tuple[TreatyStatus, ...]:
        return tuple(self.status[iri] for iri in sorted(set(instruments)) if iri in self.status)

    @property
    def as_of(self) -> date | None:
        return self.scope.as_of

    @property
    def country(self) -> str | None:
        return self.scope.country

    @property
    def theme(self) -> str | None:
        return self.scope.theme

    @property
    def anchor(self) -> Anchor:
        return self.scope.anchor

    def params(self, **extra: Any) -> dict[str, Any]:
        return self.scope.params(supported=self.supported, **extra)


def _kinds(kinds: Iterable[GapKind | str] | None) -> set[GapKind]:
    if kinds is None:
        return set(GapKind)
    chosen = set()
    for kind in kinds:
        if isinstance(kind, GapKind):
            chosen.add(kind)
            continue
        try:
            chosen.add(GapKind(kind))
        except ValueError:
            raise InvalidFilter(
                f"gap kind {kind!r} is unknown; use one of {', '.join(k.value for k in GapKind)}."
            ) from None
    return chosen


def _place(row: dict[str, Any]) -> str:
    return str(row.get("country_name") or row["country"])


def _topic(row: dict[str, Any]) -> str:
    return str(row.get("theme_label") or row["theme"])


def _obligation(graph: Graph, scope: _Scoped, _: int) -> list[Gap]:
    gaps = []
    for row in graph.read_kept(OBLIGATION_GAPS, scope.params()):
        instruments = ", ".join(sorted(str(i["name"]) for i in row["instruments"]))
        articles = ", ".join(
            sorted({str(o["article"]) for o in row["obligations"] if o["article"] is not None})
        )
        status = scope.status_of(i["iri"] for i in row["instruments"])
        dates = ", ".join(f"{s.name} {s.status_date}" for s in status if s.status_date is not None)
        gaps.append(
            Gap(
                kind=GapKind.OBLIGATION,
                country=row["country"],
                theme=row["theme"],
                reason=(
                    f"{_place(row)} is party to the {instruments}, whose obligations on {_topic(row)}"
                    f"{f' (article {articles})' if articles else ''} have no active project there as of "
                    f"{scope.as_of}{f' (treaty status as of {dates})' if dates else ''}."
                ),
                related=tuple(
                    sorted([i["iri"] for i in row["instruments"]] + [o["iri"] for o in row["obligations"]])
                ),
                instruments=tuple(sorted(i["iri"] for i in row["instruments"])),
                obligations=tuple(sorted(o["iri"] for o in row["obligations"])),
                ratifications=tuple(sorted(row["ratifications"])),
                treaty_status=status,
            )
        )
    return gaps


def _status_unknown(graph: Graph, scope: _Scoped, _: int) -> list[Gap]:
    gaps = []
    for row in graph.read_kept(TREATY_STATUS_UNKNOWN, scope.params()):
        iris = sorted(i["iri"] for i in row["instruments"])
        status = scope.status_of(iris)
        known = "; ".join(s.sentence for s in status)
        names = ", ".join(sorted(str(i["name"]) for i in row["instruments"]))
        gaps.append(
            Gap(
                kind=GapKind.TREATY_STATUS_UNKNOWN,
                country=row["country"],
                theme=scope.theme,
                reason=(
                    f"Whether {_place(row)} is party to the {names} is unknown, so its obligations there are not "
                    f"checked ({known})."
                ),
                related=tuple(iris),
                instruments=tuple(iris),
                treaty_status=status,
            )
        )
    return gaps


def _commitment(graph: Graph, scope: _Scoped, horizon_days: int) -> list[Gap]:
    gaps = []
    assert scope.as_of is not None
    for row in graph.read_kept(COMMITMENT_GAPS, scope.params(horizon_days=horizon_days)):
        due: date = row["due"]
        days = (due - scope.as_of).days
        when = (
            f"was due on {due} ({-days} days ago)"
            if days < 0
            else f"is due on {due} (in {days} days)"
            if days > 0
            else f"is due today ({due})"
        )
        by = ", ".join(str(o["name"] or o["iri"]) for o in row["pledged_by"])
        gaps.append(
            Gap(
                kind=GapKind.COMMITMENT,
                country=row["country"],
                theme=row["theme"],
                reason=(
                    f"The {row['commitment_kind']} {row['label']!r}{f' by {by}' if by else ''} {when}, and no active "
                    f"project in {_place(row)} addresses {_topic(row)}."
                ),
                related=(row["commitment"], *(o["iri"] for o in row["pledged_by"])),
                commitments=(row["commitment"],),
            )
        )
    return gaps


def _no_joint_project(graph: Graph, scope: _Scoped, _: int) -> list[Gap]:
    mechanisms = graph.read_kept(NO_JOINT_PROJECT_MEMBERS, scope.params())
    iris = sorted({member["iri"] for row in mechanisms for member in row["members"]})
    if not iris:
        return []
    work = graph.read_kept(NO_JOINT_PROJECT_WORK[scope.anchor], scope.params(member_iris=iris))
    working = {iri for row in work for iri in row["orgs"]}
    joint = {(a, b) for row in work for a, b in combinations(sorted(row["orgs"]), 2)}
    gaps = []
    for row in mechanisms:
        members = [m for m in row["members"] if m["iri"] in working]
        for a, b in combinations(sorted(members, key=lambda m: str(m["iri"])), 2):
            if (a["iri"], b["iri"]) in joint:
                continue
            gaps.append(
                Gap(
                    kind=GapKind.NO_JOINT_PROJECT,
                    country=scope.country,
                    theme=scope.theme,
                    reason=(
                        f"{a['name'] or a['iri']} and {b['name'] or b['iri']} are both members of "
                        f"{row['mechanism_name']} and both run active projects in the selection, but share none."
                    ),
                    related=(row["mechanism"], a["iri"], b["iri"]),
                )
            )
    return gaps


def _single_actor_kind(graph: Graph, scope: _Scoped, _: int) -> list[Gap]:
    params = scope.params(actor_filter=False, mechanism=None, org_type_code=None, org_kind=None, members=[])
    anchor = scope.anchor
    return [
        Gap(
            kind=GapKind.SINGLE_ACTOR_KIND,
            country=row["country"],
            theme=scope.theme,
            reason=(
                f"Only one kind of actor ({row['actor_kind']}, {len(row['actors'])} of them) runs active projects "
                f"in {_place(row)}{f' on {scope.theme}' if scope.theme else ''}."
            ),
            related=tuple(sorted(row["actors"])),
        )
        # The actor filters do not apply here, so an actor anchor would only walk every organization's projects.
        for row in graph.read_kept(
            SINGLE_ACTOR_KIND_GAPS[Anchor.GLOBAL if anchor is Anchor.ACTOR else anchor], params
        )
    ]


def _grant_only(graph: Graph, scope: _Scoped, _: int) -> list[Gap]:
    gaps = []
    for row in graph.read_kept(GRANT_ONLY_GAPS, scope.params()):
        funds = ", ".join(sorted(str(f["name"] or f["iri"]) for f in row["funds"]))
        gaps.append(
            Gap(
                kind=GapKind.GRANT_ONLY,
                country=row["country"],
                theme=row["theme"],
                reason=(
                    f"{_place(row)} has {len(row['grants'])} active grant(s) from the {funds} on {_topic(row)} "
                    "but no other support: no active project."
                ),
                related=tuple(sorted(row["grants"])),
            )
        )
    return gaps


def _no_grant(graph: Graph, scope: _Scoped, _: int) -> list[Gap]:
    funded = graph.read_kept(FUNDED, {"as_of": scope.as_of})[0]
    if not funded["funded"]:  # no active grant on any theme: no cell can lack one the fund makes elsewhere
        return []
    return [
        Gap(
            kind=GapKind.NO_GRANT,
            country=row["country"],
            theme=row["theme"],
            reason=(
                f"{_place(row)} has {row['project_count']} active project(s) on {_topic(row)} but no active fund "
                "grant, although the fund makes grants on that theme elsewhere."
            ),
            related=tuple(row["projects"]),
        )
        for row in graph.read_kept(
            NO_GRANT_GAPS[scope.anchor],
            scope.params(related_limit=RELATED_LIMIT, funded=funded["funded"], granted=funded["granted"]),
        )
    ]


_NEED_SUPPORTED = frozenset({GapKind.OBLIGATION, GapKind.COMMITMENT, GapKind.GRANT_ONLY})
"""The kinds whose statement reads $supported (the covered cells), when it is given."""
_NEED_STATUS = frozenset({GapKind.OBLIGATION, GapKind.TREATY_STATUS_UNKNOWN})
"""The kinds whose answer carries the instruments' treaty status."""
_DEPENDENT = _NEED_SUPPORTED | _NEED_STATUS
"""The kinds that wait for the covered cells or the treaty status."""
_GAP_WORKERS = 3

_RUNNERS: dict[GapKind, Callable[[Graph, _Scoped, int], list[Gap]]] = {
    GapKind.OBLIGATION: _obligation,
    GapKind.COMMITMENT: _commitment,
    GapKind.NO_JOINT_PROJECT: _no_joint_project,
    GapKind.SINGLE_ACTOR_KIND: _single_actor_kind,
    GapKind.GRANT_ONLY: _grant_only,
    GapKind.NO_GRANT: _no_grant,
    GapKind.TREATY_STATUS_UNKNOWN: _status_unknown,
}

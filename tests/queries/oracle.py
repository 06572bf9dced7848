"""Plain-Python answers to the analytics queries, computed from a World (the property tests' oracle)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from ontology.activity import is_active
from ontology.organizations import actor_kinds
from tests.queries.world import Org, Project, World, iri


@dataclass(frozen=True)
class Selection:
    """Resolved filters, as the query API would see them (canonical values)."""

    country: str | None = None
    region: str | None = None
    theme: str | None = None
    crime_type: str | None = None
    mechanism: str | None = None  # mechanism org key
    org_type_code: str | None = None
    org_kind: str | None = None


class Oracle:
    def __init__(self, world: World, as_of: date | None, sel: Selection) -> None:
        self.w, self.d, self.s = world, as_of, sel
        self.broader = {t.notation: t.broader for t in world.themes}
        self.countries = {c.iso2: c for c in world.countries}

    # -- predicates -------------------------------------------------------------------------------------
    def ancestors(self, theme: str) -> set[str]:
        seen, todo = {theme}, [theme]
        while todo:
            for b in self.broader.get(todo.pop(), ()):
                if b not in seen:
                    seen.add(b)
                    todo.append(b)
        return seen

    def theme_ok(self, theme: str) -> bool:
        return self.s.theme is None or self.s.theme in self.ancestors(theme)

    def geo_ok(self, iso2: str) -> bool:
        c = self.countries[iso2]
        return (self.s.country is None or iso2 == self.s.country) and (
            self.s.region is None or self.s.region in c.regions
        )

    def active(self, p: Project) -> bool:
        # The model's rule: the Cypher of every query is checked against this one Python predicate.
        return is_active(withdrawn=p.withdrawn, status=p.status, start=p.start, end=p.end, day=self.d)

    def member_active(self, start: date | None, end: date | None) -> bool:
        d = self.d
        return (start is None or d is None or start <= d) and (end is None or d is None or end >= d)

    def mechanisms_of(self, org: str) -> set[str]:
        return {
            m.mechanism for m in self.w.memberships if m.member == org and self.member_active(m.start, m.end)
        }

    def actor_ok(self, org: Org) -> bool:
        s = self.s
        return (
            (s.org_type_code is None or org.org_type == s.org_type_code)
            and (s.org_kind is None or s.org_kind in labels(org))
            and (s.mechanism is None or s.mechanism in self.mechanisms_of(org.key))
        )

    def crime_ok(self, p: Project) -> bool:
        return self.s.crime_type is None or any(self.s.crime_type in self.ancestors(t) for t in p.crime_types)

    def implementers(self, p: Project, filtered: bool = True) -> set[str]:
        return {
            o
            for o, role in p.participants
            if role == "implementing" and (not filtered or self.actor_ok(self.w.org(o)))
        }

    def project_ok(self, p: Project, actors: bool = True) -> bool:
        actor_filter = any(v is not None for v in (self.s.mechanism, self.s.org_type_code, self.s.org_kind))
        return (
            self.active(p)
            and self.crime_ok(p)
            and (not actors or not actor_filter or bool(self.implementers(p)))
        )

    def rolled(self, p: Project) -> set[str]:
        return {b for t in p.themes for b in self.ancestors(t) if self.theme_ok(b)}

    def cells(self, p: Project, rollup: bool = True) -> list[tuple[str, str, float | None]]:
        themes = self.rolled(p) if rollup else {t for t in p.themes if self.theme_ok(t)}
        return [(c, t, pct) for c, pct in p.countries if self.geo_ok(c) for t in themes]

    def supported(self, iso2: str, theme: str) -> bool:
        return any(
            self.project_ok(p)
            and iso2 in {c for c, _ in p.countries}
            and theme in {b for t in p.themes for b in self.ancestors(t)}
            for p in self.w.projects
        )

    # -- queries ----------------------------------------------------------------------------------------
    def coverage(self) -> dict[tuple[str, str], tuple[int, int, dict[str | None, float]]]:
        projects: dict[tuple[str, str], set[str]] = defaultdict(set)
        orgs: dict[tuple[str, str], set[str]] = defaultdict(set)
        money: dict[tuple[str, str], dict[str | None, float]] = defaultdict(lambda: defaultdict(float))
        for p in self.w.projects:
            if not self.project_ok(p):
                continue
            for c, t, pct in self.cells(p):
                projects[(c, t)].add(p.key)
                orgs[(c, t)] |= self.implementers(p)
                if p.budget is not None:
                    money[(c, t)][p.currency] += p.budget * (100.0 if pct is None else pct) / 100.0
        return {key: (len(ps), len(orgs[key]), dict(money[key])) for key, ps in projects.items()}

    def overlaps(self) -> set[tuple[Any, ...]]:
        by_cell: dict[tuple[str, str], dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
        for p in self.w.projects:
            if not self.project_ok(p):
                continue
            for c, t, _ in self.cells(p):
                for o in self.implementers(p):
                    by_cell[(c, t)][o].add(p.key)
        found = set()
        for (c, t), actors in by_cell.items():
            for a in actors:
                for b in actors:
                    if iri("org", a) >= iri("org", b):
                        continue
                    pa, pb = actors[a] - actors[b], actors[b] - actors[a]
                    if pa and pb:
                        shared = tuple(
                            sorted(iri("org", m) for m in self.mechanisms_of(a) & self.mechanisms_of(b))
                        )
                        found.add((c, t, iri("org", a), iri("org", b), frozenset(pa), frozenset(pb), shared))
        return found

    def similarity(self, limit: int) -> list[tuple[str, str, float, tuple[tuple[str, str], ...]]]:
        footprint: dict[str, set[tuple[str, str]]] = defaultdict(set)
        for p in self.w.projects:
            if not self.project_ok(p):
                continue
            for c, t, _ in self.cells(p, rollup=False):
                for o in self.implementers(p):
                    footprint[o].add((c, t))
        pairs = []
        for a in footprint:
            for b in footprint:
                ia, ib = iri("org", a), iri("org", b)
                shared = footprint[a] & footprint[b]
                if ia < ib and shared:
                    jaccard = len(shared) / len(footprint[a] | footprint[b])
                    pairs.append((ia, ib, jaccard, tuple(sorted(shared))))
        pairs.sort(key=lambda x: (-x[2], -len(x[3]), x[0], x[1]))
        return pairs[:limit]

    def gaps(self, horizon_days: int) -> set[tuple[str, str | None, str | None, tuple[str, ...]]]:
        d = self.d
        assert d is not None
        found: set[tuple[str, str | None, str | None, tuple[str, ...]]] = set()
        instruments = {i.key: i for i in self.w.instruments}
        obligation: dict[tuple[str, str], set[str]] = defaultdict(set)
        for r in self.w.ratifications:
            if not self.geo_ok(r.state) or (r.date is not None and r.date > d):
                continue
            for ob in instruments[r.instrument].obligations:
                for t in ob.themes:
                    if self.theme_ok(t):
                        obligation[(r.state, t)] |= {
                            iri("instrument", r.instrument),
                            iri("obligation", ob.key),
                        }
        for (c, t), related in obligation.items():
            if not self.supported(c, t):
                found.add(("obligation", c, t, tuple(sorted(related))))
        for c in self.w.countries:
            unknown = [
                i.key
                for i in self.w.instruments
                if not i.complete
                and any(self.theme_ok(t) for ob in i.obligations for t in ob.themes)
                and not any(r.state == c.iso2 and r.instrument == i.key for r in self.w.ratifications)
            ]
            if unknown and self.geo_ok(c.iso2):
                related = tuple(sorted(iri("instrument", k) for k in unknown))
                found.add(("treaty-status-unknown", c.iso2, self.s.theme, related))
        cutoff = d + timedelta(days=horizon_days)
        commitments = [(iri("pledge", k.key), k.country, k.themes, k.due, k.by) for k in self.w.pledges] + [
            (iri("plan", a.key), a.country, a.themes, a.end, None) for a in self.w.action_plans
        ]
        for key, c, themes, due, by in commitments:
            if due is None or due > cutoff or not self.geo_ok(c):
                continue
            for t in set(themes):
                if self.theme_ok(t) and not self.supported(c, t):
                    found.add(("commitment", c, t, (key, *([iri("org", by)] if by else []))))
        found |= self._no_joint_project()
        found |= self._single_kind()
        found |= self._grants()
        return found

    def in_selection(self, p: Project) -> bool:
        geo = (self.s.country is None and self.s.region is None) or any(
            self.geo_ok(c) for c, _ in p.countries
        )
        theme = self.s.theme is None or any(self.s.theme in self.ancestors(t) for t in p.themes)
        return self.active(p) and self.crime_ok(p) and geo and theme

    def _no_joint_project(self) -> set[tuple[str, str | None, str | None, tuple[str, ...]]]:
        s = self.s
        selected = [p for p in self.w.projects if self.in_selection(p)]
        works = {o for p in selected for o, _ in p.participants}
        found = set()
        for mech in {m.mechanism for m in self.w.memberships}:
            if s.mechanism is not None and mech != s.mechanism:
                continue
            members = set()
            for m in self.w.memberships:
                org = self.w.org(m.member)
                if (
                    m.mechanism == mech
                    and self.member_active(m.start, m.end)
                    and (s.org_type_code is None or org.org_type == s.org_type_code)
                    and (s.org_kind is None or s.org_kind in labels(org))
                    and m.member in works
                ):
                    members.add(m.member)
            for a in members:
                for b in members:
                    if iri("org", a) < iri("org", b) and not any(
                        {a, b} <= {o for o, _ in p.participants} for p in selected
                    ):
                        found.add(
                            (
                                "no-joint-project",
                                s.country,
                                s.theme,
                                (iri("org", mech), iri("org", a), iri("org", b)),
                            )
                        )
        return found

    def _single_kind(self) -> set[tuple[str, str | None, str | None, tuple[str, ...]]]:
        actors: dict[str, set[str]] = defaultdict(set)
        for p in self.w.projects:
            if not self.project_ok(p, actors=False):
                continue
            for c, _, _ in self.cells(p, rollup=False):
                actors[c] |= self.implementers(p, filtered=False)
        found = set()
        for c, orgs in actors.items():
            kinds = {kind_of(self.w.org(o)) for o in orgs}
            if len(kinds) == 1:
                found.add(("single-actor-kind", c, self.s.theme, tuple(sorted(iri("org", o) for o in orgs))))
        return found

    def _grants(self) -> set[tuple[str, str | None, str | None, tuple[str, ...]]]:
        d = self.d
        active = [
            g for g in self.w.grants if (g.start is None or g.start <= d) and (g.end is None or g.end >= d)
        ]
        grant_cells: dict[tuple[str, str], set[str]] = defaultdict(set)
        for g in active:
            for b in {b for t in g.themes for b in self.ancestors(t)}:
                grant_cells[(g.country, b)].add(iri("grant", g.key))
        found = set()
        for (c, t), grants in grant_cells.items():
            if self.geo_ok(c) and self.theme_ok(t) and not self.supported(c, t):
                found.add(("grant-only", c, t, tuple(sorted(grants))))
        funded_themes = {t for _, t in grant_cells}
        for c, t in self.coverage():
            if t in funded_themes and (c, t) not in grant_cells:
                projects = sorted(
                    p.iri
                    for p in self.w.projects
                    if self.project_ok(p) and any(cell[:2] == (c, t) for cell in self.cells(p))
                )
                found.add(("no-grant", c, t, tuple(projects[:20])))
        return found


def labels(org: Org) -> tuple[str, ...]:
    from ontology.mapping import labels_for

    return labels_for(org.kind)


def kind_of(org: Org) -> str:
    return next(k for k in actor_kinds() if k in labels(org))

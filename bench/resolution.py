"""Precision and recall of organization resolution on a sample with planted name variants.

Synthetic organizations (plainly marked synthetic) get a coined word of their own and words from shared
pools, so different organizations with similar names occur naturally; some get a planted variant (a typo, words reordered, an
accent or a British spelling changed, an abbreviation) loaded as another project. A planted pair is found when
the load put both names on one node (an exact match) or proposed them as a match candidate; any other pair on
one node or proposed is a false finding.
"""

from __future__ import annotations

import csv
import random
from dataclasses import dataclass
from pathlib import Path

from graph.store import Graph
from loaders.sync import LoadOptions, load_files
from queries.candidates import candidates

__all__ = ["ResolutionFigures", "measure_resolution", "write_variant_sample"]

_FIRST = ["Afghan", "Sahel", "Mekong", "Andean", "Balkan", "Nile", "Coastal", "Highland", "Delta", "Lakeside"]
_SECOND = ["Women", "Youth", "Children", "Migrants", "Families", "Workers", "Survivors", "Communities"]
_THIRD = ["Support", "Rights", "Welfare", "Education", "Protection", "Health", "Recovery", "Empowerment"]
_SYLLABLES = ["ka", "lo", "mi", "sa", "te", "ru", "na", "vi", "do", "he", "ya", "zu", "ba", "ri", "ko", "ma"]
_KIND = ["Network", "Organization", "Association", "Foundation", "Initiative", "Alliance", "Trust", "Centre"]


def _variant(name: str, rng: random.Random) -> str:
    words = name.split()
    kind = rng.randrange(4)
    if kind == 0:  # a typo: two letters swapped inside a word
        i = rng.randrange(len(words))
        w = words[i]
        if len(w) > 3:
            j = rng.randrange(1, len(w) - 2)
            words[i] = w[:j] + w[j + 1] + w[j] + w[j + 2 :]
        return " ".join(words)
    if kind == 1:  # the kind word moved to the front, "for" added
        return " ".join([words[-1], "for", *words[:-1]])
    if kind == 2:  # British/American spelling and punctuation
        return name.replace("Organization", "Organisation").replace("Centre", "Center").replace(" ", "  ") + "."
    return name.replace("Women", "Womens").replace("Children", "Childrens").replace("Migrants", "Migrant") + " (NGO)"


@dataclass(frozen=True)
class ResolutionFigures:
    organizations: int
    planted: int
    found: int
    proposed: int
    true_found: int

    @property
    def precision(self) -> float:
        return self.true_found / self.proposed if self.proposed else 1.0

    @property
    def recall(self) -> float:
        return self.true_found / self.planted if self.planted else 1.0


def write_variant_sample(path: Path, organizations: int, variants: int, seed: int) -> set[frozenset[str]]:
    """A CSV template file with one project per name; returns the planted pairs of names."""
    rng = random.Random(seed)
    names: list[str] = []
    seen: set[str] = set()
    while len(names) < organizations:
        # Most real NGO names carry a word of their own (a place, a person, a coined word) besides the common
        # ones; a name without one is told apart from its neighbours by nothing a matcher can use.
        own = "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()
        name = f"{own} {rng.choice(_FIRST)} {rng.choice(_SECOND)} {rng.choice(_THIRD)} {rng.choice(_KIND)}"
        if name not in seen:
            seen.add(name)
            names.append(name)
    planted: set[frozenset[str]] = set()
    rows = [(name, name) for name in names]
    for name in rng.sample(names, variants):
        other = _variant(name, rng)
        if other != name and other not in seen:
            seen.add(other)
            planted.add(frozenset((name, other)))
            rows.append((other, name))
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["identifier", "partner", "title", "status", "countries", "themes", "implementing"])
        for number, (name, _) in enumerate(rows, start=1):
            writer.writerow([f"S-{number}", "synthetic-variants", f"Synthetic project {number}", "2", "KE", "protection", f"{name}||22"])
    return planted


def measure_resolution(graph: Graph, path: Path, planted: set[frozenset[str]]) -> ResolutionFigures:
    """Load the sample into an empty graph and compare what resolution found with the planted truth."""
    summary = load_files(graph, [path], LoadOptions())
    rows = graph.read(
        "MATCH (x:Participation)-[:PARTICIPANT]->(o:Organization) RETURN o.iri AS org, x.sourceName AS name"
    )
    by_node: dict[str, set[str]] = {}
    for row in rows:
        by_node.setdefault(str(row["org"]), set()).add(str(row["name"]))
    names_of = {iri: sorted(names) for iri, names in by_node.items()}
    findings: set[frozenset[str]] = set()
    for names in names_of.values():
        findings.update(frozenset((a, b)) for i, a in enumerate(names) for b in names[i + 1 :])
    merged = len(findings)
    for candidate in candidates(graph, limit=100_000):
        for a in names_of.get(candidate.a.iri, []):
            for b in names_of.get(candidate.b.iri, []):
                findings.add(frozenset((a, b)))
    return ResolutionFigures(
        organizations=summary.organizations_created,
        planted=len(planted),
        found=merged,
        proposed=len(findings),
        true_found=len(findings & planted),
    )

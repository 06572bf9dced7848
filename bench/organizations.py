"""Organisations before and after resolution on the real shared files (../shared/data: IATI and the HXL 3W).

Wipes the graph, loads the reference data (the agencies with their names in several languages), then every
IATI file and the Afghanistan 3W (country AF) through the sync core with resolution on, and prints:
- before: the distinct organisations as the sources wrote them (identifier and name pairs of the
  participations; also the distinct identifiers and the distinct names alone);
- after: the Organization nodes the participations point to, and how each was matched;
- the open match candidates, with the best few.

Run: `.venv/bin/python -m bench.organizations [--data ../shared/data]`. Uses NEO4J_URI when set, else a local
Neo4j under COGRAPH_VAR (default var/bench), started here and stopped at the end if it was not running.
It wipes that graph: never point it at one you use.
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
os.environ.setdefault("COGRAPH_VAR", str(ROOT / "var" / "bench"))

# Parameters: none. Columns: pairs, refs, names (distinct as the sources wrote them), nodes.
BEFORE_AND_AFTER = (
    "MATCH (:Project)-[:HAS_PARTICIPATION]->(x:Participation)-[:PARTICIPANT]->(o:Organization) "
    "RETURN count(DISTINCT [coalesce(x.sourceIdentifier, ''), toLower(coalesce(x.sourceName, ''))]) AS pairs, "
    "count(DISTINCT x.sourceIdentifier) AS refs, count(DISTINCT toLower(x.sourceName)) AS names, "
    "count(DISTINCT o) AS nodes"
)
# Columns: method, participations, nodes.
BY_METHOD = (
    "MATCH (x:Participation)-[:PARTICIPANT]->(o:Organization) "
    "RETURN x.matchedBy AS method, count(x) AS participations, count(DISTINCT o) AS nodes ORDER BY method"
)
# Columns: n (Organization nodes the reference data holds).
REFERENCE = "MATCH (o:Organization) WHERE NOT (o)<-[:PARTICIPANT]-() RETURN count(o) AS n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--show", type=int, default=10, help="candidates to print")
    args = parser.parse_args()

    from graph import local
    from graph.migrations import migrate
    from graph.records import wipe
    from graph.settings import external_uri_configured, from_env
    from graph.setup import load_reference_data
    from graph.store import Graph
    from loaders.sync import LoadOptions, load_files
    from queries.candidates import candidates

    started = False
    if not external_uri_configured():
        _, started = local.start()
    graph = Graph(from_env())
    try:
        migrate(graph)
        wipe(graph)
        load_reference_data(graph)
        iati = sorted((args.data / "iati").glob("*.xml"))
        hxl = sorted((args.data / "hxl").glob("*.csv"))
        for paths, options in ((iati, LoadOptions()), (hxl, LoadOptions(country="AF"))):
            if paths:
                summary = load_files(graph, paths, options)
                names = ", ".join(p.name for p in paths)
                print(f"{names}: {summary.loaded} loaded, {summary.rejected} rejected, {summary.candidates} candidates")
        row = graph.read(BEFORE_AND_AFTER)[0]
        print(
            f"before resolution: {row['pairs']} distinct (identifier, name) pairs as the sources wrote them "
            f"({row['refs']} distinct identifiers, {row['names']} distinct names)"
        )
        print(f"after resolution: {row['nodes']} Organization nodes with participations")
        print(f"reference organizations without participations: {graph.read(REFERENCE)[0]['n']}")
        for method in graph.read(BY_METHOD):
            print(f"  matched by {method['method']}: {method['participations']} participations, {method['nodes']} nodes")
        found = candidates(graph, limit=100_000)
        print(f"open match candidates: {len(found)}")
        for candidate in found[: args.show]:
            print(f"  {candidate.score:.2f} {candidate.a.name!r} ~ {candidate.b.name!r}: {'; '.join(candidate.evidence)}")
        wipe(graph)
    finally:
        graph.close()
        if started:
            local.stop()


if __name__ == "__main__":
    main()

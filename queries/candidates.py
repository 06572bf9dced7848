"""Match candidates: pairs of organizations that may be one, with the score and evidence found on load."""

from __future__ import annotations

from dataclasses import dataclass

from graph.store import Graph

__all__ = ["CANDIDATES", "Candidate", "CandidateSide", "candidates"]


@dataclass(frozen=True)
class CandidateSide:
    iri: str
    name: str | None
    short_name: str | None
    identifier: str | None
    projects: int


@dataclass(frozen=True)
class Candidate:
    iri: str
    score: float
    evidence: tuple[str, ...]
    decision: str
    a: CandidateSide
    b: CandidateSide


# Parameters: $decision (str or null: any), $limit (int).
# Columns: iri, score, evidence (text, one finding a line), decision, sides ([{iri, name, short_name,
#   identifier, projects}], two, sorted by iri).
CANDIDATES = """MATCH (c:MatchCandidate)
WHERE $decision IS NULL OR c.decision = $decision
MATCH (c)-[:CANDIDATE_ORGANIZATION]->(o:Organization)
WITH c, o ORDER BY o.iri
WITH c, collect({iri: o.iri, name: o.name, short_name: o.shortName, identifier: o.identifier,
  projects: COUNT { (o)<-[:PARTICIPANT]-(:Participation) }}) AS sides
WHERE size(sides) = 2
RETURN c.iri AS iri, c.score AS score, c.evidence AS evidence, c.decision AS decision, sides
ORDER BY score DESC, iri
LIMIT $limit"""


def candidates(graph: Graph, decision: str | None = "open", limit: int = 100) -> list[Candidate]:
    """The match candidates with the decision (open by default; None: all), best score first."""
    rows = graph.read(CANDIDATES, {"decision": decision, "limit": max(1, limit)})
    return [
        Candidate(
            iri=str(row["iri"]),
            score=float(row["score"]),
            evidence=tuple(str(row["evidence"] or "").splitlines()),
            decision=str(row["decision"]),
            a=CandidateSide(**row["sides"][0]),
            b=CandidateSide(**row["sides"][1]),
        )
        for row in rows
    ]

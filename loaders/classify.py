"""Which cograph themes and crime types a record addresses: its own notations plus the ontology's mappings
of OECD DAC purpose codes and SDG targets (see docs/loaders.md)."""

from __future__ import annotations

from dataclasses import dataclass

from loaders.codes import theme_mapping
from loaders.records import ProjectRecord

__all__ = ["Classification", "classify"]

# IATI SectorVocabulary 8 is SDG targets; TagVocabulary 2 (read into sdg_targets) is too.
_DAC_VOCABULARY = "1"
_SDG_TARGET_VOCABULARY = "8"


@dataclass(frozen=True)
class Classification:
    themes: tuple[str, ...]
    crime_types: tuple[str, ...]

    @property
    def unclassified(self) -> bool:
        return not self.themes and not self.crime_types


def classify(record: ProjectRecord) -> Classification:
    mapping = theme_mapping()
    found: set[str] = set(record.themes) | set(record.crime_types)
    for sector in record.sectors:
        if sector.vocabulary == _DAC_VOCABULARY:
            found |= mapping.dac.get(sector.code, frozenset())
        elif sector.vocabulary == _SDG_TARGET_VOCABULARY:
            found |= mapping.sdg.get(sector.code, frozenset())
    for target in record.sdg_targets:
        found |= mapping.sdg.get(target, frozenset())
    return Classification(
        themes=tuple(sorted(found & mapping.themes)),
        crime_types=tuple(sorted(found & mapping.crime_types)),
    )

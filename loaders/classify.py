"""Which cograph themes and crime types a record addresses: its own notations plus the ontology's mappings
of OECD DAC purpose codes and SDG targets, and the sector crosswalk of humanitarian clusters and free-text
sectors (see docs/loaders.md)."""

from __future__ import annotations

from dataclasses import dataclass

from loaders.codes import theme_mapping
from loaders.crosswalk import Crosswalk, ontology_crosswalk
from loaders.records import ProjectRecord

__all__ = ["Classification", "classify"]

# IATI SectorVocabulary 8 is SDG targets; TagVocabulary 2 (read into sdg_targets) is too.
_DAC_VOCABULARY = "1"
_SDG_TARGET_VOCABULARY = "8"


@dataclass(frozen=True)
class Classification:
    themes: tuple[str, ...]
    crime_types: tuple[str, ...]
    unmapped: tuple[str, ...] = ()
    """The record's sectors that map to no theme (as `code` for free text, `vocabulary:code` otherwise)."""

    @property
    def unclassified(self) -> bool:
        return not self.themes and not self.crime_types


def classify(record: ProjectRecord, crosswalk: Crosswalk | None = None) -> Classification:
    mapping = theme_mapping()
    sectors = crosswalk or ontology_crosswalk()
    found: set[str] = set(record.themes) | set(record.crime_types)
    unmapped: list[str] = []
    for sector in record.sectors:
        if sector.vocabulary == _DAC_VOCABULARY:
            themes = mapping.dac.get(sector.code, frozenset())
        elif sector.vocabulary == _SDG_TARGET_VOCABULARY:
            themes = mapping.sdg.get(sector.code, frozenset())
        else:
            themes = sectors.lookup(sector.code) or frozenset()
        found |= themes
        if not themes:
            label = sector.code if sector.vocabulary in ("hxl", "") else f"{sector.vocabulary}:{sector.code}"
            unmapped.append(label)
    for target in record.sdg_targets:
        found |= mapping.sdg.get(target, frozenset())
    return Classification(
        themes=tuple(sorted(found & mapping.themes)),
        crime_types=tuple(sorted(found & mapping.crime_types)),
        unmapped=tuple(dict.fromkeys(unmapped)),
    )

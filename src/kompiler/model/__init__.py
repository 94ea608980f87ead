"""The model stage: typed entities built from validated documents and linked into one corpus."""

from kompiler.model.assemble import Entities, build
from kompiler.model.entities import (
    Citation,
    Competency,
    CompetencyType,
    Decision,
    Dictionary,
    Family,
    Grade,
    Indicator,
    Level,
    Origin,
    Position,
    PositionKind,
    Requirement,
    Source,
)
from kompiler.model.link import Corpus, link

__all__ = [
    "Citation",
    "Competency",
    "CompetencyType",
    "Corpus",
    "Decision",
    "Dictionary",
    "Entities",
    "Family",
    "Grade",
    "Indicator",
    "Level",
    "Origin",
    "Position",
    "PositionKind",
    "Requirement",
    "Source",
    "build",
    "link",
]

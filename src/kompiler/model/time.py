"""Standards in time: which positions and dictionaries are in force on a date.

Every position (and optionally every dictionary) carries ``berlaku_mulai`` and ``berlaku_sampai``; both
dates count as in force, as "berlaku sampai dengan tanggal" reads in Indonesian regulations. Dates are the
ISO strings the loader keeps, so comparing them as text compares them as dates.
"""

from __future__ import annotations

import datetime
from dataclasses import replace
from enum import StrEnum
from typing import Protocol

from kompiler.model.entities import Competency
from kompiler.model.link import Corpus, link


class Status(StrEnum):
    IN_FORCE = "berlaku"
    SCHEDULED = "terjadwal"
    ENDED = "berakhir"


class _Dated(Protocol):
    @property
    def valid_from(self) -> str | None: ...

    @property
    def valid_until(self) -> str | None: ...


def parse_date(text: str) -> str:
    """``text`` as a ``YYYY-MM-DD`` string; ``ValueError`` when it is not a calendar date."""
    return datetime.date.fromisoformat(text).isoformat()


def status_on(entity: _Dated | Competency, date: str) -> Status:
    """Whether ``entity`` is in force, scheduled (starts after ``date``) or ended (ended before it).

    A competency follows its dictionary. An entity without dates is always in force.
    """
    dated: _Dated = entity.dictionary if isinstance(entity, Competency) else entity
    if dated.valid_from is not None and date < dated.valid_from:
        return Status.SCHEDULED
    if dated.valid_until is not None and date > dated.valid_until:
        return Status.ENDED
    return Status.IN_FORCE


def in_force(corpus: Corpus, date: str) -> Corpus:
    """The corpus as it stands on ``date``: positions, dictionaries and their competencies in force then.

    Sources, grades and families have no dates of their own and are kept whole.
    """
    entities = corpus.entities
    dictionaries = [d for d in entities.dictionaries if status_on(d, date) is Status.IN_FORCE]
    kept = {id(d) for d in dictionaries}
    filtered = replace(
        entities,
        dictionaries=dictionaries,
        competencies=[c for c in entities.competencies if id(c.dictionary) in kept],
        positions=[p for p in entities.positions if status_on(p, date) is Status.IN_FORCE],
    )
    return link(filtered)

"""What a full check learns about a corpus, so that the next check can re-check only what changed.

The facts are typed (:class:`Facts`, :class:`PositionFacts`, :class:`LightPosition`) and read by name.
They are stored as plain tuples: a named tuple pickles as a call to its class and a plain one in C, and
the facts of 50,000 positions must load in a fraction of a second. The conversion happens in one
place, :func:`remember` and :func:`recall`; :mod:`~kompiler.check.incremental` is what uses them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, NamedTuple

from kompiler.check.cache import FileCache
from kompiler.check.load import Pointer
from kompiler.check.per_file import FileOutcome
from kompiler.diagnostics import Diagnostic
from kompiler.model import Corpus, build
from kompiler.model.entities import Citation, Position
from kompiler.project import FileKind, SourceFile
from kompiler.rules import suppress
from kompiler.runtime.sharing import Shared

FACTS = "facts.bin"


class LightPosition(NamedTuple):
    """The fields of a position that corpus-wide rules read, and where it was written; ``required``
    holds each requirement's competency code and level (KMP108 reads the codes, KMP125 the levels).

    Its repeated values are shared (:class:`~kompiler.runtime.sharing.Shared`): the same competency
    codes, units, dates and citations recur throughout a corpus, and are stored and recalled once each.
    """

    code: str
    name: str
    unit: str
    family: str
    required: tuple[tuple[str, int], ...]
    citation: Citation
    valid_from: str
    valid_until: str | None
    pointer: Pointer

    @classmethod
    def of(cls, position: Position, shared: Shared) -> LightPosition:
        text = shared.text
        return cls(
            position.code,
            position.name,
            text(position.unit),
            text(position.family),
            tuple(shared.one((text(r.code), r.level)) for r in position.requirements),
            shared.one(position.citation),
            text(position.valid_from),
            text(position.valid_until),
            position.origin.pointer,
        )


class PositionFacts(NamedTuple):
    """What a check learnt about one position file: its content key, its per-file diagnostics, the
    diagnostics of the position-scope rules on its positions, its positions' light fields, the codes its
    schema-broken positions declare, its suppression directives, and whether it failed to load.

    The light fields are rows laid out as :class:`LightPosition`'s fields but kept as plain tuples, here
    and in storage: a corpus has 50,000 of them, typing each again on every recall cost more than the
    rest of the recall, and they are read only through the incremental check's stand-ins, by field name.
    """

    key: str
    stage: tuple[Diagnostic, ...]
    rules: tuple[Diagnostic, ...]
    positions: tuple[tuple[Any, ...], ...]
    invalid_codes: frozenset[str]
    directives: suppress.Parsed | None
    unloadable: bool


@dataclass(frozen=True)
class Facts:
    """The facts of a whole check: reference files by content key (with their loaded outcome, which is
    needed in full) and position files by their facts."""

    references: dict[str, str]
    outcomes: dict[str, FileOutcome]
    positions: dict[str, PositionFacts]


def position_facts(
    key: str,
    outcome: FileOutcome,
    positions: list[Position],
    rules: list[Diagnostic],
    kind: FileKind,
    parsed: suppress.Parsed | None,
    shared: Shared,
) -> PositionFacts:
    """The facts of one position file, from its outcome, its positions and its rules' diagnostics."""
    document = outcome.document
    invalid: frozenset[str] = frozenset()
    if document is not None and (outcome.invalid or not isinstance(document.data, dict)):
        invalid = frozenset(build([(document, kind, outcome.invalid)]).invalid_codes)
    return PositionFacts(
        key,
        tuple(outcome.diagnostics),
        tuple(rules),
        tuple(tuple(LightPosition.of(p, shared)) for p in positions),
        invalid,
        parsed,
        document is None,
    )


@dataclass
class Trace:
    """What a full check saw of each file, kept so that the next check can be incremental."""

    outcomes: list[FileOutcome | None] = field(default_factory=list)
    by_position_file: dict[str, list[Diagnostic]] = field(default_factory=dict)
    parsed: dict[str, suppress.Parsed] = field(default_factory=dict)

    def facts(self, files: list[SourceFile], keys: list[str | None], corpus: Corpus) -> Facts | None:
        """The facts of the check traced, or ``None`` when a file has no content key or no outcome."""
        positions: dict[str, list[Position]] = {}
        for position in corpus.entities.positions:
            positions.setdefault(position.origin.file, []).append(position)
        references: dict[str, str] = {}
        outcomes: dict[str, FileOutcome] = {}
        by_file: dict[str, PositionFacts] = {}
        shared = Shared()
        for source, key, outcome in zip(files, keys, self.outcomes, strict=True):
            if key is None or outcome is None:
                return None
            if source.kind is not FileKind.POSITION:
                references[source.relative] = key
                outcomes[source.relative] = outcome
                continue
            by_file[source.relative] = position_facts(
                key,
                outcome,
                positions.get(source.display, []),
                self.by_position_file.get(source.display, []),
                source.kind,
                self.parsed.get(source.display),
                shared,
            )
        return Facts(references, outcomes, by_file)


_Stored = tuple[dict[str, str], dict[str, FileOutcome], dict[str, tuple[Any, ...]]]


def remember(store: FileCache, fingerprint: str, facts: Facts) -> None:
    """Store ``facts`` under ``fingerprint`` as plain tuples."""
    positions = {relative: tuple(known) for relative, known in facts.positions.items()}
    stored: _Stored = (facts.references, facts.outcomes, positions)
    store.record(fingerprint, stored, FACTS)


def recall(store: FileCache, fingerprint: str) -> Facts | None:
    """The facts :func:`remember` stored under ``fingerprint``, typed again, or ``None``."""
    stored = store.recall(fingerprint, FACTS)
    if not isinstance(stored, tuple):
        return None
    references, outcomes, rows = stored
    known = PositionFacts._make
    positions = {relative: known(row) for relative, row in rows.items()}
    return Facts(references, outcomes, positions)

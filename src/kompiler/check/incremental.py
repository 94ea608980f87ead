"""Re-check a corpus in which only position files changed, without loading the unchanged ones.

A full check of a national corpus loads 50,000 documents, builds and links them, and runs every rule;
after editing one position most of that work would give the same answer again. What a check learns
about each position file is therefore kept (:class:`PositionFacts`): its per-file diagnostics, the
diagnostics of the position-scope rules on its positions, its suppression directives, and the few fields
of its positions that corpus-wide rules read (:class:`LightPosition`). A later check in which every
reference file (configuration, sources, grades, dictionaries, families, merge decisions) is unchanged
loads those reference files and the changed position files only, and then:

- runs the position-scope rules on the changed positions only: every such rule declares itself
  ``position_local`` (see :class:`~kompiler.rules.base.Rule`), judging one position against the
  reference entities and nothing else, so an unchanged position's findings still stand;
- runs every other rule in full, on a corpus whose unchanged positions are light stand-ins; a stand-in
  asked for a field it does not hold raises :class:`~kompiler.rules.engine.NotLoaded`, and the check
  falls back to a full run;
- applies suppression with the directives of every file, as a full check does.

Whenever that reasoning might not hold, the caller falls back to the full check: a reference file,
the rule set or kompiler changed, a position-scope rule that is not ``position_local`` is enabled, the
codes declared by schema-broken positions changed (rules consult them), the configuration is broken,
or many files changed (then the full check's parallel loading is faster anyway).
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass
from operator import itemgetter
from typing import Any, NamedTuple

from kompiler.check.cache import FileCache
from kompiler.check.load import Document, Pointer
from kompiler.check.per_file import FileOutcome, check_file
from kompiler.diagnostics import Diagnostic, Location
from kompiler.model import Corpus, build, link
from kompiler.model.entities import Citation, Position
from kompiler.project import FileKind, RuleSettings, SourceFile
from kompiler.rules import Scope, registry, suppress
from kompiler.rules.engine import NotLoaded, run_rules
from kompiler.runtime.processes import PARALLEL_FROM


class LightPosition(NamedTuple):
    """The fields of a position that corpus-wide rules read, and where it was written.

    A named tuple of interned strings, so that the facts of 50,000 positions load in a fraction of a
    second (the same competency codes, units and dates recur throughout a corpus).
    """

    code: str
    name: str
    unit: str
    family: str
    required: tuple[str, ...]
    citation: Citation
    valid_from: str
    valid_until: str | None
    pointer: Pointer

    @classmethod
    def of(cls, position: Position, citations: dict[Citation, Citation]) -> LightPosition:
        return cls(
            position.code,
            position.name,
            _intern(position.unit),
            _intern(position.family),
            tuple(_intern(r.code) for r in position.requirements),
            citations.setdefault(position.citation, position.citation),
            _intern(position.valid_from),
            _intern(position.valid_until),
            position.origin.pointer,
        )


def _intern(text: Any) -> Any:
    return sys.intern(text) if type(text) is str else text


class PositionFacts(NamedTuple):
    """What a check learnt about one position file (see the module docstring)."""

    key: str
    stage: tuple[Diagnostic, ...]
    rules: tuple[Diagnostic, ...]
    positions: tuple[LightPosition, ...]
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
    citations: dict[Citation, Citation],
) -> PositionFacts:
    document = outcome.document
    invalid: frozenset[str] = frozenset()
    if document is not None and (outcome.invalid or not isinstance(document.data, dict)):
        invalid = frozenset(build([(document, kind, outcome.invalid)]).invalid_codes)
    facts = PositionFacts(
        key,
        tuple(outcome.diagnostics),
        tuple(rules),
        tuple(tuple(LightPosition.of(p, citations)) for p in positions),
        invalid,
        parsed,
        document is None,
    )
    return tuple(facts)  # type: ignore[return-value]  # stored as plain tuples: they unpickle fastest


class _LazyDocument:
    """The document of an unchanged file, loaded only when a rule reports a problem in it."""

    def __init__(self, load: Callable[[], Document]) -> None:
        self._load = load
        self._document: Document | None = None

    def get(self) -> Document:
        if self._document is None:
            self._document = self._load()
        return self._document


class _LazyOrigin:
    def __init__(self, document: _LazyDocument, display: str, pointer: Pointer) -> None:
        self._document = document
        self.file = display
        self.pointer = pointer

    @property
    def document(self) -> Document:
        return self._document.get()

    def at(self, *relative: str | int, key: bool = False) -> Location:
        return self.document.location((*self.pointer, *relative), key=key)

    @property
    def location(self) -> Location:
        return self.document.location(self.pointer)


class _Stand:
    """Base of the stand-ins: any field they do not hold stops the shortcut."""

    def __getattr__(self, name: str) -> Any:
        raise NotLoaded(f"{type(self).__name__}.{name}")


class _StandInRequirement(_Stand):
    def __init__(self, code: str) -> None:
        self.code = code


class _Requirements(dict[str, _StandInRequirement]):
    """One stand-in requirement per competency code, shared by every stand-in position."""

    def __missing__(self, code: str) -> _StandInRequirement:
        requirement = self[code] = _StandInRequirement(code)
        return requirement


class _StandInPosition(tuple):  # type: ignore[type-arg]
    """A position known only from its light fields: a :class:`LightPosition` followed by its file's lazy
    document, the name the file is shown under and the shared stand-in requirements.

    A tuple, so that 50,000 of them are made in C; compared by identity like the positions they stand for.
    """

    __slots__ = ()
    __eq__ = object.__eq__
    __ne__ = object.__ne__
    __hash__ = object.__hash__
    code = property(itemgetter(0))
    name = property(itemgetter(1))
    unit = property(itemgetter(2))
    family = property(itemgetter(3))
    citation = property(itemgetter(5))
    valid_from = property(itemgetter(6))
    valid_until = property(itemgetter(7))

    @property
    def requirements(self) -> tuple[_StandInRequirement, ...]:
        return tuple(map(self[11].__getitem__, self[4]))

    @property
    def origin(self) -> _LazyOrigin:
        return _LazyOrigin(self[9], self[10], self[8])

    def __getattr__(self, name: str) -> Any:
        raise NotLoaded(f"position.{name}")


@dataclass
class Rechecked:
    """The outcome of an incremental check, in the terms of a full one."""

    diagnostics: list[Diagnostic]
    project: dict[str, Any]
    unloadable: frozenset[str]
    suppressed: list[suppress.Suppressed]
    facts: Facts
    keys: list[str | None]


def recheck(
    files: list[SourceFile], keys: list[str | None], store: FileCache, facts: Facts
) -> Rechecked | None:
    """Check ``files`` reusing ``facts`` from an earlier check, or ``None`` when only a full check can
    be trusted. ``keys`` holds the content keys known from stat signatures; the others are computed."""
    raws: dict[int, bytes] = {}
    keys = list(keys)
    for index, source in enumerate(files):
        if keys[index] is None:
            signature = store.stat(source)
            try:
                raws[index] = source.read()
            except OSError:
                return None
            keys[index] = store.key(source, raws[index])
            store.remember(source, signature, keys[index])
    references = {s.relative: k for s, k in zip(files, keys, strict=True) if s.kind is not FileKind.POSITION}
    if references != facts.references:
        return None
    changed = {
        index
        for index, source in enumerate(files)
        if source.kind is FileKind.POSITION
        and (source.relative not in facts.positions or facts.positions[source.relative][0] != keys[index])
    }
    if len(changed) > PARALLEL_FROM:
        return None
    outcomes: dict[int, FileOutcome] = {}
    for index, source in enumerate(files):
        if source.kind is FileKind.POSITION and index not in changed:
            continue
        key = keys[index]
        assert key is not None
        outcome = facts.outcomes.get(source.relative) if index not in changed else store.get(key)
        if outcome is None:
            raw = raws.get(index)
            if raw is None:
                try:
                    raw = source.read()
                except OSError:
                    return None
            outcome = check_file(source.display, source.kind, raw)
            store.put(key, outcome)
        outcomes[index] = outcome
    store.keep(keys)
    store.save()
    return _recheck(files, keys, store, facts, changed, outcomes)


def _recheck(
    files: list[SourceFile],
    keys: list[str | None],
    store: FileCache,
    facts: Facts,
    changed: set[int],
    outcomes: dict[int, FileOutcome],
) -> Rechecked | None:
    project = next((outcomes[i] for i, s in enumerate(files) if s.kind is FileKind.PROJECT), None)
    if project is not None and (project.document is None or project.invalid):
        return None
    reference = [
        (o.document, files[i].kind, o.invalid)
        for i, o in sorted(outcomes.items())
        if i not in changed and o.document is not None
    ]
    entities = build(reference)
    positions: list[Any] = []
    fresh_positions: list[Position] = []
    invalid_now: set[str] = set()
    new_facts: dict[str, PositionFacts] = {}
    fresh_by_file: dict[int, list[Position]] = {}
    requirements = _Requirements()
    for index, source in enumerate(files):
        if source.kind is not FileKind.POSITION:
            continue
        if index in changed:
            outcome = outcomes[index]
            built = build([(outcome.document, source.kind, outcome.invalid)]) if outcome.document else None
            fresh = built.positions if built is not None else []
            fresh_by_file[index] = fresh
            fresh_positions.extend(fresh)
            positions.extend(fresh)
            invalid_now |= built.invalid_codes if built is not None else set()
            continue
        known = facts.positions[source.relative]
        _, _, _, lights, invalid, _, _ = known
        if lights:
            extra = (_LazyDocument(_loader(source, keys[index], store)), source.display, requirements)
            positions.extend(_StandInPosition(light + extra) for light in lights)
        if invalid:
            invalid_now |= invalid
        new_facts[source.relative] = known
    invalid_before = set().union(*(f[4] for f in facts.positions.values() if f[4]))
    if invalid_now != invalid_before:
        return None
    entities.positions = positions
    entities.invalid_codes |= invalid_now
    corpus = link(entities)
    settings = RuleSettings.from_data(corpus.project.get("aturan"))
    rules = registry()
    if any(
        rule.scope is Scope.POSITION and settings.enabled(code) and not rule.position_local
        for code, rule in rules.items()
    ):
        return None
    by_file: dict[str, list[Diagnostic]] = {}
    try:
        found = run_rules(corpus, settings, positions=fresh_positions, by_position_file=by_file)
    except NotLoaded:
        return None
    return _assemble(
        files, keys, facts, changed, outcomes, corpus, settings, found, by_file, fresh_by_file, new_facts
    )


def _assemble(
    files: list[SourceFile],
    keys: list[str | None],
    facts: Facts,
    changed: set[int],
    outcomes: dict[int, FileOutcome],
    corpus: Corpus,
    settings: RuleSettings,
    found: list[Diagnostic],
    by_file: dict[str, list[Diagnostic]],
    fresh_by_file: dict[int, list[Position]],
    new_facts: dict[str, PositionFacts],
) -> Rechecked:
    """Per-file diagnostics, rule diagnostics after suppression, and the facts for the next check."""
    rules = registry()
    stage: list[Diagnostic] = []
    parsed: dict[str, suppress.Parsed] = {}
    unloadable: set[str] = set()
    for index, source in enumerate(files):
        outcome = outcomes.get(index)
        if outcome is None:
            _, known_stage, known_rules, _, _, directives, known_unloadable = facts.positions[source.relative]
            stage.extend(known_stage)
            found.extend(known_rules)
            if directives is not None:
                parsed[source.display] = directives
            if known_unloadable:
                unloadable.add(source.display)
            continue
        stage.extend(outcome.diagnostics)
        if outcome.document is None:
            unloadable.add(source.display)
        elif suppress.MARKER in outcome.document.text:
            parsed[source.display] = suppress.parse(outcome.document, rules)
        if index in changed:
            own = by_file.get(source.display, [])
            found.extend(own)
            key = keys[index]
            assert key is not None
            new_facts[source.relative] = position_facts(
                key, outcome, fresh_by_file[index], own, source.kind, parsed.get(source.display), {}
            )
    applied = suppress.apply_parsed(found, parsed, settings)
    ordered = {s.relative: new_facts[s.relative] for s in files if s.relative in new_facts}
    return Rechecked(
        stage + applied.kept + applied.problems,
        corpus.project,
        frozenset(unloadable),
        applied.suppressed,
        Facts(facts.references, facts.outcomes, ordered),
        keys,
    )


def _loader(source: SourceFile, key: str | None, store: FileCache) -> Callable[[], Document]:
    def load() -> Document:
        outcome = store.get(key) if key is not None else None
        if outcome is None:
            outcome = check_file(source.display, source.kind, source.read())
        if outcome.document is None:
            raise NotLoaded(source.display)
        return outcome.document

    return load

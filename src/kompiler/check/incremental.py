"""Re-check a corpus in which only position files changed, without loading the unchanged ones.

A full check of a national corpus loads 50,000 documents, builds and links them, and runs every rule;
after editing one position most of that work would give the same answer again. What a check learns
about each position file is therefore kept (:class:`~kompiler.check.facts.PositionFacts`): its per-file diagnostics, the
diagnostics of the position-scope rules on its positions, its suppression directives, and the few fields
of its positions that corpus-wide rules read (:class:`~kompiler.check.facts.LightPosition`). A later check in which every
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

from collections.abc import Callable
from dataclasses import dataclass, field
from operator import itemgetter
from typing import Any

from kompiler.check.cache import FileCache
from kompiler.check.facts import Facts, LightPosition, PositionFacts, position_facts
from kompiler.check.load import Document, Pointer
from kompiler.check.per_file import FileOutcome, check_file
from kompiler.diagnostics import Diagnostic, Location
from kompiler.model import Corpus, build, link
from kompiler.model.entities import Position
from kompiler.project import FileKind, RuleSettings, SourceFile
from kompiler.rules import Scope, registry, suppress
from kompiler.rules.engine import NotLoaded, run_rules
from kompiler.runtime.processes import PARALLEL_FROM
from kompiler.runtime.sharing import Shared


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
    def __init__(self, code: str, level: int) -> None:
        self.code = code
        self.level = level


class _Requirements(dict[tuple[str, int], _StandInRequirement]):
    """One stand-in requirement per competency code and level, shared by every stand-in position."""

    def __missing__(self, required: tuple[str, int]) -> _StandInRequirement:
        requirement = self[required] = _StandInRequirement(*required)
        return requirement


_LIGHT_FIELDS = LightPosition._fields
_DOCUMENT, _DISPLAY, _REQUIREMENTS = range(len(_LIGHT_FIELDS), len(_LIGHT_FIELDS) + 3)


def _light(name: str) -> Callable[[tuple[Any, ...]], Any]:
    """The getter of the :class:`LightPosition` field ``name`` in a stand-in."""
    return itemgetter(_LIGHT_FIELDS.index(name))


class _StandInPosition(tuple):  # type: ignore[type-arg]
    """A position known only from its light fields: a :class:`LightPosition` followed by its file's lazy
    document, the name the file is shown under and the shared stand-in requirements.

    A tuple, so that 50,000 of them are made in C; compared by identity like the positions they stand for.
    """

    __slots__ = ()
    __eq__ = object.__eq__
    __ne__ = object.__ne__
    __hash__ = object.__hash__
    code = property(_light("code"))
    name = property(_light("name"))
    unit = property(_light("unit"))
    family = property(_light("family"))
    citation = property(_light("citation"))
    valid_from = property(_light("valid_from"))
    valid_until = property(_light("valid_until"))
    _required = property(_light("required"))
    _pointer = property(_light("pointer"))

    @property
    def requirements(self) -> tuple[_StandInRequirement, ...]:
        return tuple(map(self[_REQUIREMENTS].__getitem__, self._required))

    @property
    def origin(self) -> _LazyOrigin:
        return _LazyOrigin(self[_DOCUMENT], self[_DISPLAY], self._pointer)

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


class _GiveUp(Exception):
    """Only a full check can be trusted: :func:`recheck` answers ``None``."""


def recheck(
    files: list[SourceFile], keys: list[str | None], store: FileCache, facts: Facts
) -> Rechecked | None:
    """Check ``files`` reusing ``facts`` from an earlier check, or ``None`` when only a full check can
    be trusted. ``keys`` holds the content keys known from stat signatures; the others are computed."""
    try:
        keys, raws = _complete_keys(files, keys, store)
        if _reference_keys(files, keys) != facts.references:
            return None
        run = _Run(files, keys, store, facts, _changed_positions(files, keys, facts))
        if len(run.changed) > PARALLEL_FROM:
            return None
        run.check_files(raws)
        store.keep(keys)
        store.save()
        corpus, gathered = run.corpus()
        settings = RuleSettings.from_data(corpus.project.get("aturan"))
        parsed = run.directives()
        by_file: dict[str, list[Diagnostic]] = {}
        found = _rule_diagnostics(corpus, settings, gathered.fresh, by_file, suppress.whole_file(parsed))
    except _GiveUp:
        return None
    return run.assemble(corpus, settings, found, by_file, gathered, parsed)


def _complete_keys(
    files: list[SourceFile], keys: list[str | None], store: FileCache
) -> tuple[list[str | None], dict[int, bytes]]:
    """Every file's content key: those the stat signatures did not prove are computed from the bytes,
    which are kept for the files that turn out to need loading."""
    raws: dict[int, bytes] = {}
    keys = list(keys)
    for index, source in enumerate(files):
        if keys[index] is None:
            signature = store.stat(source)
            raws[index] = _read(source)
            keys[index] = store.key(source, raws[index])
            store.remember(source, signature, keys[index])
    return keys, raws


def _reference_keys(files: list[SourceFile], keys: list[str | None]) -> dict[str, str | None]:
    return {s.relative: k for s, k in zip(files, keys, strict=True) if s.kind is not FileKind.POSITION}


def _changed_positions(files: list[SourceFile], keys: list[str | None], facts: Facts) -> set[int]:
    """The indexes of the position files that are new or whose content changed."""
    return {
        index
        for index, source in enumerate(files)
        if source.kind is FileKind.POSITION
        and (source.relative not in facts.positions or facts.positions[source.relative].key != keys[index])
    }


def _read(source: SourceFile) -> bytes:
    try:
        return source.read()
    except OSError as error:
        raise _GiveUp from error


@dataclass
class _Positions:
    """The positions of an incremental check: fresh ones built from the changed files, stand-ins for
    the others, the codes their schema-broken positions declare, and the unchanged files' facts."""

    every: list[Any] = field(default_factory=list)
    fresh: list[Position] = field(default_factory=list)
    fresh_by_file: dict[int, list[Position]] = field(default_factory=dict)
    invalid_codes: set[str] = field(default_factory=set)
    carried: dict[str, PositionFacts] = field(default_factory=dict)


@dataclass
class _Run:
    """One incremental check: the files with their content keys, the cache, the earlier check's facts
    and which position files changed; :meth:`check_files` adds the per-file outcomes of the reference
    files and the changed positions, which the later steps read."""

    files: list[SourceFile]
    keys: list[str | None]
    store: FileCache
    facts: Facts
    changed: set[int]
    outcomes: dict[int, FileOutcome] = field(default_factory=dict)

    def check_files(self, raws: dict[int, bytes]) -> None:
        """The per-file outcomes of the reference files (as the facts hold them) and of the changed
        position files (from the cache, or checked now)."""
        for index, source in enumerate(self.files):
            if source.kind is FileKind.POSITION and index not in self.changed:
                continue
            key = self.keys[index]
            assert key is not None
            changed = index in self.changed
            outcome = self.store.get(key) if changed else self.facts.outcomes.get(source.relative)
            if outcome is None:
                raw = raws[index] if index in raws else _read(source)
                outcome = check_file(source.display, source.kind, raw)
                self.store.put(key, outcome)
            self.outcomes[index] = outcome

    def corpus(self) -> tuple[Corpus, _Positions]:
        """The linked corpus of the reference files, the changed positions and stand-ins for the others."""
        if not self._configuration_usable():
            raise _GiveUp
        reference = [
            (o.document, self.files[i].kind, o.invalid)
            for i, o in sorted(self.outcomes.items())
            if i not in self.changed and o.document is not None
        ]
        unloadable = [
            (o.unloadable or "", self.files[i].kind)
            for i, o in sorted(self.outcomes.items())
            if i not in self.changed and o.document is None
        ]
        entities = build(reference, unloadable)
        gathered = self._positions()
        if gathered.invalid_codes != _invalid_codes(self.facts):  # rules consult them
            raise _GiveUp
        entities.positions = gathered.every
        entities.invalid_codes |= gathered.invalid_codes
        return link(entities), gathered

    def _configuration_usable(self) -> bool:
        """Whether kompiler.yaml, if there is one, loaded and follows its schema."""
        project = next(
            (self.outcomes[i] for i, s in enumerate(self.files) if s.kind is FileKind.PROJECT), None
        )
        return project is None or (project.document is not None and not project.invalid)

    def _positions(self) -> _Positions:
        gathered = _Positions()
        requirements = _Requirements()
        for index, source in enumerate(self.files):
            if source.kind is not FileKind.POSITION:
                continue
            if index in self.changed:
                outcome = self.outcomes[index]
                built = (
                    build([(outcome.document, source.kind, outcome.invalid)]) if outcome.document else None
                )
                fresh = built.positions if built is not None else []
                gathered.fresh_by_file[index] = fresh
                gathered.fresh.extend(fresh)
                gathered.every.extend(fresh)
                gathered.invalid_codes |= built.invalid_codes if built is not None else set()
                continue
            known = self.facts.positions[source.relative]
            if known.positions:
                lazy = _LazyDocument(_loader(source, self.keys[index], self.store))
                extra = (lazy, source.display, requirements)
                gathered.every.extend(_StandInPosition(light + extra) for light in known.positions)
            if known.invalid_codes:
                gathered.invalid_codes |= known.invalid_codes
            gathered.carried[source.relative] = known
        return gathered

    def directives(self) -> dict[str, suppress.Parsed]:
        """Every file's suppression directives: parsed from the files checked now, as the facts hold
        them for the unchanged positions."""
        rules = registry()
        parsed: dict[str, suppress.Parsed] = {}
        for index, source in enumerate(self.files):
            outcome = self.outcomes.get(index)
            if outcome is None:
                known = self.facts.positions[source.relative].directives
                if known is not None:
                    parsed[source.display] = known
            elif outcome.document is not None and suppress.MARKER in outcome.document.text:
                parsed[source.display] = suppress.parse(outcome.document, rules)
        return parsed

    def assemble(
        self,
        corpus: Corpus,
        settings: RuleSettings,
        found: list[Diagnostic],
        by_file: dict[str, list[Diagnostic]],
        gathered: _Positions,
        parsed: dict[str, suppress.Parsed],
    ) -> Rechecked:
        """Per-file diagnostics, rule diagnostics after suppression (under the :meth:`directives`
        ``parsed``), and the facts for the next check."""
        new_facts = gathered.carried
        shared = Shared()
        stage: list[Diagnostic] = []
        unloadable: set[str] = set()
        for index, source in enumerate(self.files):
            outcome = self.outcomes.get(index)
            if outcome is None:
                known = self.facts.positions[source.relative]
                stage.extend(known.stage)
                found.extend(known.rules)
                if known.unloadable:
                    unloadable.add(source.display)
                continue
            stage.extend(outcome.diagnostics)
            if outcome.document is None:
                unloadable.add(source.display)
            if index in self.changed:
                own = by_file.get(source.display, [])
                found.extend(own)
                key = self.keys[index]
                assert key is not None
                new_facts[source.relative] = position_facts(
                    key,
                    outcome,
                    gathered.fresh_by_file[index],
                    own,
                    source.kind,
                    parsed.get(source.display),
                    shared,
                )
        applied = suppress.apply_parsed(found, parsed, settings, suppress.partly_checked(stage))
        ordered = {s.relative: new_facts[s.relative] for s in self.files if s.relative in new_facts}
        return Rechecked(
            stage + applied.kept + applied.problems,
            corpus.project,
            frozenset(unloadable),
            applied.suppressed,
            Facts(self.facts.references, self.facts.outcomes, ordered),
            self.keys,
        )


def _invalid_codes(facts: Facts) -> set[str]:
    """The codes the schema-broken positions of the earlier check declared."""
    return set().union(*(f.invalid_codes for f in facts.positions.values() if f.invalid_codes))


def _rule_diagnostics(
    corpus: Corpus,
    settings: RuleSettings,
    fresh: list[Position],
    by_file: dict[str, list[Diagnostic]],
    waived: dict[str, frozenset[str]],
) -> list[Diagnostic]:
    """Every rule, the position-scope ones on the fresh positions only, when they all may be."""
    if any(
        rule.scope is Scope.POSITION and settings.enabled(code) and not rule.position_local
        for code, rule in registry().items()
    ):
        raise _GiveUp
    try:
        return run_rules(corpus, settings, positions=fresh, by_position_file=by_file, waived=waived)
    except NotLoaded as error:
        raise _GiveUp from error


def _loader(source: SourceFile, key: str | None, store: FileCache) -> Callable[[], Document]:
    def load() -> Document:
        outcome = store.get(key) if key is not None else None
        if outcome is None:
            outcome = check_file(source.display, source.kind, source.read())
        if outcome.document is None:
            raise NotLoaded(source.display)
        return outcome.document

    return load

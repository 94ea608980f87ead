"""The pipeline: files → load → schema → model → rules, returning the corpus and every diagnostic.

This is the library entry point the CLI, the renderer and the diff all call. It never prints and never
exits; everything it has to say is a :class:`~kompiler.diagnostics.Diagnostic`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from kompiler.check import incremental
from kompiler.check.cache import DEFAULT_FOLDER as DEFAULT_CACHE_FOLDER
from kompiler.check.cache import FileCache
from kompiler.check.load import Document, Pointer, split_lines
from kompiler.check.parallel import executor_for, map_batches
from kompiler.check.per_file import FileOutcome, check_batch, check_file
from kompiler.check.schema import SchemaSet, shipped_schemas
from kompiler.diagnostics import Diagnostic, Location, Message, Severity
from kompiler.model import Corpus, build, link
from kompiler.project import (
    PROJECT_FILE,
    FileKind,
    RuleSettings,
    SourceFile,
    discover,
    display_path,
    find_root,
    is_project,
    unreadable,
)
from kompiler.rules import registry, suppress
from kompiler.rules.engine import run_rules
from kompiler.rules.settings_check import configuration_broken
from kompiler.runtime.collector import paused

CODE_NO_PROJECT = "KMP012"
CODE_NOT_A_PROJECT = "KMP015"


@dataclass
class CompileResult:
    """What compiling a project produced."""

    root: Path | None
    corpus: Corpus
    diagnostics: list[Diagnostic]
    documents: dict[str, Document] = field(default_factory=dict)
    files: list[SourceFile] = field(default_factory=list)
    config_broken: bool = False
    unloadable: dict[str, str] = field(default_factory=dict)
    suppressed: list[suppress.Suppressed] = field(default_factory=list)
    _lines: dict[str, list[str]] = field(default_factory=dict, repr=False, compare=False)

    @cached_property
    def _texts(self) -> dict[str, str]:
        return {d.path: d.text for d in self.documents.values()} | self.unloadable

    def source_line(self, file: str, line: int) -> str:
        """Line ``line`` (1-based) of the file shown as ``file``, for excerpts under diagnostics.

        Each file is split once: a file with a hundred thousand diagnostics would otherwise be split
        a hundred thousand times (hours for one report).
        """
        lines = self._lines.get(file)
        if lines is None:
            lines = self._lines[file] = split_lines(self._texts.get(file, ""))
        return lines[line - 1] if 0 < line <= len(lines) else ""

    @property
    def ok(self) -> bool:
        return not any(d.severity is Severity.ERROR for d in self.diagnostics)

    def settings(self) -> RuleSettings:
        return RuleSettings.from_data(self.corpus.project.get("aturan"))

    def release_sources(self, *, keep_quoted: bool = False) -> None:
        """Forget the text and the parsed data of every file, kept only to check and report.

        For a caller that goes on to build: every entity keeps its document, so the text of a national
        corpus (200 MB) and its parsed data (550 MB: the entities share one copy of each repeated text,
        the data has one per scalar) would otherwise stay in memory, and in every process the build
        forks, until the build ends. The project settings (``corpus.project``) stay. With
        ``keep_quoted``, the texts of the files that diagnostics point at stay, so a report made
        afterwards still quotes their lines; otherwise locations and excerpts are empty afterwards.
        """
        quoted = (
            {
                location.file
                for d in self.diagnostics
                for location in (d.location, *(r.location for r in d.related))
            }
            if keep_quoted
            else set()
        )
        for document in self.documents.values():
            document.forget_source(keep_text=document.path in quoted)
        self.__dict__.pop("_texts", None)
        self._lines.clear()


def compile_path(
    path: Path,
    *,
    run_checks: bool = True,
    cache: bool | Path = False,
    cache_read_only: bool = False,
    executor: str | None = None,
    jobs: int | None = None,
) -> CompileResult:
    """Compile the project that ``path`` (a project folder, a folder inside one, or a file) belongs to.

    ``cache=True`` keeps the per-file stage's results in ``<project>/.kompiler-cache/`` (a path puts them
    elsewhere; ``cache_read_only`` uses what is there and writes nothing); ``executor`` and ``jobs``
    choose where that stage runs (see :mod:`kompiler.check.parallel`).
    """
    root = find_root(path)
    if not is_project(root):
        return not_a_project(root)
    files, diagnostics = discover(root)
    cache_dir = (root / DEFAULT_CACHE_FOLDER if cache is True else cache) or None
    result = compile_files(
        files,
        run_checks=run_checks,
        cache_dir=cache_dir,
        cache_read_only=cache_read_only,
        executor=executor,
        jobs=jobs,
    )
    return _finish(result, root, files, diagnostics, path)


def check_path(
    path: Path, *, cache: bool | Path = True, executor: str | None = None, jobs: int | None = None
) -> CompileResult:
    """The diagnostics of :func:`compile_path`, for callers that need nothing else (``kompiler check``).

    With the cache, a run whose every file is proven unchanged (by stat signature, see
    :mod:`kompiler.check.cache`) under the same kompiler and schemas is answered from the last run's record
    without loading a document: the result then has no documents and an empty corpus apart from the
    project settings, and reads a file again only to quote a line under one of its diagnostics.
    """
    if cache is False:
        return compile_path(path, executor=executor, jobs=jobs)
    root = find_root(path)
    if not is_project(root):
        return not_a_project(root)
    files, diagnostics = discover(root)
    schemas = shipped_schemas()
    store = FileCache(root / DEFAULT_CACHE_FOLDER if cache is True else cache, schemas)
    known = [store.known_key(source, store.stat(source)) for source in files]
    run_key = store.run_key([(source.relative, key) for source, key in zip(files, known, strict=True)])
    recorded = store.recall(run_key) if run_key is not None else None
    if isinstance(recorded, CheckRecord):
        return _finish(RecalledResult.of(recorded, files), root, files, diagnostics, path)
    with paused():  # the facts of 50,000 positions are many small objects, and hold no cycles
        result = _check_and_record(files, known, store, schemas, executor, jobs)
    return _finish(result, root, files, diagnostics, path)


def _check_and_record(
    files: list[SourceFile],
    known: list[str | None],
    store: FileCache,
    schemas: SchemaSet,
    executor: str | None,
    jobs: int | None,
) -> CompileResult:
    """Check incrementally when the last check's facts allow it, else in full; record the outcome."""
    fingerprint = store.run_key([])
    assert fingerprint is not None
    facts = store.recall(fingerprint, FACTS)
    rechecked = (
        incremental.recheck(files, known, store, facts) if isinstance(facts, incremental.Facts) else None
    )
    if rechecked is not None:
        record = CheckRecord(
            rechecked.diagnostics, False, rechecked.project, rechecked.unloadable, rechecked.suppressed
        )
        result: CompileResult = RecalledResult.of(record, files, "incremental")
        keys, new_facts = rechecked.keys, rechecked.facts
    else:
        keys = [None] * len(files)
        trace = _Trace()
        result = _compile(files, True, schemas, store, executor, jobs, keys, trace)
        record = CheckRecord.of(result)
        new_facts = None if result.config_broken else trace.facts(files, keys, result.corpus)
    run_key = store.run_key([(source.relative, key) for source, key in zip(files, keys, strict=True)])
    if run_key is not None:
        store.record(run_key, record)
        if new_facts is not None:
            store.record(fingerprint, new_facts, FACTS)
    return result


FACTS = "facts.bin"


@dataclass
class _Trace:
    """What a full check saw of each file, kept so that the next check can be incremental."""

    outcomes: list[FileOutcome | None] = field(default_factory=list)
    by_position_file: dict[str, list[Diagnostic]] = field(default_factory=dict)
    parsed: dict[str, suppress.Parsed] = field(default_factory=dict)

    def facts(
        self, files: list[SourceFile], keys: list[str | None], corpus: Corpus
    ) -> incremental.Facts | None:
        positions: dict[str, list[Any]] = {}
        for position in corpus.entities.positions:
            positions.setdefault(position.origin.file, []).append(position)
        references: dict[str, str] = {}
        outcomes: dict[str, FileOutcome] = {}
        by_file: dict[str, incremental.PositionFacts] = {}
        citations: dict[Any, Any] = {}
        for source, key, outcome in zip(files, keys, self.outcomes, strict=True):
            if key is None or outcome is None:
                return None
            if source.kind is not FileKind.POSITION:
                references[source.relative] = key
                outcomes[source.relative] = outcome
                continue
            by_file[source.relative] = incremental.position_facts(
                key,
                outcome,
                positions.get(source.display, []),
                self.by_position_file.get(source.display, []),
                source.kind,
                self.parsed.get(source.display),
                citations,
            )
        return incremental.Facts(references, outcomes, by_file)


@dataclass(frozen=True)
class CheckRecord:
    """What a check stores for its run: enough to answer the same check again without the corpus."""

    diagnostics: list[Diagnostic]
    config_broken: bool
    project: dict[str, Any]
    unloadable: frozenset[str]
    suppressed: list[suppress.Suppressed]

    @classmethod
    def of(cls, result: CompileResult) -> CheckRecord:
        return cls(
            result.diagnostics,
            result.config_broken,
            result.corpus.project,
            frozenset(result.unloadable),
            result.suppressed,
        )


@dataclass
class RecalledResult(CompileResult):
    """A check answered without the corpus: from the last run's record (``reuse="run"``) or by an
    incremental check (``"incremental"``). Lines for excerpts are read from the files on demand."""

    unloadable_files: frozenset[str] = frozenset()
    reuse: str = "run"

    @classmethod
    def of(cls, record: CheckRecord, files: list[SourceFile], reuse: str = "run") -> RecalledResult:
        corpus = link(build([]))
        corpus.project = record.project
        return cls(
            None,
            corpus,
            list(record.diagnostics),
            files=list(files),
            config_broken=record.config_broken,
            suppressed=list(record.suppressed),
            unloadable_files=record.unloadable,
            reuse=reuse,
        )

    def source_line(self, file: str, line: int) -> str:
        lines = self._lines.get(file)
        if lines is None:
            lines = self._lines[file] = split_lines(self._text(file))
        return lines[line - 1] if 0 < line <= len(lines) else ""

    @cached_property
    def _by_display(self) -> dict[str, SourceFile]:
        return {f.display: f for f in self.files}

    def _text(self, file: str) -> str:
        """The file's text as the loader decoded it (or, for a file that did not load, as reports quote it)."""
        source = self._by_display.get(file)
        if source is None:
            return ""
        try:
            raw = source.read()
        except OSError:
            return ""
        if file in self.unloadable_files:
            return raw.decode("utf-8", errors="replace")
        return raw.decode("utf-8-sig", errors="replace")


def not_a_project(root: Path) -> CompileResult:
    """The result for a folder that holds no part of a standards project (an empty folder, ``/``): a
    usage error, and nothing is read or written there."""
    problem = Diagnostic(
        Severity.ERROR,
        CODE_NOT_A_PROJECT,
        Message(
            "Ini bukan proyek standar: tidak ada kompiler.yaml di folder ini atau di atasnya, dan tidak ada "
            "sumber.yaml, jenjang.yaml, kamus/, rumpun/, atau jabatan/ di sini.",
            "This is not a standards project: no kompiler.yaml in this folder or above it, and no "
            "sumber.yaml, jenjang.yaml, kamus/, rumpun/ or jabatan/ here.",
        ),
        Location(display_path(root)),
    )
    return CompileResult(root, link(build([])), [problem], config_broken=True)


def _finish(
    result: CompileResult, root: Path, files: list[SourceFile], diagnostics: list[Diagnostic], path: Path
) -> CompileResult:
    """Add discovery's diagnostics (and the note that no kompiler.yaml was found) to a compiled result.

    A ``kompiler.yaml`` that discovery refused (a link out of the project, a name that is not a file)
    is a configuration that cannot be used, as one that cannot be parsed is: the result is then broken.
    """
    result.root = root
    project_file = display_path(root.resolve() / PROJECT_FILE)
    result.config_broken |= _has_error(d for d in diagnostics if d.location.file == project_file)
    if not any(f.kind is FileKind.PROJECT for f in files):
        diagnostics.append(
            Diagnostic(
                Severity.INFO,
                CODE_NO_PROJECT,
                Message(
                    "Tidak ada kompiler.yaml di folder ini atau di atasnya; pemeriksaan memakai konfigurasi bawaan.",
                    "No kompiler.yaml in this folder or above it; checking with the default configuration.",
                ),
                Location(files[0].display if files else str(path)),
            )
        )
    result.diagnostics = sorted(diagnostics + result.diagnostics, key=Diagnostic.sort_key)
    return result


def compile_files(
    files: list[SourceFile],
    *,
    run_checks: bool = True,
    schemas: SchemaSet | None = None,
    cache_dir: Path | None = None,
    cache_read_only: bool = False,
    executor: str | None = None,
    jobs: int | None = None,
) -> CompileResult:
    """Compile an explicit list of files (from disk or from a git revision)."""
    schemas = schemas or shipped_schemas()
    store = FileCache(cache_dir, schemas, read_only=cache_read_only) if cache_dir is not None else None
    return _compile(files, run_checks, schemas, store, executor, jobs, [None] * len(files))


def _compile(
    files: list[SourceFile],
    run_checks: bool,
    schemas: SchemaSet,
    store: FileCache | None,
    executor: str | None,
    jobs: int | None,
    keys: list[str | None],
    trace: _Trace | None = None,
) -> CompileResult:
    """Compile ``files``; ``keys`` receives each file's content key when the cache computed one, and
    ``trace`` what the next check needs to be incremental."""
    diagnostics: list[Diagnostic] = []
    validated: list[tuple[Document, FileKind, frozenset[Pointer]]] = []
    documents: dict[str, Document] = {}
    unloadable: dict[str, str] = {}
    config_broken = False
    with paused():
        outcomes = _check_files(files, diagnostics, schemas, store, executor, jobs, keys)
        if trace is not None:
            trace.outcomes = outcomes
        for source, outcome in zip(files, outcomes, strict=True):
            if outcome is None:  # unreadable, and reported: without its configuration, no rule can run
                config_broken |= source.kind is FileKind.PROJECT
                continue
            diagnostics.extend(outcome.diagnostics)
            document = outcome.document
            # Any error in the configuration (a duplicate key, an ambiguous or tagged value, not only a
            # schema violation) means the rules would run under settings nobody wrote: none run.
            config_broken |= source.kind is FileKind.PROJECT and _has_error(outcome.diagnostics)
            if document is None:
                config_broken |= source.kind is FileKind.PROJECT
                unloadable[source.display] = outcome.unloadable or ""
                continue
            documents[source.relative] = document
            config_broken |= source.kind is FileKind.PROJECT and bool(outcome.invalid)
            validated.append((document, source.kind, outcome.invalid))
        corpus = link(build(validated))
        result = CompileResult(None, corpus, diagnostics, documents, list(files), config_broken, unloadable)
        if run_checks and not config_broken:
            settings = result.settings()
            if trace is None:
                outcome = suppress.apply(run_rules(corpus, settings), documents.values(), settings)
            else:
                found = run_rules(corpus, settings, by_position_file=trace.by_position_file)
                for own in trace.by_position_file.values():
                    found.extend(own)
                trace.parsed = suppress.directives_of(documents.values(), registry())
                outcome = suppress.apply_parsed(found, trace.parsed, settings)
            diagnostics.extend(outcome.kept + outcome.problems)
            result.config_broken = configuration_broken(outcome.kept)
            result.suppressed = outcome.suppressed
    result.diagnostics = sorted(diagnostics, key=Diagnostic.sort_key)
    return result


def _check_files(
    files: list[SourceFile],
    diagnostics: list[Diagnostic],
    schemas: SchemaSet,
    store: FileCache | None,
    executor: str | None,
    jobs: int | None,
    keys: list[str | None],
) -> list[FileOutcome | None]:
    """The per-file stage for every file: from the cache when unchanged, else loaded and validated,
    in parallel when there are many (``None`` for a file that cannot be read)."""
    outcomes: list[FileOutcome | None] = [None] * len(files)
    pending: list[tuple[int, str | None, bytes]] = []
    for index, source in enumerate(files):
        key: str | None = None
        if store is not None:
            signature = store.stat(source)
            key = keys[index] = store.known_key(source, signature)
            cached = store.get(key) if key is not None else None
            if cached is not None:
                outcomes[index] = cached
                continue
        raw = _read(source, diagnostics)
        if raw is None:
            continue
        if store is not None:
            key = keys[index] = store.key(source, raw)
            store.remember(source, signature, key)
            cached = store.get(key)
            if cached is not None:
                outcomes[index] = cached
                continue
        pending.append((index, key, raw))
    if pending:
        shipped = schemas is shipped_schemas()
        with executor_for(executor if shipped else "serial", len(pending), jobs) as pool:
            if pool is None:
                fresh = [check_file(files[i].display, files[i].kind, raw, schemas) for i, _, raw in pending]
            else:
                jobs_list = [(files[i].display, files[i].kind, raw) for i, _, raw in pending]
                fresh = map_batches(pool, check_batch, jobs_list)
        for (index, key, _), outcome in zip(pending, fresh, strict=True):
            outcomes[index] = outcome
            if store is not None and key is not None:
                store.put(key, outcome)
    if store is not None:
        store.save()
    return outcomes


def _has_error(diagnostics: Iterable[Diagnostic]) -> bool:
    return any(d.severity is Severity.ERROR for d in diagnostics)


def _read(source: SourceFile, diagnostics: list[Diagnostic]) -> bytes | None:
    try:
        return source.read()
    except OSError as error:
        diagnostics.append(unreadable(source.display, error))
        return None

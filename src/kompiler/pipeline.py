"""The pipeline: files → load → schema → model → rules, returning the corpus and every diagnostic.

This is the library entry point the CLI, the renderer and the diff all call. It never prints and never
exits; everything it has to say is a :class:`~kompiler.diagnostics.Diagnostic`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from kompiler.check import facts, incremental
from kompiler.check.cache import DEFAULT_FOLDER as DEFAULT_CACHE_FOLDER
from kompiler.check.cache import FileCache
from kompiler.check.load import Document, Pointer
from kompiler.check.parallel import executor_for, map_batches
from kompiler.check.per_file import FileOutcome, check_batch, check_file, check_loaded
from kompiler.check.record import CheckRecord, RecalledResult
from kompiler.check.result import CompileResult
from kompiler.check.schema import SchemaSet, shipped_schemas
from kompiler.diagnostics import Diagnostic, Location, Message, Severity
from kompiler.model import build, link
from kompiler.project import (
    PROJECT_FILE,
    FileKind,
    ProjectTooLarge,
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


def compile_path(
    path: Path,
    *,
    run_checks: bool = True,
    cache: bool | Path = False,
    cache_read_only: bool = False,
    executor: str | None = None,
    jobs: int | None = None,
    loaded: Mapping[str, tuple[str, Any]] | None = None,
) -> CompileResult:
    """Compile the project that ``path`` (a project folder, a folder inside one, or a file) belongs to.

    ``cache=True`` keeps the per-file stage's results in ``<project>/.kompiler-cache/`` (a path puts them
    elsewhere; ``cache_read_only`` uses what is there and writes nothing); ``executor`` and ``jobs``
    choose where that stage runs (see :mod:`kompiler.check.parallel`). ``loaded`` holds, by relative
    path, the text and data of files the caller wrote itself from those very values: they are validated
    as that data instead of read and parsed again (see :func:`~kompiler.check.per_file.check_loaded`).
    """
    found = _discovered(path)
    if isinstance(found, CompileResult):
        return found
    root, files, diagnostics = found
    cache_dir = (root / DEFAULT_CACHE_FOLDER if cache is True else cache) or None
    result = compile_files(
        files,
        run_checks=run_checks,
        cache_dir=cache_dir,
        cache_read_only=cache_read_only,
        executor=executor,
        jobs=jobs,
        loaded=loaded,
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
    found = _discovered(path)
    if isinstance(found, CompileResult):
        return found
    root, files, diagnostics = found
    schemas = shipped_schemas()
    store = FileCache(root / DEFAULT_CACHE_FOLDER if cache is True else cache, schemas)
    known = [store.known_key(source, store.stat(source)) for source in files]
    run_key = store.run_key([(source.relative, key) for source, key in zip(files, known, strict=True)])
    recorded = store.recall(run_key) if run_key is not None else None
    if isinstance(recorded, CheckRecord):
        return _finish(RecalledResult.of(recorded, files), root, files, diagnostics, path)
    with paused():  # see _compile; the facts of 50,000 positions are many small objects too
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
    known_facts = facts.recall(store, fingerprint)
    rechecked = incremental.recheck(files, known, store, known_facts) if known_facts is not None else None
    if rechecked is not None:
        record = CheckRecord(
            rechecked.diagnostics, False, rechecked.project, rechecked.unloadable, rechecked.suppressed
        )
        result: CompileResult = RecalledResult.of(record, files, "incremental")
        keys, new_facts = rechecked.keys, rechecked.facts
    else:
        keys = [None] * len(files)
        trace = facts.Trace()
        result = _compile(files, True, schemas, store, executor, jobs, keys, trace)
        record = CheckRecord.of(result)
        new_facts = None if result.config_broken else trace.facts(files, keys, result.corpus)
    run_key = store.run_key([(source.relative, key) for source, key in zip(files, keys, strict=True)])
    if run_key is not None:
        store.record(run_key, record)
        if new_facts is not None:
            facts.remember(store, fingerprint, new_facts)
    return result


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


def _discovered(path: Path) -> tuple[Path, list[SourceFile], list[Diagnostic]] | CompileResult:
    """The project ``path`` belongs to, its files and discovery's diagnostics; or, when there is no
    project or it is past its bounds (KMP019: no file was read), the result saying so, which, as a
    configuration that cannot be used, runs no rule and makes the commands exit 2."""
    root = find_root(path)
    if not is_project(root):
        return not_a_project(root)
    try:
        files, diagnostics = discover(root)
    except ProjectTooLarge as refusal:
        return CompileResult(root, link(build([])), [refusal.diagnostic], config_broken=True)
    return root, files, diagnostics


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
    loaded: Mapping[str, tuple[str, Any]] | None = None,
) -> CompileResult:
    """Compile an explicit list of files (from disk or from a git revision); ``loaded`` as for
    :func:`compile_path`."""
    schemas = schemas or shipped_schemas()
    store = FileCache(cache_dir, schemas, read_only=cache_read_only) if cache_dir is not None else None
    with paused():
        return _compile(files, run_checks, schemas, store, executor, jobs, [None] * len(files), loaded=loaded)


def _compile(
    files: list[SourceFile],
    run_checks: bool,
    schemas: SchemaSet,
    store: FileCache | None,
    executor: str | None,
    jobs: int | None,
    keys: list[str | None],
    trace: facts.Trace | None = None,
    loaded: Mapping[str, tuple[str, Any]] | None = None,
) -> CompileResult:
    """Compile ``files``; ``keys`` receives each file's content key when the cache computed one, and
    ``trace`` what the next check needs to be incremental. Run with the collector paused (by
    :func:`compile_files` or :func:`check_path`): a corpus is millions of small objects without cycles."""
    diagnostics: list[Diagnostic] = []
    outcomes = _check_files(files, diagnostics, schemas, store, executor, jobs, keys, loaded or {})
    if trace is not None:
        trace.outcomes = outcomes
    result = _model(files, outcomes, diagnostics)
    if run_checks and not result.config_broken:
        _apply_rules(result, trace)
    result.diagnostics = sorted(result.diagnostics, key=Diagnostic.sort_key)
    return result


def _model(
    files: list[SourceFile], outcomes: list[FileOutcome | None], diagnostics: list[Diagnostic]
) -> CompileResult:
    """The corpus built and linked from every file that loaded, with the per-file diagnostics.

    Any error in the configuration (a duplicate key, an ambiguous or tagged value, not only a schema
    violation), or a configuration that cannot be read, means the rules would run under settings nobody
    wrote: the result is then broken and none run.
    """
    validated: list[tuple[Document, FileKind, frozenset[Pointer]]] = []
    documents: dict[str, Document] = {}
    unloadable: dict[str, str] = {}
    config_broken = False
    for source, outcome in zip(files, outcomes, strict=True):
        if outcome is None:  # unreadable, and reported
            config_broken |= source.kind is FileKind.PROJECT
            continue
        diagnostics.extend(outcome.diagnostics)
        document = outcome.document
        config_broken |= source.kind is FileKind.PROJECT and _has_error(outcome.diagnostics)
        if document is None:
            config_broken |= source.kind is FileKind.PROJECT
            unloadable[source.display] = outcome.unloadable or ""
            continue
        documents[source.relative] = document
        config_broken |= source.kind is FileKind.PROJECT and bool(outcome.invalid)
        validated.append((document, source.kind, outcome.invalid))
    kinds = {source.display: source.kind for source in files}
    corpus = link(build(validated, ((text, kinds[name]) for name, text in unloadable.items())))
    return CompileResult(None, corpus, diagnostics, documents, list(files), config_broken, unloadable)


def _apply_rules(result: CompileResult, trace: facts.Trace | None) -> None:
    """Run the rules over the result's corpus and add what suppression keeps; a ``trace`` receives the
    position-scope rules' diagnostics by file and every file's directives."""
    corpus, documents = result.corpus, result.documents
    settings = result.settings()
    parsed = suppress.directives_of(documents.values(), registry())
    waived = suppress.whole_file(parsed)
    if trace is None:
        found = run_rules(corpus, settings, waived=waived)
    else:
        found = run_rules(corpus, settings, by_position_file=trace.by_position_file, waived=waived)
        for own in trace.by_position_file.values():
            found.extend(own)
        trace.parsed = parsed
    outcome = suppress.apply_parsed(found, parsed, settings, suppress.partly_checked(result.diagnostics))
    result.diagnostics.extend(outcome.kept + outcome.problems)
    result.config_broken = configuration_broken(outcome.kept)
    result.suppressed = outcome.suppressed


def _check_files(
    files: list[SourceFile],
    diagnostics: list[Diagnostic],
    schemas: SchemaSet,
    store: FileCache | None,
    executor: str | None,
    jobs: int | None,
    keys: list[str | None],
    loaded: Mapping[str, tuple[str, Any]],
) -> list[FileOutcome | None]:
    """The per-file stage for every file: validated as the data the caller holds for it (``loaded``),
    from the cache when unchanged, else loaded and validated, in parallel when there are many (``None``
    for a file that cannot be read)."""
    outcomes: list[FileOutcome | None] = [None] * len(files)
    for index, source in enumerate(files):
        if source.relative in loaded:
            text, data = loaded[source.relative]
            outcomes[index] = check_loaded(Document(source.display, text, data), source.kind, schemas)
    pending = _from_cache(files, diagnostics, store, keys, outcomes)
    if pending:
        fresh = _check_pending(files, pending, schemas, executor, jobs)
        for (index, key, _), outcome in zip(pending, fresh, strict=True):
            outcomes[index] = outcome
            if store is not None and key is not None:
                store.put(key, outcome)
    if store is not None:
        store.save()
    return outcomes


_Pending = list[tuple[int, str | None, bytes]]


def _from_cache(
    files: list[SourceFile],
    diagnostics: list[Diagnostic],
    store: FileCache | None,
    keys: list[str | None],
    outcomes: list[FileOutcome | None],
) -> _Pending:
    """Fill the empty places of ``outcomes`` with what the cache holds, by stat signature first and then
    by content; return each other readable file's index, content key and bytes."""
    pending: _Pending = []
    for index, source in enumerate(files):
        if outcomes[index] is not None:
            continue
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
    return pending


def _check_pending(
    files: list[SourceFile], pending: _Pending, schemas: SchemaSet, executor: str | None, jobs: int | None
) -> list[FileOutcome]:
    """Load and validate the pending files, in parallel when there are many; here when the schemas are
    not the shipped ones, which are the only ones a worker (:func:`check_batch`) validates against."""
    shipped = schemas is shipped_schemas()
    with executor_for(executor if shipped else "serial", len(pending), jobs) as pool:
        if pool is None:
            return [check_file(files[i].display, files[i].kind, raw, schemas) for i, _, raw in pending]
        jobs_list = [(files[i].display, files[i].kind, raw) for i, _, raw in pending]
        return map_batches(pool, check_batch, jobs_list)


def _has_error(diagnostics: Iterable[Diagnostic]) -> bool:
    return any(d.severity is Severity.ERROR for d in diagnostics)


def _read(source: SourceFile, diagnostics: list[Diagnostic]) -> bytes | None:
    try:
        return source.read()
    except OSError as error:
        diagnostics.append(unreadable(source.display, error))
        return None

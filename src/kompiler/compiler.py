"""The pipeline: files → load → schema → model → rules, returning the corpus and every diagnostic.

This is the library entry point the CLI, the renderer and the diff all call. It never prints and never
exits; everything it has to say is a :class:`~kompiler.diagnostics.Diagnostic`.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from kompiler.cache import DEFAULT_FOLDER as DEFAULT_CACHE_FOLDER
from kompiler.cache import FileCache
from kompiler.diagnostics import Diagnostic, Location, Message, Severity
from kompiler.filecheck import FileOutcome, check_batch, check_file
from kompiler.load import Document, Pointer
from kompiler.model import Corpus, build, link
from kompiler.parallel import executor_for, map_batches
from kompiler.project import FileKind, RuleSettings, SourceFile, discover, find_root
from kompiler.rules import suppress
from kompiler.rules.engine import run_rules
from kompiler.schema import SchemaSet, shipped_schemas

CODE_NO_PROJECT = "KMP012"


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

    @cached_property
    def _texts(self) -> dict[str, str]:
        return {d.path: d.text for d in self.documents.values()} | self.unloadable

    def source_line(self, file: str, line: int) -> str:
        """Line ``line`` (1-based) of the file shown as ``file``, for excerpts under diagnostics."""
        lines = self._texts.get(file, "").splitlines()
        return lines[line - 1] if 0 < line <= len(lines) else ""

    @property
    def ok(self) -> bool:
        return not any(d.severity is Severity.ERROR for d in self.diagnostics)

    def settings(self) -> RuleSettings:
        return RuleSettings.from_data(self.corpus.project.get("aturan"))


def compile_path(
    path: Path,
    *,
    run_checks: bool = True,
    cache: bool | Path = False,
    executor: str | None = None,
    jobs: int | None = None,
) -> CompileResult:
    """Compile the project that ``path`` (a project folder, a folder inside one, or a file) belongs to.

    ``cache=True`` keeps the per-file stage's results in ``<project>/.kompiler-cache/`` (a path puts them
    elsewhere); ``executor`` and ``jobs`` choose where that stage runs (see :mod:`kompiler.parallel`).
    """
    root = find_root(path)
    files, diagnostics = discover(root)
    cache_dir = (root / DEFAULT_CACHE_FOLDER if cache is True else cache) or None
    result = compile_files(files, run_checks=run_checks, cache_dir=cache_dir, executor=executor, jobs=jobs)
    result.root = root
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
    executor: str | None = None,
    jobs: int | None = None,
) -> CompileResult:
    """Compile an explicit list of files (from disk or from a git revision)."""
    schemas = schemas or shipped_schemas()
    diagnostics: list[Diagnostic] = []
    validated: list[tuple[Document, FileKind, frozenset[Pointer]]] = []
    documents: dict[str, Document] = {}
    unloadable: dict[str, str] = {}
    config_broken = False
    with _collector_paused():
        outcomes = _check_files(files, diagnostics, schemas, cache_dir, executor, jobs)
        for source, outcome in zip(files, outcomes, strict=True):
            if outcome is None:
                continue
            diagnostics.extend(outcome.diagnostics)
            document = outcome.document
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
            outcome = suppress.apply(run_rules(corpus, settings), documents.values(), settings)
            diagnostics.extend(outcome.kept + outcome.problems)
            result.suppressed = outcome.suppressed
    result.diagnostics = sorted(diagnostics, key=Diagnostic.sort_key)
    return result


def _check_files(
    files: list[SourceFile],
    diagnostics: list[Diagnostic],
    schemas: SchemaSet,
    cache_dir: Path | None,
    executor: str | None,
    jobs: int | None,
) -> list[FileOutcome | None]:
    """The per-file stage for every file: from the cache when unchanged, else loaded and validated,
    in parallel when there are many (``None`` for a file that cannot be read)."""
    store = FileCache(cache_dir, schemas) if cache_dir is not None else None
    outcomes: list[FileOutcome | None] = [None] * len(files)
    pending: list[tuple[int, str | None, bytes]] = []
    for index, source in enumerate(files):
        key: str | None = None
        if store is not None:
            key = store.known_key(source)
            cached = store.get(key) if key is not None else None
            if cached is not None:
                outcomes[index] = cached
                continue
            signature = store.stat(source)
        raw = _read(source, diagnostics)
        if raw is None:
            continue
        if store is not None:
            key = store.key(source, raw)
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


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while tens of thousands of documents and entities are created
    and checked: they hold no cycles worth collecting, and collections triggered by their many small
    containers more than double the time of linking and rules at national scale."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _read(source: SourceFile, diagnostics: list[Diagnostic]) -> bytes | None:
    try:
        return source.read()
    except OSError as error:
        diagnostics.append(
            Diagnostic(
                Severity.ERROR,
                "KMP001",
                Message(
                    f"Berkas tidak dapat dibaca: {error.strerror or error}.",
                    f"The file cannot be read: {error.strerror or error}.",
                ),
                Location(source.display),
            )
        )
        return None

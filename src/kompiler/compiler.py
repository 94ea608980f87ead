"""The pipeline: files → load → schema → model → rules, returning the corpus and every diagnostic.

This is the library entry point the CLI, the renderer and the diff all call. It never prints and never
exits; everything it has to say is a :class:`~kompiler.diagnostics.Diagnostic`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from kompiler.diagnostics import Diagnostic, Location, Message, Severity
from kompiler.load import Document, Pointer, load_bytes
from kompiler.model import Corpus, build, link
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


def compile_path(path: Path, *, run_checks: bool = True) -> CompileResult:
    """Compile the project that ``path`` (a project folder, a folder inside one, or a file) belongs to."""
    root = find_root(path)
    files, diagnostics = discover(root)
    result = compile_files(files, run_checks=run_checks)
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
    files: list[SourceFile], *, run_checks: bool = True, schemas: SchemaSet | None = None
) -> CompileResult:
    """Compile an explicit list of files (from disk or from a git revision)."""
    schemas = schemas or shipped_schemas()
    diagnostics: list[Diagnostic] = []
    validated: list[tuple[Document, FileKind, frozenset[Pointer]]] = []
    documents: dict[str, Document] = {}
    unloadable: dict[str, str] = {}
    config_broken = False
    for source in files:
        raw = _read(source, diagnostics)
        if raw is None:
            continue
        loaded = load_bytes(source.display, raw)
        diagnostics.extend(loaded.diagnostics)
        document = loaded.document
        if document is None:
            config_broken |= source.kind is FileKind.PROJECT
            unloadable[source.display] = raw.decode("utf-8", errors="replace")
            continue
        documents[source.relative] = document
        checked = schemas.validate(document, source.kind)
        diagnostics.extend(checked.diagnostics)
        config_broken |= source.kind is FileKind.PROJECT and bool(checked.diagnostics)
        validated.append((document, source.kind, checked.invalid))
    corpus = link(build(validated))
    result = CompileResult(None, corpus, diagnostics, documents, list(files), config_broken, unloadable)
    if run_checks and not config_broken:
        settings = result.settings()
        outcome = suppress.apply(run_rules(corpus, settings), documents.values(), settings)
        diagnostics.extend(outcome.kept + outcome.problems)
        result.suppressed = outcome.suppressed
    result.diagnostics = sorted(diagnostics, key=Diagnostic.sort_key)
    return result


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

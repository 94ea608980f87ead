"""The per-file stage: load one file's bytes and check it against its schema.

It is a pure function of (name shown, kind, bytes), which is what lets its result be cached by content
(:mod:`kompiler.check.cache`) and computed in another process or on another machine (:mod:`kompiler.check.parallel`).
Everything after it (model, rules, graph) needs all files at once and runs in the main process.
"""

from __future__ import annotations

from dataclasses import dataclass

from kompiler.check.load import Document, Pointer, load_bytes, wide_encoding
from kompiler.check.schema import SchemaSet, shipped_schemas
from kompiler.diagnostics import Diagnostic
from kompiler.project import FileKind
from kompiler.runtime.collector import paused


@dataclass
class FileOutcome:
    """What the per-file stage found in one file.

    ``unloadable`` holds the decoded text of a file that could not be loaded as YAML, so that reports
    can still quote its lines.
    """

    document: Document | None
    diagnostics: list[Diagnostic]
    invalid: frozenset[Pointer] = frozenset()
    unloadable: str | None = None


def check_file(display: str, kind: FileKind, raw: bytes, schemas: SchemaSet | None = None) -> FileOutcome:
    """Load ``raw`` (shown to users as ``display``) and validate it against the schema of ``kind``."""
    loaded = load_bytes(display, raw)
    document = loaded.document
    if document is None:
        return FileOutcome(None, loaded.diagnostics, frozenset(), _as_text(raw))
    checked = check_loaded(document, kind, schemas)
    return FileOutcome(document, loaded.diagnostics + checked.diagnostics, checked.invalid)


def _as_text(raw: bytes) -> str:
    """The text of a file that could not be loaded, as well as it can be read: a file saved as UTF-16 or
    UTF-32 (Notepad's "Unicode") is refused, but its lines are still quoted, and the codes it declares
    still known (:func:`kompiler.model.assemble.codes_written`), in the words the drafter wrote."""
    return raw.decode(wide_encoding(raw) or "utf-8", errors="replace")


def check_loaded(document: Document, kind: FileKind, schemas: SchemaSet | None = None) -> FileOutcome:
    """The schema half of :func:`check_file`, for a document whose data the caller already holds.

    For a file the caller wrote itself from plain values (the importer): parsing its text again would
    only give back those values, and at the size of a national classification that parse is most of
    the time. The caller vouches that the strict loader reads ``document.text`` as ``document.data``
    without a diagnostic; the importer's tests hold it to that.
    """
    checked = (schemas or shipped_schemas()).validate(document, kind)
    return FileOutcome(document, checked.diagnostics, checked.invalid)


def check_batch(jobs: list[tuple[str, FileKind, bytes]]) -> list[FileOutcome]:
    """:func:`check_file` over a batch with the shipped schemas; the unit of work sent to executors.

    The cyclic garbage collector is paused meanwhile: documents hold no cycles, and collections
    triggered by their many small containers cost about a third of the loading time.
    """
    with paused():
        return [check_file(display, kind, raw) for display, kind, raw in jobs]

"""``kompiler fmt`` over a project's files: each file's outcome is a pure function of its bytes and kind
(:func:`format_bytes`), computed on a pool of processes when many files need it (:func:`format_all`),
and skipped for a file whose bytes were already found canonical (:class:`Verdicts`).

Where the time goes: formatting one file is a round trip through the comment-keeping YAML library, which
is pure Python (its scanner and composer are most of it), and a file that changes is formatted twice to
prove that fmt run again changes nothing. A project kept formatted by a pre-commit hook is almost all
canonical files, so remembering them pays most; a cold run is shared among the cores.

A verdict is remembered only for bytes that are canonical and say nothing (no warning either): a file
found so, and what fmt writes when formatting it again is known to give it back without a word
(:attr:`~kompiler.authoring.fmt.Formatted.settled`: the second pass that proves a changed file stable is
that very formatting, so knowing costs no third pass), so that the run after a rewrite formats nothing.
A verdict is keyed by the SHA-256 of the bytes, their kind and :func:`fingerprint` (fmt's code and the
code it imports, the schemas that order the keys, the YAML libraries' versions), so a changed file,
formatter, schema or library can never be answered from a stale verdict, and a remembered verdict says
exactly what formatting the file again would: nothing. The verdicts are kept as the check keeps its
cache (:class:`kompiler.cachestore.AuthenticatedFolder`: in ``.kompiler-cache/``, authenticated with
this user's key kept outside the project), so a cache planted in a repository is ignored. With the cache
off (``--no-cache``) nothing is fingerprinted or hashed.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import signal
import sys
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

from kompiler.authoring.fmt import NotFormattable, format_document
from kompiler.authoring.roundtrip import byte_order_mark, read_strictly
from kompiler.cachestore import DEFAULT_FOLDER, AuthenticatedFolder, installed_version, sources_fingerprint
from kompiler.diagnostics import Diagnostic
from kompiler.project import FileKind
from kompiler.resources import data_dir
from kompiler.runtime.processes import available_cores
from kompiler.runtime.signals import release_held_signals, signals_deferred

# Raise when the meaning of a stored verdict changes in a way the code fingerprint would not show.
VERDICT_FORMAT = 1
CACHE_NAME = "fmt.bin"
# Verdicts kept: the most recent ones, far more than the files of a national project.
MAX_VERDICTS = 200_000
# Files to format from which a pool pays: forking workers takes a few tens of milliseconds, what
# formatting one or two files takes.
PARALLEL_FROM = 8
_ENTRIES = ("kompiler.authoring.fmt", __name__)
_LIBRARIES = ("ruamel.yaml", "PyYAML")


@dataclass(frozen=True)
class FileResult:
    """What formatting one file found: its canonical bytes when they differ from its own (``None``
    when it is canonical or cannot be formatted safely), and the diagnostics, located in it.
    ``settled``: the canonical bytes are known to be canonical and to say nothing in turn, so that once
    written they can be remembered without being formatted again."""

    formatted: bytes | None
    diagnostics: tuple[Diagnostic, ...]
    canonical: bool = False
    settled: bool = False


def format_bytes(display: str, kind: FileKind, raw: bytes) -> FileResult:
    """Format the file shown as ``display`` whose bytes are ``raw``, read as strictly as the check reads
    it; a file that cannot be formatted safely gets no bytes and diagnostics that say why."""
    document, found = read_strictly(display, lambda: raw)
    if document is None:
        return FileResult(None, tuple(found))
    try:
        result = format_document(document, kind)
    except NotFormattable as error:
        return FileResult(None, (*found, *error.diagnostics))
    formatted = byte_order_mark(raw) + result.text.encode("utf-8")
    if formatted == raw:
        return FileResult(None, tuple(found), canonical=True)
    return FileResult(formatted, tuple(found), settled=result.settled)


Item = tuple[str, FileKind, bytes]


def format_all(items: list[Item], jobs: int | None = None) -> list[FileResult]:
    """:func:`format_bytes` of every (display, kind, bytes) item, in order: in this process, or on up to
    ``jobs`` (default: the cores) forked processes when there are enough items. The results are the
    same either way."""
    workers = min(jobs or available_cores(), len(items))
    if workers < 2 or len(items) < PARALLEL_FROM or "fork" not in multiprocessing.get_all_start_methods():
        return [_format_item(item) for item in items]
    context = multiprocessing.get_context("fork")
    # Small chunks, since a dictionary takes twenty times as long as a position. The workers are forked
    # with Ctrl+C and SIGTERM held, so that one arriving meanwhile cannot leave a worker started and the
    # pool unknown; whatever ends the work (also Ctrl+C, or SIGTERM raised as SystemExit by the command)
    # stops every worker before it goes on.
    chunk = max(1, min(16, len(items) // (workers * 8)))
    pool = None
    try:
        with signals_deferred():
            pool = context.Pool(workers, initializer=_worker_signals)
        return pool.map(_format_item, items, chunksize=chunk)
    finally:
        if pool is not None:
            pool.terminate()
            pool.join()


def _format_item(item: Item) -> FileResult:
    return format_bytes(*item)


def _worker_signals() -> None:
    """Ctrl+C reaches the whole process group: the command stops the workers itself, so they neither
    raise nor print anything of their own; SIGTERM (how the pool stops them) ends them at once."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    release_held_signals()


@cache
def fingerprint() -> str:
    """A hash of everything a verdict depends on besides the file: fmt's code and every kompiler module it
    imports (the strict loader among them), the shipped schemas (the key order), the YAML libraries."""
    digest = hashlib.sha256(f"{VERDICT_FORMAT}\0{sys.version_info[:2]}\0".encode())
    digest.update(sources_fingerprint(_ENTRIES).encode())
    for library in _LIBRARIES:
        digest.update(f"\0{library}={installed_version(library)}".encode())
    digest.update(f"\0libyaml={getattr(yaml, '__with_libyaml__', False)}\0".encode())
    schemas = data_dir("schemas")
    for path in sorted(schemas.rglob("*")):
        if path.is_file():
            digest.update(path.relative_to(schemas).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


class Verdicts:
    """The contents (by key) of the files already found canonical, from the project's cache folder; when
    not ``enabled``, none, and no file has a key."""

    def __init__(self, root: Path, *, enabled: bool = True) -> None:
        self._fingerprint = fingerprint() if enabled else None
        self._store = AuthenticatedFolder(root / DEFAULT_FOLDER) if enabled else None
        loaded = self._store.load(CACHE_NAME) if self._store is not None else None
        self._known: dict[str, None] = {}
        valid = isinstance(loaded, tuple) and len(loaded) == 2 and loaded[0] == self._fingerprint
        if valid and isinstance(loaded[1], dict):
            self._known = loaded[1]
        self._added = False

    def key(self, kind: FileKind, raw: bytes) -> str | None:
        """The key of a file of ``kind`` whose bytes are ``raw``, or ``None`` when the cache is off."""
        if self._fingerprint is None:
            return None
        digest = hashlib.sha256(f"{self._fingerprint}\0{kind.value}\0".encode())
        digest.update(raw)
        return digest.hexdigest()

    def canonical(self, key: str | None) -> bool:
        return key is not None and key in self._known

    def add(self, key: str | None) -> None:
        """Remember that the file whose key is ``key`` (one :meth:`canonical` did not know, or the bytes
        fmt writes when :attr:`FileResult.settled`) is canonical and formatting it says nothing."""
        if key is None:
            return
        self._known[key] = None
        self._added = True

    def save(self) -> None:
        """Store the verdicts if any was added, the most recent :data:`MAX_VERDICTS` of them."""
        if self._store is None or not self._added:
            return
        kept = self._known
        if len(kept) > MAX_VERDICTS:
            kept = dict.fromkeys(list(kept)[-MAX_VERDICTS:])
        self._store.store(CACHE_NAME, (self._fingerprint, kept))

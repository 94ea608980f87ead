"""Content-addressed cache of the per-file stage (load + schema), so that an unchanged file is never
parsed or validated twice.

Correctness first: an entry's key is the SHA-256 of the file's bytes, the name it is shown under, its kind,
the schema set and a fingerprint of kompiler's own code, so a changed file, schema or compiler can never
be answered from a stale entry. The only shortcut is the one git takes: a file whose stat signature (device,
inode, size, mtime, ctime) matches what was recorded when its bytes were hashed is not read again; a
signature recorded within two seconds of the file's last change is not trusted (the "racily clean" case)
and such a file is hashed again.

The cache folder sits inside the project, which in CI may come from a stranger's pull request, and
entries are pickles: they are kept in a :class:`kompiler.cachestore.AuthenticatedFolder`, where a file is
read only when this user's key (kept outside the project) authenticates it, never through a symbolic
link, and only up to :data:`kompiler.cachestore.MAX_CACHE_FILE`. Entries are spread over 256 shards so
that editing one file rewrites about 1/256 of the cache.

Beside the entries, the cache keeps the record of the last whole run (:meth:`FileCache.record`), keyed by
every file's content key and a fingerprint of all of kompiler's code, so that a check in which no file
changed is answered without loading anything. Stat signatures are kept per (path, name shown): the name
shown is part of every key and of every diagnostic, and it changes with the working folder.
"""

from __future__ import annotations

import hashlib
import os
import sys
import time
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import kompiler
from kompiler.cachestore import DEFAULT_FOLDER as DEFAULT_FOLDER
from kompiler.cachestore import AuthenticatedFolder, installed_version, sources_fingerprint
from kompiler.check.per_file import FileOutcome
from kompiler.check.schema import SchemaSet
from kompiler.project import SourceFile

CACHE_FORMAT = 2
_RACY_NS = 2_000_000_000
_STATS = "stats.bin"
_RUN = "run.bin"

StatSignature = tuple[int, int, int, int, int]
_clock = time.time_ns


# Where the per-file stage starts: its code, and the code of every kompiler module it imports, decides a
# per-file outcome, so a change to any of them (even unreleased, during development) changes every key.
# Rules, model and rendering run after the cache and do not count.
_STAGE_ENTRIES = ("kompiler.check.per_file", __name__)
# The libraries whose behaviour decides a per-file outcome: an upgrade of either may parse or validate
# differently, so their versions are part of every key too.
_STAGE_LIBRARIES = ("PyYAML", "jsonschema-rs")


@cache
def code_fingerprint() -> str:
    """A hash of kompiler's version and of the per-file stage's source code."""
    digest = hashlib.sha256(f"{CACHE_FORMAT}\0{kompiler.__version__}\0{sys.version_info[:2]}".encode())
    for library in _STAGE_LIBRARIES:
        digest.update(f"{library}={installed_version(library)}\0".encode())
    digest.update(sources_fingerprint(_STAGE_ENTRIES).encode())
    return digest.hexdigest()


@cache
def package_fingerprint() -> str:
    """A hash of every file of kompiler's package: what a whole check (rules, model, messages) depends on."""
    digest = hashlib.sha256(code_fingerprint().encode())
    package = Path(kompiler.__file__).resolve().parent
    for path in sorted(package.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def schema_fingerprint(schemas: SchemaSet) -> str:
    digest = hashlib.sha256()
    for uri in sorted(schemas.resources):
        digest.update(uri.encode() + b"\0" + repr(schemas.resources[uri]).encode())
    return digest.hexdigest()


def _signature(stat: os.stat_result) -> StatSignature:
    return (stat.st_dev, stat.st_ino, stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns)


@dataclass
class _Shard:
    entries: dict[str, FileOutcome]
    dirty: bool = False


class FileCache(AuthenticatedFolder):
    """Outcomes of the per-file stage by content key, and stat signatures of files already hashed."""

    def __init__(
        self, folder: Path, schemas: SchemaSet, key: bytes | None = None, *, read_only: bool = False
    ) -> None:
        super().__init__(folder, key, read_only=read_only)
        self.read_only = read_only  # read entries, never write (``kompiler build`` writes only its output)
        self._salt = f"{code_fingerprint()}\0{schema_fingerprint(schemas)}".encode()
        self._now_ns = _clock()
        self._stats: dict[tuple[str, str], tuple[StatSignature, str]] = {}
        self._new_stats: dict[tuple[str, str], tuple[StatSignature, str]] = {}
        self._shards: dict[str, _Shard] = {}
        self._used: set[str] = set()
        if self.trusted:
            loaded = self._read(_STATS)
            if isinstance(loaded, dict) and loaded.get("salt") == self._salt:
                self._stats = loaded["stats"]

    def key(self, source: SourceFile, raw: bytes) -> str:
        digest = hashlib.sha256(self._salt)
        digest.update(f"\0{source.kind.value}\0{source.display}\0".encode())
        digest.update(raw)
        return digest.hexdigest()

    def known_key(self, source: SourceFile, signature: StatSignature | None) -> str | None:
        """The key of ``source`` if ``signature``, its stat signature now (:meth:`stat`), proves it
        unchanged since it was hashed."""
        if signature is None:
            return None
        recorded = self._stats.get((source.relative, source.display))
        if recorded is None or recorded[0] != signature:
            return None
        self._new_stats[(source.relative, source.display)] = recorded
        return recorded[1]

    def remember(self, source: SourceFile, signature: StatSignature | None, key: str) -> None:
        """Record that ``source`` had ``signature`` before its bytes were read and hashed to ``key``."""
        if signature is None:
            return
        newest = max(signature[3], signature[4])
        if newest < self._now_ns - _RACY_NS:
            self._new_stats[(source.relative, source.display)] = (signature, key)

    def stat(self, source: SourceFile) -> StatSignature | None:
        """``source``'s stat signature: as discovery listed it, which is before its bytes are read."""
        if source.listed_stat is not None:
            return _signature(source.listed_stat)
        if source.path is None:
            return None
        try:
            return _signature(os.stat(source.path))
        except OSError:
            return None

    def get(self, key: str) -> FileOutcome | None:
        outcome = self._shard(key).entries.get(key)
        if outcome is None:
            return None
        self._used.add(key)
        return outcome

    def keep(self, keys: list[str | None]) -> None:
        """Keep the entries of ``keys`` when their shard is rewritten, though this run did not read them
        (an incremental check reads only the changed files)."""
        self._used.update(key for key in keys if key is not None)

    def put(self, key: str, outcome: FileOutcome) -> None:
        shard = self._shard(key)
        shard.entries[key] = outcome
        shard.dirty = True
        self._used.add(key)

    def save(self) -> None:
        """Write what changed: dirty shards (keeping only entries used in this run) and the stat index."""
        if self.read_only:
            return
        changed = {
            f"{name}.bin": {k: v for k, v in shard.entries.items() if k in self._used}
            for name, shard in self._shards.items()
            if shard.dirty
        }
        if self._new_stats != self._stats:
            changed[_STATS] = {"salt": self._salt, "stats": self._new_stats}
        self.store_all(changed)

    def run_key(self, keys: list[tuple[str, str | None]]) -> str | None:
        """The key of a whole run over files given as (relative path, content key) pairs, or ``None``
        when a file has no content key (unreadable, or not proven unchanged)."""
        digest = hashlib.sha256(f"{package_fingerprint()}\0".encode() + self._salt)
        for relative, key in keys:
            if key is None:
                return None
            digest.update(f"\0{relative}\0{key}".encode())
        return digest.hexdigest()

    def recall(self, run_key: str, name: str = _RUN) -> Any:
        """What :meth:`record` stored for ``run_key`` under ``name``, or ``None``. One value is kept
        for each name: the last one."""
        loaded = self.load(name)
        if isinstance(loaded, tuple) and len(loaded) == 2 and loaded[0] == run_key:
            return loaded[1]
        return None

    def record(self, run_key: str, value: Any, name: str = _RUN) -> None:
        self.store(name, (run_key, value))

    def _shard(self, key: str) -> _Shard:
        name = key[:2]
        shard = self._shards.get(name)
        if shard is None:
            loaded = self.load(f"{name}.bin")
            shard = _Shard(loaded if isinstance(loaded, dict) else {})
            self._shards[name] = shard
        return shard

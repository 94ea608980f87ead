"""Content-addressed cache of the per-file stage (load + schema), so that an unchanged file is never
parsed or validated twice.

Correctness first: an entry's key is the SHA-256 of the file's bytes, the name it is shown under, its kind,
the schema set and a fingerprint of kompiler's own code, so a changed file, schema or compiler can never
be answered from a stale entry. The only shortcut is the one git takes: a file whose stat signature (device,
inode, size, mtime, ctime) matches what was recorded when its bytes were hashed is not read again; a
signature recorded within two seconds of the file's last change is not trusted (the "racily clean" case)
and such a file is hashed again.

The cache folder sits inside the project, which in CI may come from a stranger's pull request, and
entries are pickles. Every file the cache writes is therefore authenticated with a keyed BLAKE2 MAC whose
key lives in the user's own cache folder (``$XDG_CACHE_HOME/kompiler/key``): a planted or tampered file is
ignored, never unpickled. The key is trusted only where a pull request cannot have put it: outside the
project (a ``HOME`` or ``XDG_CACHE_HOME`` inside it does not count), a regular file of the user's own that
nobody else can read; without a home (a container's user with no passwd entry) there is no key and no
cache. Nothing in the cache folder is followed through a symbolic link (a cache folder that is one is not
used at all), only regular files are read, and no file larger than :data:`MAX_CACHE_FILE` is read, so a
planted ``stats.bin -> /dev/zero`` or a sparse file of terabytes is a miss like any other. Entries are
spread over 256 shards so that editing one file rewrites about 1/256 of the cache.

Beside the entries, the cache keeps the record of the last whole run (:meth:`FileCache.record`), keyed by
every file's content key and a fingerprint of all of kompiler's code, so that a check in which no file
changed is answered without loading anything. Stat signatures are kept per (path, name shown): the name
shown is part of every key and of every diagnostic, and it changes with the working folder.
"""

from __future__ import annotations

import hashlib
import hmac
import importlib.metadata
import os
import pickle
import pwd
import re
import secrets
import sys
import tempfile
import time
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import kompiler
from kompiler.atomic import replace_file
from kompiler.check.per_file import FileOutcome
from kompiler.check.schema import SchemaSet
from kompiler.project import SourceFile
from kompiler.reading import opened, read_at_most

CACHE_FORMAT = 2
DEFAULT_FOLDER = ".kompiler-cache"
_MAGIC = b"KMPC0001"
_MAC_SIZE = 32
_RACY_NS = 2_000_000_000
_KEY_SIZE = 32
# The largest cache file read: the facts of a check of 50,000 positions take about 40 MB.
MAX_CACHE_FILE = 1 << 30
_CHUNK = 1 << 20
_FOLDER_FLAGS = os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | getattr(os, "O_CLOEXEC", 0)
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


def installed_version(distribution: str) -> str:
    """The installed version of ``distribution``, or ``absent``."""
    try:
        return importlib.metadata.version(distribution)
    except importlib.metadata.PackageNotFoundError:
        return "absent"


@cache
def code_fingerprint() -> str:
    """A hash of kompiler's version and of the per-file stage's source code."""
    digest = hashlib.sha256(f"{CACHE_FORMAT}\0{kompiler.__version__}\0{sys.version_info[:2]}".encode())
    for library in _STAGE_LIBRARIES:
        digest.update(f"{library}={installed_version(library)}\0".encode())
    package = Path(kompiler.__file__).resolve().parent
    for path in _stage_sources(package):
        digest.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def sources_fingerprint(entries: tuple[str, ...]) -> str:
    """A hash of the source code of the kompiler modules ``entries`` and of every kompiler module they
    import, directly or not (what another cached stage, ``kompiler fmt``'s verdicts, depends on)."""
    digest = hashlib.sha256()
    package = Path(kompiler.__file__).resolve().parent
    for path in _stage_sources(package, entries):
        digest.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def _stage_sources(package: Path, entries: tuple[str, ...] = _STAGE_ENTRIES) -> list[Path]:
    """The source files of the per-file stage: its entry modules and every kompiler module they import,
    directly or not (with the packages holding them), found by reading their import statements.

    Read from the code rather than listed by hand, so that a module the stage starts to use counts from
    the first change, and a module moved to another folder is followed. The statements are found with a
    pattern, not by parsing: this runs at the start of every check, and parsing the stage's modules took
    20 ms; a pattern that also matches an import written in a docstring only hashes one file more.
    """
    found: dict[str, Path] = {}
    pending = list(entries)
    while pending:
        name = pending.pop()
        if name in found:
            continue
        path = _module_file(package, name)
        if path is None:  # a name imported from a module, not a module
            continue
        found[name] = path
        if "." in name:  # importing a module runs its package's __init__ first
            pending.append(name.rpartition(".")[0])
        for module, names in _IMPORT.findall(path.read_bytes()):
            module = module.decode()
            pending.append(module)
            pending.extend(
                f"{module}.{n.split()[0].decode()}" for n in names.strip(b"()").split(b",") if n.strip()
            )
    return [found[name] for name in sorted(found)]


# "import kompiler.x" (no names) or "from kompiler.x import a, b as c" / "(a,\n b)".
_IMPORT = re.compile(
    rb"^[ \t]*(?:from|import)[ \t]+(kompiler(?:\.\w+)*)(?:[ \t]+import[ \t]+(\([^)]*\)|[^\n#]*))?", re.M
)


def _module_file(package: Path, name: str) -> Path | None:
    """The file of module ``name`` (``kompiler.x.y``) in ``package``, or ``None`` if there is none."""
    base = package.joinpath(*name.split(".")[1:])
    for candidate in (base.with_suffix(".py"), base / "__init__.py"):
        if candidate.is_file():
            return candidate
    return None


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


def _user_cache_folder() -> Path | None:
    """The user's own cache folder (``$XDG_CACHE_HOME``, else ``~/.cache``), or ``None`` without a home.

    A relative ``XDG_CACHE_HOME`` or ``HOME`` is ignored (the XDG rules say so, and it would lead into
    whatever the working folder is); so is a home that the passwd database does not know.
    """
    configured = os.environ.get("XDG_CACHE_HOME", "")
    if os.path.isabs(configured):
        return Path(configured)
    home = os.environ.get("HOME", "")
    if not os.path.isabs(home):
        try:
            home = pwd.getpwuid(os.geteuid()).pw_dir
        except (KeyError, OSError):
            return None
    return Path(home) / ".cache" if os.path.isabs(home) else None


def _user_key(project: Path, *, create: bool = True) -> bytes | None:
    """The MAC key, created once (atomically, mode 0600) in the user's cache folder, outside any project.

    Without ``create``, a missing key is ``None``: no entry could have been written without it. A key
    inside ``project`` (whose files may come from a stranger) is never read or created.
    """
    base = _user_cache_folder()
    if base is None:
        return None
    base = base / "kompiler"
    path = base / "key"
    try:
        if _inside(path, project):
            return None
        if not os.path.lexists(path) and create:
            base.mkdir(parents=True, exist_ok=True, mode=0o700)
            descriptor, temporary = tempfile.mkstemp(dir=base)
            with os.fdopen(descriptor, "wb") as handle:
                handle.write(secrets.token_bytes(_KEY_SIZE))
            try:
                os.link(temporary, path)
            except FileExistsError:
                pass
            finally:
                os.unlink(temporary)
        with opened(path, follow=False) as descriptor:
            own = os.fstat(descriptor)
            if own.st_uid != os.geteuid() or own.st_mode & 0o077:
                return None
            data = read_at_most(descriptor, _KEY_SIZE)
    except OSError:
        return None
    return data if len(data) == _KEY_SIZE else None


def user_key(project: Path) -> bytes | None:
    """This user's MAC key for the caches of ``project`` (created if missing), or ``None`` where there is
    none to trust (see :func:`_user_key`)."""
    return _user_key(project)


def _inside(path: Path, folder: Path) -> bool:
    return Path(os.path.realpath(path)).is_relative_to(os.path.realpath(folder))


def _signature(stat: os.stat_result) -> StatSignature:
    return (stat.st_dev, stat.st_ino, stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns)


@dataclass
class _Shard:
    entries: dict[str, FileOutcome]
    dirty: bool = False


class AuthenticatedFolder:
    """Files in a cache folder that are read only when this user's key authenticates them (a planted or
    tampered file reads as missing), never through a symbolic link, and written atomically with their
    MAC. :class:`FileCache` keeps the check's entries in one; ``kompiler fmt`` keeps its verdicts in the
    same folder under another name (:meth:`load`, :meth:`store`)."""

    folder: Path
    _key: bytes | None

    def __init__(self, folder: Path, key: bytes | None) -> None:
        self.folder = folder
        self._key = key

    @property
    def trusted(self) -> bool:
        """Whether the folder may be used: there is a key, and neither it nor its parent is a link."""
        return self._key is not None and not self.folder.is_symlink() and not self.folder.parent.is_symlink()

    def load(self, name: str) -> Any:
        """The value stored under ``name`` (:meth:`store`), or ``None``."""
        return self._read(name) if self.trusted else None

    def store(self, name: str, value: Any) -> None:
        """Store ``value`` under ``name``, replacing the file in one step; a failure is silent (a cache
        that cannot be written is a cache that misses)."""
        if not self.trusted:
            return
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            if not self.folder.is_symlink():
                self._write(self.folder / name, value)
        except OSError:
            return

    def _read(self, name: str) -> Any:
        """The value in the cache file ``name``, or ``None`` unless it is a regular file (reached without
        following a link) of at most :data:`MAX_CACHE_FILE` bytes that this user's key authenticates."""
        payload = self._authentic(name)
        if payload is None:
            return None
        try:
            return pickle.loads(payload)
        except Exception:  # an authenticated but unreadable entry (e.g. another Python): start afresh
            return None

    def _authentic(self, name: str) -> bytes | None:
        """The payload of the cache file ``name`` once its MAC is checked, reading it twice: first in
        chunks to check the MAC, then whole, so that a planted file costs no more memory than a chunk.
        Both reads are of the one file held open; changing it in between takes writing to the user's
        own files, and whoever can do that can replace the key as well."""
        head = len(_MAGIC) + _MAC_SIZE
        try:
            folder = os.open(self.folder, _FOLDER_FLAGS)
        except OSError:
            return None
        try:
            with opened(name, follow=False, folder=folder) as descriptor:
                size = os.fstat(descriptor).st_size
                if not head <= size <= MAX_CACHE_FILE or os.read(descriptor, len(_MAGIC)) != _MAGIC:
                    return None
                mac = os.read(descriptor, _MAC_SIZE)
                digest = self._hasher()
                remaining = size - head
                while remaining > 0:
                    chunk = os.read(descriptor, min(remaining, _CHUNK))
                    if not chunk:
                        return None
                    digest.update(chunk)
                    remaining -= len(chunk)
                if not hmac.compare_digest(digest.digest(), mac):
                    return None
                os.lseek(descriptor, head, os.SEEK_SET)
                payload = read_at_most(descriptor, size - head, expected=size - head)
        except OSError:
            return None
        finally:
            os.close(folder)
        return payload

    def _hasher(self) -> hashlib.blake2b:
        assert self._key is not None
        return hashlib.blake2b(key=self._key, digest_size=_MAC_SIZE)

    def _write(self, path: Path, value: Any) -> None:
        payload = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        digest = self._hasher()
        digest.update(payload)
        replace_file(path, _MAGIC + digest.digest() + payload, mode=0o600)


class FileCache(AuthenticatedFolder):
    """Outcomes of the per-file stage by content key, and stat signatures of files already hashed."""

    def __init__(
        self, folder: Path, schemas: SchemaSet, key: bytes | None = None, *, read_only: bool = False
    ) -> None:
        # The folder that holds the cache holds the stranger's files: the key never comes from there.
        super().__init__(folder, key if key is not None else _user_key(folder.parent, create=not read_only))
        self.read_only = read_only  # read entries, never write (``kompiler build`` writes only its output)
        self._salt = f"{code_fingerprint()}\0{schema_fingerprint(schemas)}".encode()
        self._now_ns = _clock()
        self.usable = self.trusted
        self._stats: dict[tuple[str, str], tuple[StatSignature, str]] = {}
        self._new_stats: dict[tuple[str, str], tuple[StatSignature, str]] = {}
        self._shards: dict[str, _Shard] = {}
        self._used: set[str] = set()
        if self.usable:
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
        if not self.usable or self.read_only:
            return
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            if self.folder.is_symlink():
                return
            for name, shard in self._shards.items():
                if shard.dirty:
                    kept = {k: v for k, v in shard.entries.items() if k in self._used}
                    self._write(self.folder / f"{name}.bin", kept)
            if self._new_stats != self._stats:
                self._write(self.folder / _STATS, {"salt": self._salt, "stats": self._new_stats})
        except OSError:
            return

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
        if not self.usable:
            return None
        loaded = self._read(name)
        if isinstance(loaded, tuple) and len(loaded) == 2 and loaded[0] == run_key:
            return loaded[1]
        return None

    def record(self, run_key: str, value: Any, name: str = _RUN) -> None:
        if not self.usable:
            return
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            if not self.folder.is_symlink():
                self._write(self.folder / name, (run_key, value))
        except OSError:
            return

    def _shard(self, key: str) -> _Shard:
        name = key[:2]
        shard = self._shards.get(name)
        if shard is None:
            loaded = self._read(f"{name}.bin") if self.usable else None
            shard = _Shard(loaded if isinstance(loaded, dict) else {})
            self._shards[name] = shard
        return shard

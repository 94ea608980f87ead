"""What kompiler's caches share: the folder they live in, the user's key that authenticates their files,
and fingerprints of the code whose behaviour decides what they hold.

The cache folder sits inside the project, which in CI may come from a stranger's pull request, and its
files are pickles. Every file a cache writes is therefore authenticated with a keyed BLAKE2 MAC whose key
lives in the user's own cache folder (``$XDG_CACHE_HOME/kompiler/key``): a planted or tampered file is
ignored, never unpickled. The key is trusted only where a pull request cannot have put it: outside the
project (a ``HOME`` or ``XDG_CACHE_HOME`` inside it does not count), a regular file of the user's own that
nobody else can read; without a home (a container's user with no passwd entry) there is no key and no
cache. Nothing in the cache folder is followed through a symbolic link (a cache folder that is one is not
used at all), only regular files are read, and no file larger than :data:`MAX_CACHE_FILE` is read, so a
planted ``stats.bin -> /dev/zero`` or a sparse file of terabytes is a miss like any other.

The check's cache (:mod:`kompiler.check.cache`) and ``kompiler fmt``'s verdicts
(:mod:`kompiler.authoring.fmt.files`) both keep their files here; this module imports neither the check's
stages nor their libraries, so that fmt neither loads them nor has its verdicts depend on their code.
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
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import kompiler
from kompiler.atomic import replace_file
from kompiler.reading import opened, read_at_most

DEFAULT_FOLDER = ".kompiler-cache"
_MAGIC = b"KMPC0001"
_MAC_SIZE = 32
_KEY_SIZE = 32
# The largest cache file read: the facts of a check of 50,000 positions take about 40 MB.
MAX_CACHE_FILE = 1 << 30
_CHUNK = 1 << 20
_FOLDER_FLAGS = os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | getattr(os, "O_CLOEXEC", 0)


def installed_version(distribution: str) -> str:
    """The installed version of ``distribution``, or ``absent``."""
    try:
        return importlib.metadata.version(distribution)
    except importlib.metadata.PackageNotFoundError:
        return "absent"


def sources_fingerprint(entries: tuple[str, ...]) -> str:
    """A hash of the source code of the kompiler modules ``entries`` and of every kompiler module they
    import, directly or not (what another cached stage, ``kompiler fmt``'s verdicts, depends on)."""
    digest = hashlib.sha256()
    package = Path(kompiler.__file__).resolve().parent
    for path in module_sources(package, entries):
        digest.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def module_sources(package: Path, entries: tuple[str, ...]) -> list[Path]:
    """The source files of a cached stage: its entry modules and every kompiler module they import,
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


def _inside(path: Path, folder: Path) -> bool:
    return Path(os.path.realpath(path)).is_relative_to(os.path.realpath(folder))


class AuthenticatedFolder:
    """Files in a cache folder that are read only when this user's key authenticates them (a planted or
    tampered file reads as missing), never through a symbolic link, and written atomically with their
    MAC. :class:`kompiler.check.cache.FileCache` keeps the check's entries in one; ``kompiler fmt`` keeps
    its verdicts in the same folder under another name (:meth:`load`, :meth:`store`).

    Without ``key``, this user's key is used (:func:`_user_key`, for the project holding ``folder``),
    created if missing unless ``read_only``: a cache only read needs no key where none was ever made.
    """

    folder: Path
    _key: bytes | None

    def __init__(self, folder: Path, key: bytes | None = None, *, read_only: bool = False) -> None:
        self.folder = folder
        # The folder that holds the cache holds the stranger's files: the key never comes from there.
        self._key = key if key is not None else _user_key(folder.parent, create=not read_only)

    @property
    def trusted(self) -> bool:
        """Whether the folder may be used: there is a key, and neither it nor its parent is a link."""
        return self._key is not None and not self.folder.is_symlink() and not self.folder.parent.is_symlink()

    def load(self, name: str) -> Any:
        """The value stored under ``name`` (:meth:`store`), or ``None``."""
        return self._read(name) if self.trusted else None

    def store(self, name: str, value: Any) -> None:
        """Store ``value`` under ``name`` (:meth:`store_all`)."""
        self.store_all({name: value})

    def store_all(self, values: Mapping[str, Any]) -> None:
        """Store each value under its name, in order, replacing each file in one step; a failure is
        silent and stores nothing more (a cache that cannot be written is a cache that misses)."""
        if not self.trusted:
            return
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            if self.folder.is_symlink():
                return
            for name, value in values.items():
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

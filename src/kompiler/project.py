"""Find a standards project on disk, list its files by kind, and read its configuration.

A project is the folder holding ``kompiler.yaml``; what a file is follows from where it stands
(``kamus/`` holds dictionaries, ``jabatan/`` positions, …), so a misplaced file is reported instead of
being guessed at from its content. A part of the project that cannot be read (a folder without
permission, ``jabatan`` that is a file, ``kompiler.yaml`` that is a folder or a FIFO) is an error at its
path, never a project that looks smaller than it is; every file is read through
:func:`kompiler.reading.read_limited`.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from functools import partial
from pathlib import Path
from typing import Any

from kompiler.diagnostics import Diagnostic, Location, Message, Severity, grouped
from kompiler.reading import CODE_UNREADABLE, MAX_FILE_BYTES, read_limited, reason, what_is

PROJECT_FILE = "kompiler.yaml"
# The project's folder in the repository ``kompiler init`` writes: the commands' default PATH.
STANDARDS_FOLDER = "standards"
YAML_SUFFIXES = (".yaml", ".yml")
IGNORED_DIRS = frozenset({"output", "templates", "node_modules", "schemas", "__pycache__"})

CODE_OUTSIDE_ROOT = "KMP009"
CODE_UNKNOWN_FILE = "KMP010"
CODE_FILE_NAME = "KMP014"
CODE_NOT_READ = "KMP018"
CODE_PROJECT_TOO_LARGE = "KMP019"

# The bound on the whole project, beside each file's (reading.MAX_FILE_BYTES): every command holds all of
# a project's parsed files at once, about 10 MB of memory per MB of YAML (bench/README.md), so fifty
# distinct 8 MiB files in a pull request would take gigabytes before a rule ran. The national corpus
# (50,036 files, 111 MB; 202 MB on disk) fits 2.4 times in bytes and twice in files; at the bound a check
# takes about 2.7 GB and a diff, which holds two revisions, about 5.4 GB, within a 7 GB CI runner.
MAX_PROJECT_BYTES = 256 * 1024 * 1024
MAX_PROJECT_FILES = 100_000


class FileKind(StrEnum):
    """The kinds of standards file; each has a JSON Schema of the same name in ``schemas/``."""

    PROJECT = "proyek"
    SOURCES = "sumber"
    GRADES = "jenjang"
    DICTIONARY = "kamus"
    FAMILIES = "rumpun"
    POSITION = "jabatan"
    DECISIONS = "keputusan-gabung"
    DEVELOPMENT = "pengembangan"


_TOP_LEVEL_FILES = {
    PROJECT_FILE: FileKind.PROJECT,
    "sumber.yaml": FileKind.SOURCES,
    "jenjang.yaml": FileKind.GRADES,
    "keputusan-gabung.yaml": FileKind.DECISIONS,
}
# ``pengembangan/`` holds the people-side policy (match formula, learning forms and catalogue, talent
# axes, penyetaraan): data about how standards are applied, never personal data, which stays outside.
_FOLDERS = {
    "kamus": FileKind.DICTIONARY,
    "rumpun": FileKind.FAMILIES,
    "jabatan": FileKind.POSITION,
    "pengembangan": FileKind.DEVELOPMENT,
}


@dataclass(frozen=True)
class SourceFile:
    """One standards file: the name shown to users, its kind, and how to read its bytes.

    ``relative`` is the path inside the project (with ``/``), which is what kinds, suppressions and
    diffs key on; ``display`` is what diagnostics print; ``path`` is the file on disk, when there is one
    (the cache checks its stat signature to skip reading unchanged files); ``listed_stat`` is its status
    when discovery listed it (taken for the project's bound on bytes, and used by the cache instead of a
    second ``stat`` of every file).
    """

    relative: str
    display: str
    kind: FileKind
    reader: Callable[[], bytes] = field(compare=False, repr=False)
    path: str | Path | None = field(default=None, compare=False, repr=False)
    listed_stat: os.stat_result | None = field(default=None, compare=False, repr=False)

    def read(self) -> bytes:
        return self.reader()


def kind_of(relative: str) -> FileKind | None:
    """The kind of the file at ``relative`` (a ``/``-separated path inside the project), if it has one."""
    parts = relative.split("/")
    if len(parts) == 1:
        return _TOP_LEVEL_FILES.get(parts[0])
    if parts[0] in _FOLDERS and parts[-1].endswith(YAML_SUFFIXES):
        return _FOLDERS[parts[0]]
    return None


def find_root(start: Path, *, resolve: bool = True) -> Path:
    """The project that ``start`` (a folder or a file) belongs to: the nearest folder at or above it
    that holds ``kompiler.yaml``, reached only through the project's own folders; without one, the
    highest folder so reached (``P`` for ``P/jabatan/x.yaml``). Without ``resolve`` the folders are
    those of ``start`` as written (absolute), its links unresolved: what a path names in a git
    revision, where a link of the work tree may not be one.

    ``P/jabatan/unit/x.yaml`` belongs to ``P`` (however deep ``unit`` goes), but ``~/unduhan/x.yaml`` never belongs to ``~`` because
    of a ``~/kompiler.yaml``, nor ``/tmp/draft`` to ``/tmp`` because someone left one there: taking such
    a folder for the project would read (and cache into) unrelated files. Anything named
    ``kompiler.yaml`` counts, even a folder: reading it then reports what is wrong, instead of a folder
    further up being taken for the project.
    """
    if resolve:
        start = start.resolve()
    folder = start if start.is_dir() else start.parent
    highest = folder
    for candidate in _root_candidates(folder):
        if os.path.lexists(candidate / PROJECT_FILE):
            return candidate
        highest = candidate
    return highest


def _root_candidates(folder: Path) -> Iterator[Path]:
    """``folder``, then the folder holding the nearest project folder (``jabatan/``, ``kamus/`` …) at or
    above it, however deep ``folder`` lies in it (``jabatan/instansi/arsip``), and on up while each is
    itself named like a project folder: a folder is a project's only through the project's own folders.
    """
    yield folder
    parts = folder.parts
    place = next((i for i in range(len(parts) - 1, 0, -1) if parts[i] in _FOLDERS), 0)
    while place > 0 and parts[place] in _FOLDERS:
        yield Path(*parts[:place])
        place -= 1


def find_project(start: Path) -> Path | None:
    """The project meant when none is named, searched from ``start`` (the working folder) upward as git
    searches for its repository: the project ``start`` is in (:func:`find_root`), else the nearest
    ``standards/`` holding ``kompiler.yaml`` at or above ``start`` (the layout ``kompiler init``
    writes); ``None`` when there is neither.

    A bare ``kompiler.yaml`` further up counts only through the project's own folders, as for
    :func:`find_root`: one left in a home folder or ``/tmp`` never makes that folder the project.
    """
    start = start.resolve()
    root = find_root(start)
    if is_project(root):
        return root
    for folder in (start, *start.parents):
        if os.path.lexists(folder / STANDARDS_FOLDER / PROJECT_FILE):
            return folder / STANDARDS_FOLDER
    return None


def is_project(root: Path) -> bool:
    """Whether ``root`` holds any part of a standards project (``kompiler.yaml``, ``jabatan/``, …).

    A folder that cannot be listed counts: discovery then reports why it cannot be read. A ``jabatan/``,
    ``kamus/`` or ``rumpun/`` folder without a single YAML file does not (a build's output has a
    ``jabatan/`` of documents): ``kompiler check output`` must not pass on zero files.
    """
    try:
        names = os.listdir(root)
    except OSError:
        return True
    return any(
        name in _TOP_LEVEL_FILES or (name in _FOLDERS and _holds_standards(root / name)) for name in names
    )


def _holds_standards(folder: Path) -> bool:
    """Whether ``folder`` holds a YAML file at any depth, or is something discovery must report (not a
    folder, a link, a folder that cannot be listed); stops at the first one found."""
    if folder.is_symlink() or not folder.is_dir():
        return True
    unreadable: list[OSError] = []
    for _, _, files in os.walk(folder, onerror=unreadable.append):
        if unreadable or any(name.endswith(YAML_SUFFIXES) for name in files):
            return True
    return bool(unreadable)


def shown_name(text: str) -> str:
    """A file name as it can be printed: bytes that are not UTF-8 (kept by Python as lone surrogates)
    are written as escapes such as ``\\xe9``."""
    if text.isascii():
        return text
    return os.fsencode(text).decode("utf-8", errors="backslashreplace")


def display_path(path: Path, cwd: Path | None = None) -> str:
    """A path as users see it: relative to the working folder when inside it, absolute otherwise.

    ``cwd``, when given, must already be resolved (discovery passes it once for thousands of files).
    """
    cwd = cwd or Path.cwd().resolve()
    try:
        return shown_name(path.relative_to(cwd).as_posix())
    except ValueError:
        return shown_name(path.as_posix())


def git_top(folder: Path) -> Path | None:
    """The top folder of the git work tree ``folder`` is in (its own ``.git`` or a parent's), or ``None``."""
    try:
        start = folder.resolve()
    except OSError:
        return None
    return next((place for place in (start, *start.parents) if os.path.lexists(place / ".git")), None)


def repository_names(root: Path | None, cwd: Path | None = None) -> Callable[[str], str]:
    """How a report that a CI service or code scanning reads names the files of the project at ``root``:
    relative to the top of the git work tree holding it, which is what they resolve a path against
    (GitHub's annotations and code scanning, GitLab's Code Quality). A name as diagnostics show it is
    relative to the working folder, or absolute outside it: run from ``standards/`` or from
    ``standards/jabatan/``, it would name no file of the repository, or print the machine's folders.
    Outside a work tree, or for a file outside it, the name stays as shown."""
    cwd = cwd or Path.cwd().resolve()
    top = git_top(root) if root is not None else None
    if top is None or top == cwd:
        return _as_shown
    top_text = shown_name(top.as_posix())
    inside = top_text.rstrip("/") + "/"
    here = shown_name(cwd.as_posix())

    def named(shown: str) -> str:
        if not shown:
            return shown
        absolute = shown if shown.startswith("/") else here if shown == "." else f"{here.rstrip('/')}/{shown}"
        if absolute == top_text:
            return "."
        return absolute.removeprefix(inside) if absolute.startswith(inside) else shown

    return named


def _as_shown(shown: str) -> str:
    return shown


class ProjectTooLarge(Exception):
    """A project whose standards files together pass :data:`MAX_PROJECT_BYTES` or
    :data:`MAX_PROJECT_FILES`: none of them is read, and ``diagnostic`` (KMP019) says what was found."""

    def __init__(self, diagnostic: Diagnostic) -> None:
        super().__init__(diagnostic.message.en)
        self.diagnostic = diagnostic


@dataclass
class ProjectSize:
    """The standards files a command would read, counted as they are listed, so that the project's bounds
    are decided from sizes before a byte is read (on disk from ``stat``, in git from the tree's listing)."""

    files: int = 0
    total: int = 0
    largest: str = ""
    largest_size: int = -1

    def add(self, shown: str, size: int) -> None:
        """Count a file of ``size`` bytes; one over the file's own bound is refused unread (KMP001), so
        only its place in the count of files costs anything."""
        self.files += 1
        if size > MAX_FILE_BYTES:
            return
        self.total += size
        if size > self.largest_size:
            self.largest, self.largest_size = shown, size

    @property
    def too_many(self) -> bool:
        """Past the bound on files: listing stops here, since counting further costs memory for nothing."""
        return self.files > MAX_PROJECT_FILES

    def check(self, where: str) -> None:
        """Raise :class:`ProjectTooLarge`, located at ``where`` (the project's folder as users see it, or
        ``REVISION:folder``), when the files counted pass a bound."""
        if self.too_many:
            limit = grouped(MAX_PROJECT_FILES)
            message = Message(
                f"Proyek ini memuat lebih dari {limit.id} berkas standar (batasnya); tidak ada berkas yang "
                "dibaca. Bagi standarnya ke beberapa proyek, atau hapus berkas yang tidak dimaksudkan.",
                f"This project holds more than {limit.en} standards files (the limit); no file was read. "
                "Split the standards into several projects, or remove files that do not belong.",
            )
        elif self.total > MAX_PROJECT_BYTES:
            files, found = grouped(self.files), grouped(self.total)
            limit, largest = grouped(MAX_PROJECT_BYTES), grouped(self.largest_size)
            mebibytes = MAX_PROJECT_BYTES // (1024 * 1024)
            message = Message(
                f"Proyek ini terlalu besar: {files.id} berkas standarnya berjumlah {found.id} bita; batasnya "
                f"{limit.id} bita ({mebibytes} MiB) untuk seluruh proyek. Tidak ada berkas yang dibaca. Berkas "
                f"terbesar: {self.largest} ({largest.id} bita).",
                f"This project is too large: its {files.en} standards files hold {found.en} bytes; the limit "
                f"is {limit.en} bytes ({mebibytes} MiB) for the whole project. No file was read. The largest "
                f"file: {self.largest} ({largest.en} bytes).",
            )
        else:
            return
        raise ProjectTooLarge(Diagnostic(Severity.ERROR, CODE_PROJECT_TOO_LARGE, message, Location(where)))


def discover(root: Path) -> tuple[list[SourceFile], list[Diagnostic]]:
    """List every standards file under ``root`` in a stable order, with diagnostics for stray files and
    for parts of the project that cannot be read; :class:`ProjectTooLarge` when the files together pass
    the project's bounds (decided from their sizes, before any is read).

    Only symbolic links are resolved (a national corpus has tens of thousands of files, and resolving
    each costs more than reading it); a link that leads outside the project is reported, never read.
    The walk uses ``os.scandir`` and plain strings: building a ``Path`` and resolving display names
    for each of 50,000 files cost more than half a second on every check. A name in a known place is
    listed whatever it is on disk (a folder named ``kompiler.yaml``, a FIFO in ``jabatan/``): reading it
    reports what it is.
    """
    walk = _Walk(root.resolve())
    walk.run()
    walk.size.check(display_path(root.resolve(), walk.cwd))
    walk.files.sort(key=lambda f: f.relative)
    return walk.files, walk.diagnostics


class _Walk:
    """One walk of a project folder: a stack of folders, not recursion, as folders may nest thousands
    deep; each folder is visited once, however many links lead to it."""

    def __init__(self, root: Path) -> None:
        self.cwd = Path.cwd().resolve()
        self.base = str(root)
        shown = display_path(root, self.cwd)
        self.shown_prefix = "" if shown == "." else shown.rstrip("/") + "/"
        self.files: list[SourceFile] = []
        self.diagnostics: list[Diagnostic] = []
        self.pending = [(self.base, self.base, "")]
        self.visited: set[str] = set()
        self.size = ProjectSize()

    def run(self) -> None:
        while self.pending and not self.size.too_many:
            folder, real_folder, prefix = self.pending.pop()
            if real_folder in self.visited:
                continue
            self.visited.add(real_folder)
            try:
                with os.scandir(folder) as scan:
                    entries = sorted(scan, key=lambda entry: entry.name)
            except OSError as error:
                self.diagnostics.append(_unreadable_folder(Path(folder), prefix, error, self.cwd))
                continue
            subfolders: list[tuple[str, str, str]] = []
            for entry in entries:
                if self.size.too_many:
                    return
                if not entry.name.startswith("."):
                    self._entry(entry, real_folder, prefix, subfolders)
            self.pending.extend(reversed(subfolders))

    def _inside(self, real: str) -> bool:
        return real == self.base or real.startswith(self.base.rstrip(os.sep) + os.sep)

    def _entry(
        self, entry: os.DirEntry[str], real_folder: str, prefix: str, subfolders: list[tuple[str, str, str]]
    ) -> None:
        """Take one entry of a folder: a subfolder to walk, a standards file, or something to report."""
        name = entry.name
        link = entry.is_symlink()
        top = not prefix
        try:
            is_folder = entry.is_dir()
        except OSError:
            is_folder = False
        if is_folder and not (top and name in _TOP_LEVEL_FILES):
            if name in IGNORED_DIRS:
                return
            real = os.path.realpath(entry.path) if link else os.path.join(real_folder, name)
            if not self._inside(real):
                self.diagnostics.append(_outside_root(Path(entry.path), self.cwd))
            else:
                subfolders.append((entry.path, real, prefix + name + "/"))
            return
        if top and name in _FOLDERS:
            self.diagnostics.append(_not_a_folder(Path(entry.path), self.cwd))
            return
        if not name.endswith(YAML_SUFFIXES):
            why = not_read(name, prefix, os.path.dirname(entry.path))
            if why is not None:
                self.diagnostics.append(
                    Diagnostic(
                        Severity.WARNING,
                        CODE_NOT_READ,
                        why,
                        Location(display_path(Path(entry.path), self.cwd)),
                    )
                )
            return
        relative = prefix + name
        kind = kind_of(relative)
        if link and not self._inside(os.path.realpath(entry.path)):
            self.diagnostics.append(_outside_root(Path(entry.path), self.cwd))
        elif not relative.isascii() and not is_utf8(relative):
            self.diagnostics.append(_undecodable_name(Path(entry.path), kind is not None, self.cwd))
        elif kind is None:
            self.diagnostics.append(_unknown_file(Path(entry.path), relative, self.cwd))
        else:
            reader = partial(read_limited, entry.path)
            shown = self.shown_prefix + relative
            status = _status(entry)
            self.files.append(SourceFile(relative, shown, kind, reader, entry.path, status))
            self.size.add(shown, status.st_size if status is not None else 0)


def _status(entry: os.DirEntry[str]) -> os.stat_result | None:
    """The status of what ``entry`` names, through any link; ``None`` when it cannot be had, which
    reading the file then reports."""
    try:
        return entry.stat()
    except OSError:
        return None


# Files a standards folder may hold that are plainly not standards: documentation and the system's litter.
_NOT_STANDARDS = (".md", ".markdown")
_LITTER = frozenset({"thumbs.db", "desktop.ini"})
_BACKUP_SUFFIXES = (".bak", ".orig", ".tmp", ".swp")
_YAML_IN_NAME = re.compile(r"\.(ya?ml)", re.IGNORECASE)


def not_read(name: str, prefix: str, folder: str) -> Message | None:
    """Why discovery skips the file ``name`` in ``folder`` (``prefix`` inside the project), when the
    drafter may have meant it as a standard (KMP018): ``baru.YAML``, ``baru.yaml.txt`` or ``baru.yml~``
    would otherwise drop a position from the check and the build without a word. ``None`` for what is
    plainly no standard: documentation, the system's litter, an editor's backup beside its original,
    and at the project's top level anything but a misspelt name of its own files (dotfiles never get
    here)."""
    lower = name.lower()
    if lower.endswith(_NOT_STANDARDS) or lower.startswith("readme") or lower in _LITTER:
        return None
    found = list(_YAML_IN_NAME.finditer(name))
    top = not prefix
    outside = not top and prefix.split("/", 1)[0] not in _FOLDERS
    if outside and not found:  # the people's results folder can hold a file per employee: no lstat each
        return None
    original = _backed_up(name)
    if original is not None and os.path.lexists(os.path.join(folder, original)):
        return None
    if found:
        last = found[-1]
        meant = name[: last.start()] + "." + last.group(1).lower()
        if top and meant not in _TOP_LEVEL_FILES:
            return None
        ending = name[last.start() :]
        return Message(
            f"Berkas ini tidak dibaca: akhiran {ending} tidak dibaca, hanya .yaml atau .yml; "
            f"ganti namanya menjadi {meant}.",
            f"This file is not read: the ending {ending} is not read, only .yaml or .yml; rename it to {meant}.",
        )
    if top or outside:
        return None
    return Message(
        "Berkas ini tidak dibaca: di folder standar hanya berkas .yaml atau .yml yang dibaca; pindahkan "
        "berkas lain ke luar folder ini.",
        "This file is not read: a standards folder's files are read only when they end in .yaml or .yml; "
        "move other files out of it.",
    )


def _backed_up(name: str) -> str | None:
    """The file ``name`` is an editor's backup or autosave of (``x~``, ``#x#``, ``x.bak``), if it is one."""
    if name.endswith("~"):
        return name.rstrip("~")
    if len(name) > 2 and name.startswith("#") and name.endswith("#"):
        return name[1:-1]
    stem, suffix = os.path.splitext(name)
    return stem if suffix.lower() in _BACKUP_SUFFIXES else None


def unreadable(display: str, error: OSError) -> Diagnostic:
    """The error for a standards file, shown as ``display``, that could not be read because of ``error``
    (not a regular file, too large, no permission, …)."""
    code, message = reason(error)
    return Diagnostic(Severity.ERROR, code, message, Location(display))


def is_utf8(name: str) -> bool:
    """Whether ``name`` (decoded with lone surrogates for bytes that are not UTF-8) was UTF-8."""
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


# What a name that is not UTF-8 is told, on disk and in a git revision alike (KMP014).
UNDECODABLE_NAME = Message(
    "Nama ini bukan UTF-8 yang sah, sehingga tidak diperiksa; ganti namanya dengan huruf UTF-8.",
    "This name is not valid UTF-8, so it is not checked; rename it with UTF-8 characters.",
)


def _unreadable_folder(path: Path, prefix: str, error: OSError, cwd: Path) -> Diagnostic:
    """A folder that cannot be listed: an error in the project's own places (its root, ``jabatan/``,
    ``kamus/``, ``rumpun/``), where it hides standards; elsewhere it can hide only stray files."""
    cause = error.strerror or str(error)
    own = not prefix or prefix.split("/", 1)[0] in _FOLDERS
    return Diagnostic(
        Severity.ERROR if own else Severity.WARNING,
        CODE_UNREADABLE,
        Message(
            f"Folder ini tidak dapat dibaca ({cause}); standar di dalamnya tidak diperiksa.",
            f"This folder cannot be read ({cause}); the standards in it are not checked.",
        ),
        Location(display_path(path, cwd)),
    )


def _not_a_folder(path: Path, cwd: Path) -> Diagnostic:
    try:
        what = what_is(os.stat(path).st_mode)
    except OSError as error:
        cause = error.strerror or str(error)
        what = Message(
            f"tautan yang tidak dapat diikuti ({cause})", f"a link that cannot be followed ({cause})"
        )
    return Diagnostic(
        Severity.ERROR,
        CODE_UNREADABLE,
        Message(
            f"{path.name}/ harus berupa folder, tetapi ini {what.id}; standar di dalamnya tidak dapat dibaca.",
            f"{path.name}/ must be a folder, but this is {what.en}; no standards can be read from it.",
        ),
        Location(display_path(path, cwd)),
    )


def _undecodable_name(path: Path, standard: bool, cwd: Path) -> Diagnostic:
    """A YAML file whose path in the project is not UTF-8: an error where it would be a standard (it
    goes unchecked), a warning where it would be a stray file anyway."""
    return Diagnostic(
        Severity.ERROR if standard else Severity.WARNING,
        CODE_FILE_NAME,
        UNDECODABLE_NAME,
        Location(display_path(path, cwd)),
    )


def _outside_root(path: Path, cwd: Path) -> Diagnostic:
    return Diagnostic(
        Severity.ERROR,
        CODE_OUTSIDE_ROOT,
        Message(
            "Tautan ini menunjuk ke luar folder standar; berkas di luar folder proyek tidak dibaca.",
            "This link points outside the standards folder; files outside the project are not read.",
        ),
        Location(display_path(path, cwd)),
    )


def _unknown_file(path: Path, relative: str, cwd: Path) -> Diagnostic:
    return Diagnostic(
        Severity.WARNING,
        CODE_UNKNOWN_FILE,
        Message(
            f"Berkas YAML {relative!r} tidak berada di tempat yang dikenal, sehingga tidak diperiksa. "
            "Letakkan kamus di kamus/, rumpun di rumpun/, jabatan di jabatan/, dan kebijakan pengembangan "
            "kompetensi di pengembangan/.",
            f"The YAML file {relative!r} is not in a known place, so it is not checked. "
            "Put dictionaries in kamus/, families in rumpun/, positions in jabatan/ and competency "
            "development policy in pengembangan/.",
        ),
        Location(display_path(path, cwd)),
    )


# What the documents print for the number of a regulation not yet enacted, as drafts print it (NOMOR ...
# TAHUN ...), and what ``kompiler init`` writes for it.
UNNUMBERED = "..."


def regulation_number(project: dict[str, Any]) -> str:
    """The regulation number ``kompiler.yaml`` gives (``dokumen.nomor``) as the documents print it: as
    written, or :data:`UNNUMBERED` while it is left out or empty. A draft regulation has no number until
    it is enacted, so neither stops a build; KMP126 warns until a number is filled in."""
    document = project.get("dokumen")
    number = document.get("nomor") if isinstance(document, dict) else None
    return str(number) if number not in (None, "") else UNNUMBERED


def is_numbered(number: str) -> bool:
    """Whether a printed regulation number is a number, not a placeholder such as ``...`` or ``-``."""
    return any(character.isalnum() for character in number)


@dataclass(frozen=True)
class RuleSettings:
    """The ``aturan`` section of ``kompiler.yaml``: which rules run, at which severity, with which options."""

    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    severity: dict[str, str] = field(default_factory=dict)
    options: dict[str, dict[str, Any]] = field(default_factory=dict)

    @classmethod
    def from_data(cls, data: dict[str, Any] | None) -> RuleSettings:
        data = data or {}
        return cls(
            select=tuple(data.get("pilih", ())),
            ignore=tuple(data.get("abaikan", ())),
            severity=dict(data.get("tingkat", {})),
            options={code: dict(values) for code, values in data.get("opsi", {}).items()},
        )

    def enabled(self, code: str) -> bool:
        if self.severity.get(code) == "off":
            return False
        if self.select and not any(code.startswith(prefix) for prefix in self.select):
            return False
        return not any(code.startswith(prefix) for prefix in self.ignore)

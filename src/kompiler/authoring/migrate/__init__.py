"""``kompiler migrate``: rewrite standards written for an older format version in the current one.

Migrations are modules ``mNNNN_topic.py`` in this package, each defining ``MIGRATION``; they run in order
of their ``source`` version until the current one is reached. The project's version is ``schema_version`` in
``kompiler.yaml``; a project file without it predates versioning and is version 0. Files are rewritten with
round-trip YAML, so comments and key order stay where the drafter put them; each file is first read
as strictly as ``kompiler check`` reads it, and nothing is written unless every file can be upgraded.
"""

from __future__ import annotations

import importlib
import pkgutil
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from kompiler.authoring.migrate.base import Migration
from kompiler.authoring.roundtrip import (
    YAMLError,
    byte_order_mark,
    dump,
    identical,
    line_break,
    load,
    plain,
    read_strictly,
    rewrite,
)
from kompiler.check.load import Document
from kompiler.diagnostics import Diagnostic, Location, Message, Severity
from kompiler.project import (
    PROJECT_FILE,
    FileKind,
    ProjectTooLarge,
    SourceFile,
    discover,
    display_path,
    unreadable,
)

CURRENT_VERSION = 1
CODE_NO_PROJECT_FILE = "KMP080"
CODE_VERSION = "KMP081"
CODE_UNSAFE = "KMP082"
# A migration changes structure, not layout: lines are never folded, however long.
_KEEP_LINES = 1 << 16


class MigrationError(Exception):
    """The project cannot be migrated: it is too large to read, ``kompiler.yaml`` is missing, unreadable
    or broken, or its version is unknown or newer than this kompiler. ``diagnostics`` says where."""

    def __init__(self, diagnostics: list[Diagnostic], texts: dict[str, str] | None = None) -> None:
        super().__init__("; ".join(f"{d.location.file}: {d.message.en}" for d in diagnostics))
        self.diagnostics = diagnostics
        self.texts = texts or {}


@cache
def migrations() -> tuple[Migration, ...]:
    """Every migration, by source version; there must be exactly one per step up to the current version."""
    found = []
    for module in pkgutil.iter_modules(__path__):
        if module.name[0] == "m" and module.name[1:5].isdigit():
            found.append(importlib.import_module(f"{__name__}.{module.name}").MIGRATION)
    found.sort(key=lambda m: m.source)
    assert [m.source for m in found] == list(range(CURRENT_VERSION)), "one migration per format version"
    return tuple(found)


@dataclass
class MigrationResult:
    """What a migration run did (or, with ``write=False``, would do).

    ``diagnostics`` are the problems that stopped it (files that cannot be read strictly or rewritten
    safely, parts of the project that cannot be read) and the warnings met on the way; ``texts`` holds
    what each file shown was read as, for excerpts under the diagnostics.
    """

    version: int
    changed: dict[str, str] = field(default_factory=dict)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    texts: dict[str, str] = field(default_factory=dict)

    @property
    def needed(self) -> bool:
        return self.version < CURRENT_VERSION

    @property
    def failed(self) -> bool:
        return any(d.severity is Severity.ERROR for d in self.diagnostics)


def project_version(root: Path, files: list[SourceFile], found: list[Diagnostic]) -> int:
    """The format version of the project at ``root``, read from the ``kompiler.yaml`` that discovery
    found (``files``, and ``found``, what it reported) as strictly as ``kompiler check`` reads it.

    Read only as discovery lets it be read: a ``kompiler.yaml`` that is a link out of the project
    (a pull request can commit one to ``/proc/self/environ``) is discovery's error at its name, never
    opened, since a file that does not parse is quoted under the error.
    """
    shown = display_path(root / PROJECT_FILE)
    source = next((f for f in files if f.kind is FileKind.PROJECT), None)
    if source is None:
        refused = [d for d in found if d.location.file == shown and d.severity is Severity.ERROR]
        raise MigrationError(refused or [_problem(CODE_NO_PROJECT_FILE, _NO_PROJECT_FILE, Location(shown))])
    shown = source.display
    try:
        raw = source.read()
    except OSError as error:
        raise MigrationError([unreadable(shown, error)]) from error
    document, problems = read_strictly(shown, lambda: raw)
    if document is None:
        raise MigrationError(problems, {shown: raw.decode("utf-8", errors="replace")})
    texts = {shown: document.text}
    data = document.data
    version = data.get("schema_version", 0) if isinstance(data, dict) else None
    where = document.location(("schema_version",)) if isinstance(data, dict) else document.location()
    if not isinstance(version, int) or isinstance(version, bool) or version < 0:
        message = Message(
            f"schema_version {version!r} bukan versi format (bilangan bulat 0 sampai {CURRENT_VERSION}).",
            f"schema_version {version!r} is not a format version (a whole number from 0 to {CURRENT_VERSION}).",
        )
        raise MigrationError([_problem(CODE_VERSION, message, where)], texts)
    if version > CURRENT_VERSION:
        message = Message(
            f"schema_version {version} lebih baru daripada yang didukung kompiler ini ({CURRENT_VERSION}); "
            "perbarui kompiler.",
            f"schema_version {version} is newer than this kompiler supports ({CURRENT_VERSION}); "
            "upgrade kompiler.",
        )
        raise MigrationError([_problem(CODE_VERSION, message, where)], texts)
    return version


def migrate_text(text: str, kind: FileKind, version: int) -> str:
    """One file's text upgraded from ``version`` to the current version (unchanged text if nothing applies)."""
    data = load(text, preserve_quotes=True)
    changed = False
    for migration in migrations()[version:]:
        changed |= migration.apply(kind, data)
    return dump(data, width=_KEEP_LINES) if changed else text


def migrate_project(root: Path, *, write: bool = True) -> MigrationResult:
    """Upgrade every standards file under ``root``; with ``write=False`` only report what would change.

    Every file is read first, with the strict loader that ``kompiler check`` uses, and every upgrade is
    read back before anything is written: when one file cannot be read or upgraded safely, no file is
    written (a project half at one version and half at the next would claim the new version in
    ``kompiler.yaml`` while its unread files stay old).
    """
    try:
        files, found = discover(root)
    except ProjectTooLarge as refusal:
        raise MigrationError([refusal.diagnostic]) from refusal
    version = project_version(root, files, found)
    result = MigrationResult(version)
    if not result.needed:
        return result
    result.diagnostics.extend(found)
    read: dict[str, bytes] = {}
    for source in files:
        try:
            raw = read[source.relative] = source.read()
        except OSError as error:
            result.diagnostics.append(unreadable(source.display, error))
            result.texts[source.display] = ""
            continue
        document, problems = read_strictly(source.display, lambda raw=raw: raw)
        result.diagnostics.extend(problems)
        if document is None:
            result.texts[source.display] = raw.decode("utf-8", errors="replace")
            continue
        result.texts[source.display] = document.text
        upgraded = _upgrade(document, source.kind, version)
        if isinstance(upgraded, Diagnostic):
            result.diagnostics.append(upgraded)
        elif upgraded != document.text:
            result.changed[source.relative] = upgraded
    if write and not result.failed:
        _write_all(root, result.changed, read)
    return result


def _write_all(root: Path, changed: dict[str, str], read: dict[str, bytes]) -> None:
    """Write every upgraded file or none, and none when one was saved meanwhile
    (:func:`kompiler.authoring.roundtrip.rewrite`), each with the byte order mark it had, if any."""
    rewrite(
        {
            root / relative: (read[relative], byte_order_mark(read[relative]) + text.encode("utf-8"))
            for relative, text in changed.items()
        }
    )


def _upgrade(document: Document, kind: FileKind, version: int) -> str | Diagnostic:
    """The upgraded text of one strictly read file, with the line break the file mostly uses, or why it
    cannot be upgraded safely: the round-trip reader refuses it, or the text it would write does not
    read back as the upgraded data."""
    newline = line_break(document.text)
    text = document.text.replace("\r\n", "\n")
    try:
        upgraded = migrate_text(text, kind, version)
        expected = plain(load(upgraded)) if upgraded != text else None
    except (YAMLError, RecursionError) as error:
        return _problem(CODE_UNSAFE, _unsafe(str(error).splitlines()[0]), document.location())
    if expected is None:
        return document.text
    upgraded = upgraded.replace("\n", newline) if newline != "\n" else upgraded
    reread, problems = read_strictly(document.path, lambda: upgraded.encode("utf-8"))
    if reread is None or not identical(reread.data, expected):
        cause = problems[0].message.en if problems else "a value would change"
        return _problem(CODE_UNSAFE, _unsafe(cause), document.location())
    return upgraded


def _unsafe(cause: str) -> Message:
    return Message(
        f"Berkas ini tidak dapat diubah ke versi format terbaru dengan aman ({cause}); ubah secara manual.",
        f"This file cannot be upgraded to the current format version safely ({cause}); edit it by hand.",
    )


def _problem(code: str, message: Message, location: Location) -> Diagnostic:
    return Diagnostic(Severity.ERROR, code, message, location)


_NO_PROJECT_FILE = Message(
    "kompiler.yaml tidak ditemukan di sini atau di atasnya; migrate mengubah satu proyek standar.",
    "kompiler.yaml was not found here or above; migrate upgrades one standards project.",
)

"""Writing an imported project all or nothing: staged beside the target, checked, moved into place.

The target must be a new or empty folder, outside build output, private folders and standards projects;
the import never touches anything that is there. The project is written into a fresh folder beside it
(the same file system, so the final move is a rename), compiled with every rule, and each error traced
back to the table cell its text came from. Only a project without errors is moved into place; whatever
else happens (an error, a full disk, Ctrl-C, SIGTERM through the CLI), the staging folder and any parent
folder the import created are removed.
"""

from __future__ import annotations

import os
import secrets
import shutil
import stat
from collections.abc import Collection
from dataclasses import replace
from pathlib import Path
from typing import Any

from kompiler.authoring.importer.options import ImportRefused, ImportUsageError, usage
from kompiler.authoring.importer.plan import SHIPPED_FILES, Files, Origins
from kompiler.authoring.importer.tables import shown
from kompiler.authoring.place import refuse_place
from kompiler.build.output import OutputRefused
from kompiler.diagnostics import Diagnostic, Location, Message, Related, Severity, Span
from kompiler.resources import data_dir


def check_target(target: Path) -> None:
    """Refuse a target that is not a new or empty folder: the import never touches what is there."""
    try:
        folder = stat.S_ISDIR(os.stat(target).st_mode)
    except FileNotFoundError:
        if os.path.islink(target):
            raise usage(
                f"{shown(str(target))} adalah tautan yang putus.", f"{shown(str(target))} is a broken link."
            ) from None
        return
    except OSError as error:
        raise _unreadable(target, error) from None
    if not folder:
        raise usage(
            f"{shown(str(target))} bukan folder; pilih folder baru untuk proyek.",
            f"{shown(str(target))} is not a folder; choose a new folder for the project.",
        )
    try:
        with os.scandir(target) as entries:
            occupied = next(entries, None) is not None
    except OSError as error:
        raise _unreadable(target, error) from None
    if occupied:
        raise usage(
            f"{shown(str(target))} tidak kosong; impor hanya menulis ke folder baru atau kosong.",
            f"{shown(str(target))} is not empty; the import writes only into a new or empty folder.",
        )


def check_place(target: Path) -> None:
    """Refuse a target where the imported project would break what kompiler already keeps there
    (:func:`kompiler.authoring.place.refuse_place`), as a usage error. Reads only."""
    try:
        refuse_place(target)
    except OutputRefused as refused:
        raise ImportUsageError(refused.message) from None


def _unreadable(target: Path, error: OSError) -> ImportUsageError:
    return usage(
        f"{shown(str(target))} tidak dapat dibaca: {error.strerror}.",
        f"{shown(str(target))} cannot be read: {error.strerror}.",
    )


def write_checked(files: Files, origins: Origins, target: Path) -> None:
    """Write ``files`` into a fresh staging folder, check the project there, and move it into place only
    when it has no error; otherwise the folder goes and the errors, traced to the tables, are raised. A
    failure of any kind removes whatever this import created.

    A new target is staged beside it and renamed into place. An existing (empty) target is staged inside
    it, so that a mount point or a folder whose parent cannot be written works too, and the staged
    entries are renamed into it.
    """
    shown_target = shown(str(target))
    target = Path(os.path.abspath(target))
    existing = os.path.isdir(target)  # and empty: check_target made sure
    created = [] if existing else _missing_parents(target)
    token = secrets.token_hex(4)
    staging = target / f".impor-{token}" if existing else target.parent / f".{target.name[:64]}.impor-{token}"
    try:
        staging.parent.mkdir(parents=True, exist_ok=True)
        staging.mkdir()
    except OSError as error:
        _remove_parents(created)
        raise _cannot_write(target, error) from None
    try:
        _write(files, staging)
        errors = _check(staging, files, origins, shown_target)
        if errors:
            raise ImportRefused(errors)
        _publish(staging, target)
    except OSError as error:
        raise _cannot_write(target, error) from None
    finally:
        shutil.rmtree(staging, ignore_errors=True)
        if not target.exists():
            _remove_parents(created)


def _cannot_write(target: Path, error: OSError) -> ImportUsageError:
    reason = error.strerror or str(error)
    return usage(
        f"Proyek tidak dapat ditulis ke {shown(str(target))}: {reason}; tidak ada yang ditulis.",
        f"The project cannot be written to {shown(str(target))}: {reason}; nothing was written.",
    )


def _missing_parents(target: Path) -> list[Path]:
    missing = []
    for parent in target.parents:
        if os.path.lexists(parent):
            break
        missing.append(parent)
    return missing


def _remove_parents(created: list[Path]) -> None:
    for folder in created:
        try:
            folder.rmdir()
        except OSError:
            return


def _write(files: Files, staging: Path) -> None:
    """Write every file; ``x`` mode, since two rows writing one file would lose one of them."""
    shipped = data_dir("standards")
    for relative in SHIPPED_FILES:
        (staging / relative).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(shipped / relative, staging / relative)
    for relative, written in files.items():
        path = staging / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("x", encoding="utf-8") as stream:
            stream.write(written.text)


def _check(staging: Path, files: Files, origins: Origins, target: str) -> list[Diagnostic]:
    """The errors ``kompiler check`` finds in the staged project, each traced to the table cell it came
    from (or, for a part no table wrote, to the file as it would be written into ``target``).

    The files the import made are checked as the values it wrote them from, not parsed back: the same
    values, since the text is what fmt writes for them (the import's tests load every file
    strictly and compare), and parsing ten megabytes of dictionaries again was most of a large import's
    time. The shipped files it copied are read as any project's are.
    """
    from kompiler.pipeline import compile_path

    compiled = compile_path(staging, loaded=files)
    errors = [d for d in compiled.diagnostics if d.severity is Severity.ERROR]
    return sorted((_traced(d, compiled.documents, origins, target) for d in errors), key=Diagnostic.sort_key)


def _relative_of(file: str, known: Collection[str]) -> str | None:
    """The project-relative path of a file the check reports, found among ``known`` by its last parts."""
    parts = file.replace("\\", "/").split("/")
    for width in (2, 1):
        candidate = "/".join(parts[-width:])
        if candidate in known:
            return candidate
    return None


def _traced(diagnostic: Diagnostic, documents: dict[str, Any], origins: Origins, target: str) -> Diagnostic:
    file = diagnostic.location.file
    relative = _relative_of(file, documents) or _relative_of(file, origins)
    if relative is None:
        return diagnostic
    staged_prefix = file[: len(file) - len(relative)]

    def moved(message: Message) -> Message:
        return Message(
            message.id.replace(staged_prefix, f"{target}/"), message.en.replace(staged_prefix, f"{target}/")
        )

    written = Location(f"{target}/{relative}", diagnostic.location.span)
    location = _origin(diagnostic.location.span, documents.get(relative), origins.get(relative, ()))
    related = tuple(
        Related(
            replace(r.location, file=r.location.file.replace(staged_prefix, f"{target}/")), moved(r.message)
        )
        for r in diagnostic.related
    )
    if location is None:
        return replace(diagnostic, message=moved(diagnostic.message), location=written, related=related)
    note = Related(written, Message("Di berkas yang akan ditulis.", "In the file that would be written."))
    return replace(diagnostic, message=moved(diagnostic.message), location=location, related=(note, *related))


def _origin(span: Span | None, document: Any, origins: Any) -> Location | None:
    """The table cell behind the deepest part of a generated file that covers ``span``'s line; of two
    list items that share a line (one ends where the next begins), the one that begins there."""
    best: tuple[int, int, Location] | None = None
    for pointer, location in origins:
        start = 0
        if pointer:
            node = document.span(pointer) if span is not None and document is not None else None
            if node is None or not node.line <= span.line <= node.end_line:
                continue
            start = node.line
        if best is None or (len(pointer), start) > best[:2]:
            best = (len(pointer), start, location)
    return best[2] if best else None


def _publish(staging: Path, target: Path) -> None:
    """Put the staged project in place: one rename to a new folder; into an existing empty folder, entry
    by entry, each moved back if a later one fails (the folder keeps its own permissions and owner)."""
    if not os.path.lexists(target):
        os.rename(staging, target)
        return
    if set(os.listdir(target)) - {staging.name}:
        raise FileExistsError(17, f"{shown(str(target))} is no longer empty")
    moved: list[str] = []
    try:
        for entry in sorted(os.listdir(staging)):
            if os.path.lexists(target / entry):
                raise FileExistsError(17, f"{shown(str(target / entry))} appeared during the import")
            os.rename(staging / entry, target / entry)
            moved.append(entry)
    except OSError:
        for entry in moved:
            os.rename(target / entry, staging / entry)
        raise

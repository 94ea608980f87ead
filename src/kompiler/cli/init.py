"""``kompiler init [DIR]``: scaffold a new standards repository (standards, schemas, editor, hooks, CI)."""

from __future__ import annotations

import os
import shlex
import shutil
import sys
from contextlib import suppress
from pathlib import Path, PurePosixPath

import click

from kompiler.authoring.scaffold import NotEmpty, scaffold
from kompiler.cli.common import locale_option, resolve_locale
from kompiler.cli.output import terminable
from kompiler.cli.usage import PathType
from kompiler.diagnostics import Message


@click.command("init")
@click.argument("directory", metavar="[DIR]", default=".", type=PathType(path_type=Path, file_okay=False))
@locale_option
def command(directory: Path, locale: str | None) -> None:
    """Buat repositori standar baru di FOLDER (bawaan: folder ini). / Create a new standards repository in
    DIR (default: this folder)."""
    from kompiler.cli import EXIT_OK, EXIT_USAGE

    locale = resolve_locale(locale)
    before = _state(directory)
    try:
        with terminable():
            done = scaffold(directory)
    except NotEmpty as refused:
        shown = ", ".join(refused.names[:5]) + (", …" if len(refused.names) > 5 else "")
        click.echo(
            Message(
                f"kompiler init: {directory} sudah berisi berkas ({shown}); pilih folder kosong, folder "
                "baru, atau clone repositori git yang baru dibuat.",
                f"kompiler init: {directory} already holds files ({shown}); choose an empty or new "
                "folder, or the clone of a newly created git repository.",
            ).text(locale),
            err=True,
        )
        sys.exit(EXIT_USAGE)
    except OSError as error:
        if before is not None:
            _undo(directory, before)
        cause = error.strerror or str(error)
        where = os.fsdecode(error.filename) if error.filename is not None else str(directory)
        click.echo(
            Message(
                f"kompiler init: {directory} tidak dapat ditulis ({where}: {cause}); tidak ada yang disimpan.",
                f"kompiler init: {directory} cannot be written ({where}: {cause}); nothing was kept.",
            ).text(locale),
            err=True,
        )
        sys.exit(EXIT_USAGE)
    except BaseException:
        # Ctrl+C or SIGTERM midway: half a scaffold would be refused by the next init as "not empty".
        if before is not None:
            _undo(directory, before)
        raise
    for relative in sorted([*done.created, *done.appended]):
        if relative in done.appended:
            click.echo(
                Message(f"  {relative} (baris ditambahkan)", f"  {relative} (lines added)").text(locale)
            )
        else:
            click.echo(f"  {relative}")
    for relative in done.kept:
        name = PurePosixPath(relative).stem
        click.echo(
            Message(
                f"  {relative} sudah ada dan dibiarkan; kompiler tidak menulis {name}-nya.",
                f"  {relative} exists and was kept; kompiler did not write its {name}.",
            ).text(locale)
        )
    click.echo(_next_steps(directory, len(done.created), has_git=_in_git(directory)).text(locale))
    sys.exit(EXIT_OK)


def _next_steps(directory: Path, count: int, *, has_git: bool) -> Message:
    """What to run next, every command of which works on this machine as it is.

    ``pre-commit`` is a separate program that installing kompiler does not bring: when it is not on the
    PATH, the hook step says how to get it rather than naming a command that would fail.
    """
    if shutil.which("pre-commit"):
        hooks = Message("pre-commit install", "pre-commit install")
    else:
        hooks = Message(
            "python -m pip install pre-commit && pre-commit install (pre-commit belum terpasang)",
            "python -m pip install pre-commit && pre-commit install (pre-commit is not installed yet)",
        )
    git = "" if has_git else "git init && "
    if _is_here(directory):
        place, steps = Message("folder ini", "this folder"), f"{git}kompiler check"
    else:
        place = Message(str(directory), str(directory))
        steps = f"cd {shlex.quote(str(directory))} && {git}kompiler check"
    return Message(
        f"{count} berkas dibuat di {place.id}. Langkah berikutnya: {steps}\n"
        f"Pemeriksaan otomatis sebelum setiap commit: {hooks.id}",
        f"{count} files created in {place.en}. Next: {steps}\nChecks before every commit: {hooks.en}",
    )


def _in_git(directory: Path) -> bool:
    """Whether ``directory`` is already in a git work tree (its own or a parent's ``.git``): there
    ``git init`` would start a second repository inside the first."""
    try:
        folder = directory.resolve()
    except OSError:
        return False
    return any(os.path.lexists(place / ".git") for place in (folder, *folder.parents))


def _is_here(directory: Path) -> bool:
    """Whether ``directory`` is the working folder, where "cd DIR" would be a step that does nothing."""
    try:
        return directory.resolve() == Path.cwd().resolve()
    except OSError:
        return False


def _state(directory: Path) -> tuple[bool, frozenset[str]] | None:
    """Whether ``directory`` exists, and the names it holds (a fresh clone's ``.git``, README …);
    ``None`` when it cannot be looked into, and then a failed scaffold removes nothing."""
    try:
        if not os.path.lexists(directory):
            return False, frozenset()
        with os.scandir(directory) as entries:
            return True, frozenset(entry.name for entry in entries)
    except OSError:
        return None


def _undo(directory: Path, before: tuple[bool, frozenset[str]]) -> None:
    """Remove what a failed scaffold wrote: every entry of ``directory`` it did not hold before (the
    scaffold accepts only a folder whose entries it never writes into, and changes an existing
    ``.gitignore`` only as its last step), and ``directory`` itself when it was new."""
    existed, names = before
    if not directory.is_dir() or directory.is_symlink():
        return
    with suppress(OSError):
        for child in directory.iterdir():
            if child.name in names:
                continue
            if child.is_dir() and not child.is_symlink():
                shutil.rmtree(child, ignore_errors=True)
            else:
                child.unlink(missing_ok=True)
        if not existed:
            directory.rmdir()

"""``kompiler init DIR``: scaffold a new standards repository (standards, schemas, editor, hooks, CI)."""

from __future__ import annotations

import os
import shlex
import shutil
import sys
from contextlib import suppress
from pathlib import Path

import click

from kompiler.authoring.scaffold import NotEmpty, scaffold
from kompiler.cli.common import locale_option, resolve_locale
from kompiler.cli.output import terminable
from kompiler.diagnostics import Message


@click.command("init")
@click.argument("directory", type=click.Path(path_type=Path, file_okay=False))
@locale_option
def command(directory: Path, locale: str | None) -> None:
    """Buat repositori standar baru di DIR. / Create a new standards repository in DIR."""
    from kompiler.cli import EXIT_OK, EXIT_USAGE

    locale = resolve_locale(locale)
    before = _state(directory)
    try:
        with terminable():
            written = scaffold(directory)
    except NotEmpty:
        click.echo(
            Message(
                f"kompiler init: {directory} sudah berisi berkas; pilih folder kosong atau folder baru.",
                f"kompiler init: {directory} already holds files; choose an empty or new folder.",
            ).text(locale),
            err=True,
        )
        sys.exit(EXIT_USAGE)
    except OSError as error:
        if before is not None:
            _undo(directory, existed=before)
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
            _undo(directory, existed=before)
        raise
    for relative in written:
        click.echo(f"  {relative}")
    click.echo(_next_steps(directory, len(written)).text(locale))
    sys.exit(EXIT_OK)


def _next_steps(directory: Path, count: int) -> Message:
    """What to run next, every command of which works on this machine as it is.

    ``pre-commit`` is a separate program that installing kompiler does not bring: when it is not on the
    PATH, the hook step says how to get it rather than naming a command that would fail.
    """
    folder = shlex.quote(str(directory))
    if shutil.which("pre-commit"):
        hooks = Message("pre-commit install", "pre-commit install")
    else:
        hooks = Message(
            "python -m pip install pre-commit && pre-commit install (pre-commit belum terpasang)",
            "python -m pip install pre-commit && pre-commit install (pre-commit is not installed yet)",
        )
    return Message(
        f"{count} berkas dibuat di {directory}. Langkah berikutnya: cd {folder} && git init && kompiler check\n"
        f"Pemeriksaan otomatis sebelum setiap commit: {hooks.id}",
        f"{count} files created in {directory}. Next: cd {folder} && git init && kompiler check\n"
        f"Checks before every commit: {hooks.en}",
    )


def _state(directory: Path) -> bool | None:
    """Whether ``directory`` is an empty folder (True) or absent (False); ``None`` when it holds
    something or cannot be looked into, and then a failed scaffold removes nothing."""
    try:
        if not os.path.lexists(directory):
            return False
        with os.scandir(directory) as entries:
            return next(entries, None) is None
    except OSError:
        return None


def _undo(directory: Path, *, existed: bool) -> None:
    """Remove what a failed scaffold wrote: ``directory`` was new or empty, so all it holds is ours."""
    if not directory.is_dir() or directory.is_symlink():
        return
    with suppress(OSError):
        for child in directory.iterdir():
            if child.is_dir() and not child.is_symlink():
                shutil.rmtree(child, ignore_errors=True)
            else:
                child.unlink(missing_ok=True)
        if not existed:
            directory.rmdir()

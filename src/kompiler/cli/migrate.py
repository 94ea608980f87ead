"""``kompiler migrate [PATH] [--dry-run]``: upgrade standards to the current format version.

Every file is read as strictly as ``kompiler check`` reads it before anything is written; a file that
cannot be read (a duplicate key, a syntax error, bad UTF-8, deep nesting, a FIFO, a link out of the
project) is reported at its line and nothing is written (exit 1). A ``kompiler.yaml`` that is missing,
broken or of an unknown version is a configuration error (exit 2). SIGTERM (a cancelled CI job)
unwinds like Ctrl+C: every file stays as it was, or all are upgraded, and no temporary file is left.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from kompiler.authoring.migrate import CURRENT_VERSION, MigrationError, migrate_project, migrations
from kompiler.authoring.roundtrip import NotRewritten
from kompiler.cli.common import locale_option, project_argument, project_path, resolve_locale
from kompiler.cli.output import terminable
from kompiler.cli.rewriting import show
from kompiler.diagnostics import Message
from kompiler.project import display_path, find_root


@click.command("migrate")
@project_argument
@click.option("--dry-run", is_flag=True, help="Hanya tampilkan berkas yang akan diubah. / Only list files.")
@locale_option
def command(path: Path | None, dry_run: bool, locale: str | None) -> None:
    """Ubah standar ke versi format terbaru. / Upgrade the standards to the current format version."""
    from kompiler.cli import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE

    root = find_root(project_path(path))
    locale = resolve_locale(locale, root=root)
    try:
        with terminable():
            result = migrate_project(root, write=not dry_run)
    except MigrationError as error:
        show(error.diagnostics, error.texts, locale, 1)
        sys.exit(EXIT_USAGE)
    except NotRewritten as error:
        click.echo(f"kompiler migrate: {error.message(display_path(error.path)).text(locale)}", err=True)
        sys.exit(EXIT_USAGE)
    if not result.needed:
        click.echo(
            Message(
                f"Standar sudah memakai versi format terbaru ({CURRENT_VERSION}).",
                f"The standards already use the current format version ({CURRENT_VERSION}).",
            ).text(locale)
        )
        sys.exit(EXIT_OK)
    show(result.diagnostics, result.texts, locale, len(result.texts))
    if result.failed:
        click.echo(
            Message(
                "Tidak ada berkas yang diubah: perbaiki masalah di atas, lalu jalankan kompiler migrate lagi.",
                "No file was changed: fix the problems above, then run kompiler migrate again.",
            ).text(locale),
            err=True,
        )
        sys.exit(EXIT_PROBLEMS)
    for migration in migrations()[result.version :]:
        click.echo(f"{migration.source} → {migration.target}: {migration.summary}")
    for relative in result.changed:
        click.echo(f"  {relative}")
    verb = Message("akan diubah" if dry_run else "diubah", "would change" if dry_run else "changed")
    click.echo(f"{len(result.changed)} {Message('berkas', 'file(s)').text(locale)} {verb.text(locale)}.")
    sys.exit(EXIT_OK)

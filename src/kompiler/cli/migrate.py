"""``kompiler migrate [PATH] [--dry-run]``: upgrade standards to the current format version."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from kompiler.cli.common import locale_option, resolve_locale
from kompiler.diagnostics import Message
from kompiler.migrate import CURRENT_VERSION, MigrationError, migrate_project, migrations
from kompiler.project import find_root


@click.command("migrate")
@click.argument(
    "path", type=click.Path(exists=True, path_type=Path), default=Path("standards"), required=False
)
@click.option("--dry-run", is_flag=True, help="Hanya tampilkan berkas yang akan diubah. / Only list files.")
@locale_option
def command(path: Path, dry_run: bool, locale: str | None) -> None:
    """Ubah standar ke versi format terbaru. / Upgrade the standards to the current format version."""
    from kompiler.cli import EXIT_OK, EXIT_USAGE

    locale = resolve_locale(locale)
    root = find_root(path)
    try:
        result = migrate_project(root, write=not dry_run)
    except MigrationError as error:
        click.echo(f"kompiler migrate: {error}", err=True)
        sys.exit(EXIT_USAGE)
    if not result.needed:
        click.echo(
            Message(
                f"Standar sudah memakai versi format terbaru ({CURRENT_VERSION}).",
                f"The standards already use the current format version ({CURRENT_VERSION}).",
            ).text(locale)
        )
        sys.exit(EXIT_OK)
    for migration in migrations()[result.version :]:
        click.echo(f"{migration.source} → {migration.target}: {migration.summary}")
    for relative in result.changed:
        click.echo(f"  {relative}")
    verb = Message("akan diubah" if dry_run else "diubah", "would change" if dry_run else "changed")
    click.echo(f"{len(result.changed)} {Message('berkas', 'file(s)').text(locale)} {verb.text(locale)}.")
    sys.exit(EXIT_OK)

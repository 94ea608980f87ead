"""``kompiler init DIR``: scaffold a new standards repository (standards, schemas, editor, hooks, CI)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from kompiler.cli.common import locale_option, resolve_locale
from kompiler.diagnostics import Message
from kompiler.scaffold import NotEmpty, scaffold


@click.command("init")
@click.argument("directory", type=click.Path(path_type=Path, file_okay=False))
@locale_option
def command(directory: Path, locale: str | None) -> None:
    """Buat repositori standar baru di DIR. / Create a new standards repository in DIR."""
    from kompiler.cli import EXIT_OK, EXIT_USAGE

    locale = resolve_locale(locale)
    try:
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
    for relative in written:
        click.echo(f"  {relative}")
    click.echo(
        Message(
            f"{len(written)} berkas dibuat di {directory}. Langkah berikutnya: cd {directory} && git init && "
            "pre-commit install && kompiler check",
            f"{len(written)} files created in {directory}. Next: cd {directory} && git init && "
            "pre-commit install && kompiler check",
        ).text(locale)
    )
    sys.exit(EXIT_OK)

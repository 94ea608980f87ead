"""``kompiler fmt [PATH] [--check]``: rewrite standards in canonical form; ``--check`` only lists them."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from kompiler.atomic import replace_file
from kompiler.cli.common import locale_option, resolve_locale
from kompiler.diagnostics import Message
from kompiler.fmt import NotFormattable, format_text
from kompiler.project import SourceFile, discover, find_root


@click.command("fmt")
@click.argument(
    "path", type=click.Path(exists=True, path_type=Path), default=Path("standards"), required=False
)
@click.option(
    "--check",
    is_flag=True,
    help="Jangan menulis; keluar dengan 1 bila ada berkas yang belum kanonis. / Only report, exit 1 if any.",
)
@locale_option
def command(path: Path, check: bool, locale: str | None) -> None:
    """Tulis standar di PATH dalam bentuk kanonis. / Put the standards in PATH in canonical form."""
    from kompiler.cli import EXIT_OK, EXIT_PROBLEMS

    locale = resolve_locale(locale)
    files = _files(path)
    changed: list[str] = []
    failed = 0
    for target, source in files:
        try:
            formatted = format_text(source.read().decode("utf-8"), source.kind, source.display)
        except (NotFormattable, UnicodeDecodeError, OSError) as error:
            failed += 1
            reason = Message("tidak dapat diformat", "cannot be formatted").text(locale)
            click.echo(f"{source.display}: {reason}: {error}", err=True)
            continue
        if not formatted.changed:
            continue
        changed.append(source.display)
        if check:
            click.echo(source.display)
        else:
            _write(target, formatted.text)
    if check and changed:
        message = Message(
            f"{len(changed)} berkas belum dalam bentuk kanonis; jalankan kompiler fmt.",
            f"{len(changed)} file(s) not in canonical form; run kompiler fmt.",
        )
        click.echo(message.text(locale), err=True)
    elif not check:
        message = Message(
            f"{len(changed)} dari {len(files)} berkas diformat ulang.",
            f"{len(changed)} of {len(files)} file(s) reformatted.",
        )
        click.echo(message.text(locale), err=True)
    sys.exit(EXIT_PROBLEMS if failed or (check and changed) else EXIT_OK)


def _files(path: Path) -> list[tuple[Path, SourceFile]]:
    """The standards files under ``path`` (or ``path`` alone when it is a file), with their paths."""
    root = find_root(path)
    files, _ = discover(root)
    inside = path.resolve()
    located = [(root / f.relative, f) for f in files]
    if path.is_file():
        return [(p, f) for p, f in located if p.resolve() == inside]
    return [(p, f) for p, f in located if p.resolve().is_relative_to(inside)]


def _write(target: Path, text: str) -> None:
    """Replace the file in one step, so an interrupted run never leaves half a standard."""
    replace_file(target, text.encode("utf-8"), mode=target.stat().st_mode & 0o777)

"""``kompiler fmt [PATH] [--check]``: rewrite standards in canonical form; ``--check`` only lists them.

A file is rewritten only when it was read as strictly as ``kompiler check`` reads it and its canonical
form keeps every value and what every waiver covers; otherwise it is left alone and the reason is shown
at its line (exit 1). Files are read through :func:`kompiler.reading.read_limited` (regular files inside
the project only, bounded in size), so a FIFO or a link out of the project is reported, never waited on
or followed. The files that change are written together (:func:`kompiler.authoring.roundtrip.rewrite`): all or
none, each with its permissions, owner and line breaks, and SIGTERM (a cancelled CI job) unwinds like
Ctrl+C, so an interrupted run leaves every file as it was or formatted, and no temporary file behind.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from kompiler.authoring.fmt import NotFormattable, format_document
from kompiler.authoring.roundtrip import NotRewritten, read_strictly, rewrite
from kompiler.cli.common import locale_option, project_argument, project_path, resolve_locale
from kompiler.cli.output import terminable
from kompiler.cli.rewriting import NotAStandard, failed, select, show
from kompiler.diagnostics import Diagnostic, Message
from kompiler.project import SourceFile, display_path, unreadable


@click.command("fmt")
@project_argument
@click.option(
    "--check",
    is_flag=True,
    help="Jangan menulis; keluar dengan 1 bila ada berkas yang belum kanonis. / Only report, exit 1 if any.",
)
@locale_option
def command(path: Path | None, check: bool, locale: str | None) -> None:
    """Tulis standar di PATH dalam bentuk kanonis. / Put the standards in PATH in canonical form."""
    from kompiler.cli import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE

    locale = resolve_locale(locale)
    try:
        selection = select(project_path(path))
    except NotAStandard as error:
        show([error.diagnostic], {}, locale, 0)
        sys.exit(EXIT_USAGE)
    problems = list(selection.diagnostics)
    texts: dict[str, str] = {}
    changed: dict[Path, tuple[bytes, bytes]] = {}
    for source in selection.files:
        canonical = _canonical(source, problems, texts)
        if canonical is None:
            continue
        changed[selection.root / source.relative] = canonical
        if check:
            click.echo(source.display)
    if not check:
        try:
            with terminable():
                rewrite(changed)
        except NotRewritten as error:
            shown = display_path(error.path)
            click.echo(f"kompiler fmt: {error.message(shown).text(locale)}", err=True)
            sys.exit(EXIT_USAGE)
    show(problems, texts, locale, len(selection.files))
    _summary(check, len(changed), len(selection.files), locale)
    sys.exit(EXIT_PROBLEMS if failed(problems) or (check and changed) else EXIT_OK)


def _canonical(
    source: SourceFile, problems: list[Diagnostic], texts: dict[str, str]
) -> tuple[bytes, bytes] | None:
    """The bytes of ``source`` as read and its canonical bytes, when the two differ; ``None`` when the
    file is canonical already or cannot be formatted safely (then ``problems`` says why)."""
    try:
        raw = source.read()
    except OSError as error:
        problems.append(unreadable(source.display, error))
        return None
    texts[source.display] = raw.decode("utf-8", errors="replace")
    document, found = read_strictly(source.display, lambda: raw)
    problems.extend(found)
    if document is None:
        return None
    try:
        formatted = format_document(document, source.kind).text.encode("utf-8")
    except NotFormattable as error:
        problems.extend(error.diagnostics)
        return None
    return (raw, formatted) if formatted != raw else None


def _summary(check: bool, changed: int, files: int, locale: str) -> None:
    if check and changed:
        message = Message(
            f"{changed} berkas belum dalam bentuk kanonis; jalankan kompiler fmt.",
            f"{changed} file(s) not in canonical form; run kompiler fmt.",
        )
    elif check:
        return
    else:
        message = Message(
            f"{changed} dari {files} berkas diformat ulang.", f"{changed} of {files} file(s) reformatted."
        )
    click.echo(message.text(locale), err=True)

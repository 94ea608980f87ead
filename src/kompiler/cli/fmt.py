"""``kompiler fmt [PATH] [--check]``: rewrite standards in canonical form; ``--check`` only lists them.

A file is rewritten only when it was read as strictly as ``kompiler check`` reads it and its canonical
form keeps every value and what every waiver covers; otherwise it is left alone and the reason is shown
at its line (exit 1). Files are read through :func:`kompiler.reading.read_limited` (regular files inside
the project only, bounded in size), so a FIFO or a link out of the project is reported, never waited on
or followed. The files that change are written together (:func:`kompiler.authoring.roundtrip.rewrite`): all or
none, each with its permissions, owner and line breaks, and SIGTERM (a cancelled CI job) unwinds like
Ctrl+C, so an interrupted run leaves every file as it was or formatted, and no temporary file behind.

A file whose bytes were already found canonical, or that fmt has just written, is not formatted again
(its verdict is kept in ``.kompiler-cache/``, authenticated as the check's cache is; ``--no-cache``
ignores it), and many files are formatted on a pool of processes (``-j``):
:mod:`kompiler.authoring.fmt.files`.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from kompiler.authoring.fmt.files import Verdicts, format_all
from kompiler.authoring.roundtrip import NotRewritten, rewrite
from kompiler.cli.common import (
    cache_option,
    jobs_option,
    locale_option,
    project_argument,
    project_path,
    resolve_locale,
)
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
@cache_option
@jobs_option
@locale_option
def command(path: Path | None, check: bool, no_cache: bool, jobs: int | None, locale: str | None) -> None:
    """Tulis standar di PATH dalam bentuk kanonis. / Put the standards in PATH in canonical form."""
    from kompiler.cli import EXIT_USAGE

    explicit, locale = locale, resolve_locale(locale)
    try:
        selection = select(project_path(path))
    except NotAStandard as error:
        show([error.diagnostic], {}, locale, 0)
        sys.exit(EXIT_USAGE)
    locale = resolve_locale(explicit, root=selection.root)
    with terminable():  # SIGTERM stops the workers and leaves no temporary file, as Ctrl+C does
        problems = list(selection.diagnostics)
        texts: dict[str, str] = {}
        verdicts = Verdicts(selection.root, enabled=not no_cache)
        changed = _formatted(selection.root, selection.files, verdicts, jobs, check, problems, texts)
        verdicts.save()
        if not check:
            try:
                rewrite(changed)
            except NotRewritten as error:
                shown = display_path(error.path)
                click.echo(f"kompiler fmt: {error.message(shown).text(locale)}", err=True)
                sys.exit(EXIT_USAGE)
    show(problems, texts, locale, len(selection.files))
    _summary(check, len(changed), len(selection.files), locale)
    sys.exit(_exit_code(problems, check and bool(changed)))


def _formatted(
    root: Path,
    files: list[SourceFile],
    verdicts: Verdicts,
    jobs: int | None,
    check: bool,
    problems: list[Diagnostic],
    texts: dict[str, str],
) -> dict[Path, tuple[bytes, bytes]]:
    """The files that are not in canonical form, each with the bytes it was read with and its canonical
    bytes (listed on standard output with ``check``); ``problems`` gets what stops a file from being
    formatted, ``texts`` the text of every file read (to quote its lines)."""
    pending: list[tuple[SourceFile, bytes, str | None]] = []
    for source in files:
        try:
            raw = source.read()
        except OSError as error:
            problems.append(unreadable(source.display, error))
            continue
        texts[source.display] = raw.decode("utf-8", errors="replace")
        key = verdicts.key(source.kind, raw)
        if not verdicts.canonical(key):
            pending.append((source, raw, key))
    results = format_all([(source.display, source.kind, raw) for source, raw, _ in pending], jobs)
    changed: dict[Path, tuple[bytes, bytes]] = {}
    for (source, raw, key), result in zip(pending, results, strict=True):
        problems.extend(result.diagnostics)
        if result.canonical and not result.diagnostics:
            verdicts.add(key)
        if result.formatted is not None:
            changed[root / source.relative] = (raw, result.formatted)
            if check:
                click.echo(source.display)
            elif result.settled:  # what is written now is canonical: the next run need not format it
                verdicts.add(verdicts.key(source.kind, result.formatted))
    return changed


def _exit_code(problems: list[Diagnostic], not_canonical: bool) -> int:
    from kompiler.cli import EXIT_OK, EXIT_PROBLEMS

    return EXIT_PROBLEMS if failed(problems) or not_canonical else EXIT_OK


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

"""``kompiler build``: check the standards, then write everything the build produces to the output folder."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from kompiler.cli.common import emit_report, exit_code, report_options, resolve_locale, select
from kompiler.cli.dates import AS_OF_DATE
from kompiler.compiler import compile_path
from kompiler.model.time import in_force
from kompiler.render.model_json import model_dict
from kompiler.render.output import OutputWriter


@click.command("build")
@click.argument(
    "path", type=click.Path(exists=True, path_type=Path), default=Path("standards"), required=False
)
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, file_okay=False),
    default=Path("output"),
    show_default=True,
    help="Folder keluaran. / Output folder.",
)
@click.option(
    "--as-of",
    "as_of",
    type=AS_OF_DATE,
    default=None,
    help="Susun standar yang berlaku pada tanggal ini (TTTT-BB-HH). / Build the standards in force on this date.",
)
@report_options
def command(
    path: Path,
    output: Path,
    as_of: str | None,
    output_format: str,
    locale: str | None,
    quiet: bool,
    verbose: bool,
) -> None:
    """Periksa lalu susun standar di PATH ke folder keluaran. / Check, then build the standards."""
    result = compile_path(path)
    locale = resolve_locale(locale, result)
    shown = select(result.diagnostics, quiet=quiet, verbose=verbose, only_file=None)
    code = exit_code(result, select(result.diagnostics, quiet=True, verbose=False, only_file=None))
    if shown or code:
        emit_report(result, shown, output_format, locale, verbose)
    if code:
        click.echo(
            "Keluaran tidak dibuat karena ada galat."
            if locale == "id"
            else "No output written: errors found.",
            err=True,
        )
        sys.exit(code)
    if as_of is not None:
        result.corpus = in_force(result.corpus, as_of)
    writer = OutputWriter(output)
    try:
        writer.write_text(
            "model.json",
            json.dumps(model_dict(result.corpus), ensure_ascii=False, indent=2, sort_keys=False) + "\n",
        )
        from kompiler.graph.render import render_graph_outputs

        render_graph_outputs(result.corpus, writer, locale)
        writer.commit()
    except BaseException:
        writer.abort()
        raise
    if not quiet:
        message = "berkas ditulis ke" if locale == "id" else "file(s) written to"
        click.echo(f"{len(writer.written)} {message} {output}/")

"""``kompiler merge``: propose groups of overlapping positions to merge into broader positions."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from kompiler.cli.common import emit_report, exit_code, locale_option, resolve_locale, select
from kompiler.compiler import compile_path


@click.command("merge")
@click.argument(
    "path", type=click.Path(exists=True, path_type=Path), default=Path("standards"), required=False
)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json", "markdown"]),
    default="text",
    show_default=True,
    help="Format keluaran. / Output format.",
)
@click.option(
    "--write",
    "write_dir",
    type=click.Path(path_type=Path, file_okay=False),
    default=None,
    help="Tulis graf dan usulan ke folder ini. / Also write the graph and proposals to this folder.",
)
@locale_option
def command(path: Path, output_format: str, write_dir: Path | None, locale: str | None) -> None:
    """Usulkan penggabungan jabatan yang tumpang tindih. / Propose merges of overlapping positions."""
    result = compile_path(path)
    locale = resolve_locale(locale, result)
    errors = select(result.diagnostics, quiet=True, verbose=False, only_file=None)
    code = exit_code(result, errors)
    if code:
        emit_report(result, errors, "text", locale, False)
        click.echo(
            "Usulan tidak dibuat karena standar masih bergalat."
            if locale == "id"
            else "No proposals: the standards have errors.",
            err=True,
        )
        sys.exit(code)
    from kompiler.graph.merge import run_merge
    from kompiler.graph.render import merge_json, merge_markdown, merge_text, render_graph_outputs
    from kompiler.render.output import OutputWriter

    if write_dir is not None:
        writer = OutputWriter(write_dir)
        try:
            merged = render_graph_outputs(result.corpus, writer, locale)
            writer.commit()
        except BaseException:
            writer.abort()
            raise
    else:
        merged = run_merge(result.corpus)
    render = {"text": merge_text, "markdown": merge_markdown}
    click.echo(
        merge_json(merged) if output_format == "json" else render[output_format](merged, locale), nl=False
    )

"""``kompiler merge``: propose groups of overlapping positions to merge into broader positions."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from kompiler.build.output import OutputWriter
from kompiler.check.result import CompileResult
from kompiler.cli.common import (
    emit_report,
    exit_code,
    locale_option,
    project_argument,
    project_path,
    resolve_locale,
    select,
)
from kompiler.cli.output import terminable, writing
from kompiler.cli.usage import PathType
from kompiler.diagnostics import Diagnostic
from kompiler.pipeline import compile_path
from kompiler.project import find_root


@click.command("merge")
@project_argument
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
    type=PathType(path_type=Path, file_okay=False),
    default=None,
    help="Tulis graf dan usulan ke folder ini. / Also write the graph and proposals to this folder.",
)
@locale_option
@terminable()
def command(path: Path | None, output_format: str, write_dir: Path | None, locale: str | None) -> None:
    """Usulkan penggabungan jabatan yang tumpang tindih. / Propose merges of overlapping positions."""
    path = project_path(path)
    if write_dir is None:
        _merge(path, output_format, None, locale)
        return
    with writing(write_dir, [find_root(path)], locale=locale) as writer:
        _merge(path, output_format, writer, locale)


def _merge(path: Path, output_format: str, writer: OutputWriter | None, locale: str | None) -> None:
    """Compile, propose, write the graph and proposals into ``writer`` (if any), print the proposals.

    Standard output holds only the proposals in the format asked for: when the standards have errors,
    ``json`` prints them as the JSON report of ``kompiler check --format json``, and ``markdown`` prints
    them on standard error, so a file made from standard output is never a report in the wrong format.
    """
    result = compile_path(path)
    locale = resolve_locale(locale, result)
    errors = select(result.diagnostics, quiet=True, verbose=False, only_files=None)
    code = exit_code(result, errors)
    if code:
        if output_format == "markdown":
            _report_on_stderr(result, errors, locale)
        else:
            emit_report(result, errors, output_format, locale, False)
        click.echo(
            "Usulan tidak dibuat karena standar masih bergalat."
            if locale == "id"
            else "No proposals: the standards have errors.",
            err=True,
        )
        sys.exit(code)
    from kompiler.build.graph_files import merge_json, merge_markdown, merge_text, render_graph_outputs
    from kompiler.graph.merge import run_merge

    if writer is not None:
        merged = render_graph_outputs(result.corpus, writer, locale)
        writer.commit()
    else:
        merged = run_merge(result.corpus)
    render = {"text": merge_text, "markdown": merge_markdown}
    click.echo(
        merge_json(merged) if output_format == "json" else render[output_format](merged, locale), nl=False
    )


def _report_on_stderr(result: CompileResult, errors: list[Diagnostic], locale: str) -> None:
    from kompiler.report import ReportInput, formats

    report = ReportInput(
        diagnostics=errors,
        locale=locale,
        files_checked=len(result.files),
        source_line=result.source_line,
        verbose=False,
    )
    click.echo(formats()["text"](report), nl=False, err=True)

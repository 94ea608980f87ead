"""``kompiler check``: validate standards and report every problem."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from kompiler.check.result import CompileResult
from kompiler.cli.common import (
    emit_report,
    executor_checked,
    exit_code,
    only_files_of,
    pipeline_options,
    project_argument,
    project_path,
    report_options,
    resolve_locale,
    select,
    waived,
)
from kompiler.cli.rewriting import unread
from kompiler.diagnostics import Diagnostic
from kompiler.pipeline import check_path
from kompiler.project import display_path


@click.command("check")
@project_argument
@report_options
@pipeline_options
def command(
    path: Path | None,
    output_format: str,
    locale: str | None,
    quiet: bool,
    verbose: bool,
    no_cache: bool,
    executor: str,
    jobs: int | None,
) -> None:
    """Periksa standar di PATH (bawaan: proyek di folder ini atau di atasnya). / Check the standards in
    PATH (default: the project in this folder or above it)."""
    from kompiler.cli import EXIT_USAGE

    path = project_path(path)
    with executor_checked(executor):
        result = check_path(path, cache=not no_cache, executor=executor, jobs=jobs)
    named = display_path(path.resolve()) if path.is_file() else None
    only = only_files_of(named, result)
    stray = _stray_file(named, result)
    if stray is not None:
        result.diagnostics.append(stray)
    shown = select(result.diagnostics, quiet=quiet, verbose=verbose, only_files=only)
    silenced = waived(result, quiet=quiet, verbose=verbose, only_files=only)
    emit_report(result, shown, output_format, resolve_locale(locale, result), verbose, silenced)
    errors = select(result.diagnostics, quiet=True, verbose=False, only_files=only)
    sys.exit(EXIT_USAGE if stray is not None else exit_code(result, errors))


def _stray_file(named: str | None, result: CompileResult) -> Diagnostic | None:
    """KMP085 when PATH is the file ``named`` that the project does not read as a standard (a README, a
    spreadsheet) and nothing else is said about it: checking it would otherwise pass on nothing. A file
    discovery passed over with a warning (``baru.YAML``) is answered by that warning, which gives the
    reason ``kompiler fmt`` gives when it refuses the file (:func:`~kompiler.cli.rewriting.unread`)."""
    if named is None or result.config_broken:
        return None
    return unread(named, result.files, result.diagnostics, refusal=None)

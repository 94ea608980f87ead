"""``kompiler check``: validate standards and report every problem."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from kompiler.cli.common import (
    emit_report,
    executor_checked,
    exit_code,
    only_file_of,
    pipeline_options,
    report_options,
    resolve_locale,
    select,
    waived,
)
from kompiler.pipeline import check_path


@click.command("check")
@click.argument(
    "path", type=click.Path(exists=True, path_type=Path), default=Path("standards"), required=False
)
@report_options
@pipeline_options
def command(
    path: Path,
    output_format: str,
    locale: str | None,
    quiet: bool,
    verbose: bool,
    no_cache: bool,
    executor: str,
    jobs: int | None,
) -> None:
    """Periksa standar di PATH (bawaan: standards/). / Check the standards in PATH."""
    with executor_checked(executor):
        result = check_path(path, cache=not no_cache, executor=executor, jobs=jobs)
    only = only_file_of(path)
    shown = select(result.diagnostics, quiet=quiet, verbose=verbose, only_file=only)
    silenced = waived(result, quiet=quiet, verbose=verbose, only_file=only)
    emit_report(result, shown, output_format, resolve_locale(locale, result), verbose, silenced)
    errors = select(result.diagnostics, quiet=True, verbose=False, only_file=only)
    sys.exit(exit_code(result, errors))

"""``kompiler import``: turn a positions table and a requirements table (CSV or XLSX) into standards.

Exit codes as for ``check``: 0 written, 1 problems in the tables (every one reported at ``table:row:column``,
nothing written), 2 usage error (an option, an unreadable table file, an output that is not a new or
empty folder or lies where a project does not belong, an output that cannot be written).
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from kompiler.authoring.importer import (
    CLASSIFICATIONS,
    KINDS,
    ImportOptions,
    ImportRefused,
    ImportUsageError,
    import_project,
)
from kompiler.authoring.importer.tables import shown
from kompiler.cli.common import report_options, resolve_locale, select
from kompiler.cli.dates import AS_OF_DATE
from kompiler.cli.output import terminable
from kompiler.cli.usage import PathType
from kompiler.diagnostics import Diagnostic, Message


def _report(
    diagnostics: list[Diagnostic], output_format: str, locale: str, quiet: bool, verbose: bool, tables: Path
) -> None:
    """The import's problems in ``output_format``; they are located in the tables, which the CI formats
    name from the top of the git work tree holding ``tables`` (their folder), as ``check``'s do."""
    from kompiler.project import repository_names
    from kompiler.report import ReportInput, formats

    visible = select(diagnostics, quiet=quiet, verbose=verbose, only_files=None)
    if not visible and output_format == "text":
        return
    report = ReportInput(
        diagnostics=visible,
        locale=locale,
        files_checked=2,
        source_line=lambda file, line: "",
        verbose=verbose,
        repository_name=repository_names(tables),
    )
    click.echo(formats()[output_format](report), nl=False)


@click.command("import")
@click.argument("positions", type=PathType(exists=True, dir_okay=False, path_type=Path))
@click.argument("requirements", type=PathType(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    required=True,
    help="Folder baru atau kosong untuk proyek. / A new or empty folder for the project.",
)
@click.option(
    "--min-importance",
    type=float,
    default=3.0,
    show_default=True,
    help="Elemen dengan kepentingan di bawah ini tidak dipersyaratkan. / Importance cut.",
)
@click.option(
    "--max-importance",
    type=float,
    default=None,
    help="Kepentingan tertinggi skala sumber (bawaan: nilai tertinggi di tabel); kepentingan elemen yang"
    " dipersyaratkan ditulis pada skala 1-5. / Top of the source importance scale (default: the highest"
    " in the table); kept elements carry their importance rescaled to 1-5.",
)
@click.option(
    "--scale-min",
    type=float,
    default=0.0,
    show_default=True,
    help="Level terendah skala sumber. / Source scale minimum.",
)
@click.option(
    "--scale-max",
    type=float,
    default=7.0,
    show_default=True,
    help="Level tertinggi skala sumber. / Source scale maximum.",
)
@click.option(
    "--jenis",
    "kind",
    type=click.Choice(KINDS),
    default="fungsional_keahlian",
    show_default=True,
    help="Jenis jabatan. / Position kind.",
)
@click.option(
    "--jenjang", "grade", default="AHLI-PERTAMA", show_default=True, help="Kode jenjang. / Grade code."
)
@click.option(
    "--klasifikasi",
    "classification",
    type=click.Choice(CLASSIFICATIONS),
    default=None,
    help="Klasifikasi untuk jabatan pelaksana. / Classification of pelaksana positions.",
)
@click.option(
    "--berlaku-mulai",
    "valid_from",
    type=AS_OF_DATE,
    default=None,
    help="Tanggal berlaku (TTTT-BB-HH); bawaan hari ini. / Valid from (YYYY-MM-DD); default today.",
)
@report_options
def command(
    positions: Path,
    requirements: Path,
    output: Path,
    min_importance: float,
    max_importance: float | None,
    scale_min: float,
    scale_max: float,
    kind: str,
    grade: str,
    classification: str | None,
    valid_from: str | None,
    output_format: str,
    quiet: bool,
    verbose: bool,
    locale: str | None,
) -> None:
    """Impor tabel jabatan dan persyaratan menjadi standar YAML. / Import tables into YAML standards."""
    from kompiler.cli import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE

    locale = resolve_locale(locale)
    options = ImportOptions(
        min_importance=min_importance,
        importance_max=max_importance,
        scale_min=scale_min,
        scale_max=scale_max,
        kind=kind,
        grade=grade,
        classification=classification,
        valid_from=valid_from or "",
    )
    try:
        with terminable():
            imported = import_project(positions, requirements, output, options)
    except ImportUsageError as error:
        click.echo(f"kompiler import: {error.message.text(locale)}", err=True)
        sys.exit(EXIT_USAGE)
    except ImportRefused as refused:
        _report(refused.diagnostics, output_format, locale, quiet, verbose, positions.parent)
        sys.exit(EXIT_USAGE if refused.usage else EXIT_PROBLEMS)
    _report(imported.warnings, output_format, locale, quiet, verbose, positions.parent)
    written = Message("berkas ditulis ke", "file(s) written to").text(locale)
    done = f"{len(imported.written)} {written} {shown(str(output))}/"
    click.echo(done, err=output_format != "text")
    sys.exit(EXIT_OK)

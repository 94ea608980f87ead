"""``kompiler import``: turn a positions table and a requirements table (CSV or XLSX) into standards."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from kompiler.importer import ImportError_, ImportOptions, import_tables


@click.command("import")
@click.argument("positions", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.argument("requirements", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "-o",
    "--output",
    type=click.Path(file_okay=False, path_type=Path),
    required=True,
    help="Folder proyek standar yang ditulis. / Standards folder to write.",
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
    type=click.Choice(["klerek", "operator", "teknisi"]),
    default=None,
    help="Klasifikasi untuk jabatan pelaksana. / Classification of pelaksana positions.",
)
@click.option(
    "--berlaku-mulai", "valid_from", default="", help="Tanggal berlaku (TTTT-BB-HH); bawaan hari ini."
)
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
    valid_from: str,
) -> None:
    """Impor tabel jabatan dan persyaratan menjadi standar YAML. / Import tables into YAML standards."""
    from kompiler.cli import EXIT_USAGE

    if (output / "kompiler.yaml").exists():
        click.echo(
            f"{output}/kompiler.yaml sudah ada; pilih folder baru. / already exists; choose a new folder.",
            err=True,
        )
        sys.exit(EXIT_USAGE)
    options = ImportOptions(
        min_importance=min_importance,
        importance_max=max_importance,
        scale_min=scale_min,
        scale_max=scale_max,
        kind=kind,
        grade=grade,
        classification=classification,
        valid_from=valid_from,
    )
    try:
        written = list(import_tables(positions, requirements, output, options))
    except ImportError_ as error:
        click.echo(f"kompiler import: {error}", err=True)
        sys.exit(EXIT_USAGE)
    click.echo(f"{len(written)} berkas ditulis ke / file(s) written to {output}/")

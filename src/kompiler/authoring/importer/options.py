"""The options of ``kompiler import`` and the two ways it says no: a usage error, or problems in the tables."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date
from typing import Any

import yaml

from kompiler.authoring.importer.tables import UNREADABLE
from kompiler.diagnostics import Diagnostic, Message
from kompiler.resources import data_dir

KINDS = (
    "jpt",
    "administrator",
    "pengawas",
    "fungsional_keahlian",
    "fungsional_keterampilan",
    "pelaksana",
)
CLASSIFICATIONS = ("klerek", "operator", "teknisi")


class ImportUsageError(ValueError):
    """The options or the output folder cannot be used (a usage error); the message says why."""

    def __init__(self, message: Message) -> None:
        super().__init__(message.en)
        self.message = message


class ImportRefused(Exception):
    """The tables cannot be imported: every problem found, located; nothing was written."""

    def __init__(self, diagnostics: list[Diagnostic]) -> None:
        super().__init__(f"{len(diagnostics)} problem(s)")
        self.diagnostics = diagnostics

    @property
    def usage(self) -> bool:
        """A table file could not be read at all: a usage error rather than a problem in a table."""
        return any(d.code == UNREADABLE for d in self.diagnostics)


@dataclass(frozen=True)
class ImportOptions:
    """How the tables become standards; the CLI's options, with the same defaults."""

    min_importance: float = 3.0
    importance_max: float | None = None  # None: the highest importance in the table
    scale_min: float = 0.0
    scale_max: float = 7.0
    kind: str = "fungsional_keahlian"
    grade: str = "AHLI-PERTAMA"
    classification: str | None = None
    agency: str = "Instansi (data impor)"
    valid_from: str = ""


def usage(id_: str, en: str) -> ImportUsageError:
    return ImportUsageError(Message(id_, en))


def checked_options(options: ImportOptions) -> dict[str, Any]:
    """The grade row the options name; :class:`ImportUsageError` for any option that cannot work, before
    a table is read."""
    _check_scales(options)
    if options.valid_from:
        _check_date(options.valid_from)
    return _grade_of(options)


def _check_scales(options: ImportOptions) -> None:
    numbers = {
        "--min-importance": options.min_importance,
        "--max-importance": options.importance_max,
        "--scale-min": options.scale_min,
        "--scale-max": options.scale_max,
    }
    for flag, value in numbers.items():
        if value is not None and not math.isfinite(value):
            raise usage(
                f"{flag} harus bilangan terhingga, bukan {value}.", f"{flag} must be finite, not {value}."
            )
    if options.scale_max <= options.scale_min:
        raise usage(
            "--scale-max harus lebih besar dari --scale-min.", "--scale-max must be greater than --scale-min."
        )
    if options.importance_max is not None and options.importance_max < options.min_importance:
        raise usage(
            "--max-importance tidak boleh lebih kecil dari --min-importance.",
            "--max-importance cannot be smaller than --min-importance.",
        )


def _check_date(text: str) -> None:
    """A calendar date whose year the project file accepts (``dokumen.tahun``: 1945 to 2100)."""
    try:
        valid_from = date.fromisoformat(text)
    except ValueError:
        raise usage(
            f"--berlaku-mulai {text!r} bukan tanggal TTTT-BB-HH.",
            f"--berlaku-mulai {text!r} is not a YYYY-MM-DD date.",
        ) from None
    if not 1945 <= valid_from.year <= 2100:
        raise usage(
            "--berlaku-mulai harus antara tahun 1945 dan 2100.",
            "--berlaku-mulai must be between 1945 and 2100.",
        )


def _grade_of(options: ImportOptions) -> dict[str, Any]:
    if options.kind not in KINDS:
        raise usage(
            f"Jenis {options.kind!r} tidak dikenal; pilihannya: {', '.join(KINDS)}.",
            f"Unknown kind {options.kind!r}; the choices: {', '.join(KINDS)}.",
        )
    if options.classification is not None and (
        options.kind != "pelaksana" or options.classification not in CLASSIFICATIONS
    ):
        raise usage(
            "--klasifikasi (klerek, operator, teknisi) hanya untuk --jenis pelaksana.",
            "--klasifikasi (klerek, operator, teknisi) is only for --jenis pelaksana.",
        )
    rows = grades()
    grade = rows.get(options.grade)
    if grade is None or grade["jenis_jabatan"] != options.kind:
        fitting = ", ".join(code for code, row in rows.items() if row["jenis_jabatan"] == options.kind)
        raise usage(
            f"Jenjang {options.grade!r} tidak sesuai jenis {options.kind}; jenjang jenis ini: {fitting}.",
            f"Grade {options.grade!r} does not match kind {options.kind}; this kind's grades: {fitting}.",
        )
    return grade


def grades() -> dict[str, dict[str, Any]]:
    """The shipped grade table by grade code: the project an import writes carries it."""
    text = (data_dir("standards") / "jenjang.yaml").read_text("utf-8")
    return {row["kode"]: row for row in yaml.safe_load(text)["jenjang"]}

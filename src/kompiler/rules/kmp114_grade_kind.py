"""KMP114: a position's kind (jenis) is the kind of its grade."""

from __future__ import annotations

from collections.abc import Iterator

from kompiler.diagnostics import Message, Related, Severity
from kompiler.model import Position
from kompiler.rules.base import Context, Example, Finding, Rule, Scope


def check(position: Position, context: Context) -> Iterator[Finding]:
    grade = context.corpus.grade_of(position)
    if grade is None or grade.kind is position.kind:
        return
    yield Finding(
        position.origin.at("jenis"),
        Message(
            f"Jenis jabatan {position.kind.value}, tetapi jenjang {grade.name} ({grade.code}) adalah jenjang "
            f"{grade.kind.value}.",
            f"The position's kind is {position.kind.value}, but the grade {grade.name} ({grade.code}) is a "
            f"{grade.kind.value} grade.",
        ),
        related=(Related(grade.origin.at("jenis_jabatan"), Message("Jenis jenjang.", "The grade's kind.")),),
    )


RULE = Rule(
    code="KMP114",
    title=Message("Jenis jabatan sesuai jenjang", "Position kind matches the grade"),
    severity=Severity.ERROR,
    scope=Scope.POSITION,
    explanation=Message(
        "Setiap jenjang di jenjang.yaml termasuk satu jenis jabatan (jpt, administrator, pengawas, "
        "fungsional_keahlian, fungsional_keterampilan, pelaksana). Jenis yang ditulis pada jabatan harus sama "
        "dengan jenis jenjangnya; jika tidak, salah satunya keliru.",
        "Every grade in jenjang.yaml belongs to one kind of position (jpt, administrator, pengawas, "
        "fungsional_keahlian, fungsional_keterampilan, pelaksana). The kind written on a position must be its "
        "grade's kind; otherwise one of the two is wrong.",
    ),
    legal_source=Message(
        "UU 20/2023 (jenis jabatan ASN)",
        "UU 20/2023 (kinds of civil-service positions)",
    ),
    check=check,
    examples=(
        Example(
            "jenis: fungsional_keterampilan\njenjang: AHLI-MUDA",
            "jabatan/analis-keuangan.yaml",
        ),
        Example(
            "jenis: fungsional_keahlian\njenjang: AHLI-MUDA",
            "jabatan/analis-keuangan.yaml",
        ),
    ),
    position_local=True,
)

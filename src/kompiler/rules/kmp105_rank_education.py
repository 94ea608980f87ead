"""KMP105: the rank (pangkat/golongan) and education a position requires are within what its grade allows."""

from __future__ import annotations

from collections.abc import Iterator

from kompiler.diagnostics import Message, Related, Severity
from kompiler.model import Position
from kompiler.model.entities import EDUCATION_ORDER, RANK_ORDER
from kompiler.rules.base import Context, Example, Finding, Rule, Scope
from kompiler.rules.common import no_such_rank


def _within(rank: str, lowest: str | None, highest: str | None) -> bool:
    """True when ``rank`` lies in the range; a bound that is missing or unknown does not restrict it."""
    order = RANK_ORDER[rank]
    return (lowest not in RANK_ORDER or RANK_ORDER[lowest] <= order) and (
        highest not in RANK_ORDER or order <= RANK_ORDER[highest]
    )


def check(position: Position, context: Context) -> Iterator[Finding]:
    grade = context.corpus.grade_of(position)
    if grade is None:
        return
    rank = position.qualifications.rank
    if rank is not None and rank not in RANK_ORDER:
        yield Finding(
            position.origin.at("persyaratan", "pangkat", "golongan"),
            no_such_rank(rank),
        )
    elif rank is not None and not _within(rank, grade.rank_min, grade.rank_max):
        yield Finding(
            position.origin.at("persyaratan", "pangkat", "golongan"),
            Message(
                f"Golongan {rank} di luar rentang jenjang {grade.name} ({grade.code}): "
                f"{grade.rank_min or '-'} sampai {grade.rank_max or '-'}.",
                f"The rank {rank} is outside the range of the grade {grade.name} ({grade.code}): "
                f"{grade.rank_min or '-'} to {grade.rank_max or '-'}.",
            ),
            related=(
                Related(grade.origin.at("pangkat_terendah"), Message("Rentang pangkat.", "Rank range.")),
            ),
        )
    minimum = grade.education_min
    if minimum is None:
        return
    for index, education in enumerate(position.qualifications.education):
        if EDUCATION_ORDER[education.level] >= EDUCATION_ORDER[minimum]:
            continue
        yield Finding(
            position.origin.at("persyaratan", "pendidikan", index, "jenjang"),
            Message(
                f"Pendidikan {education.level} di bawah pendidikan minimal jenjang {grade.name} "
                f"({grade.code}), yaitu {minimum}.",
                f"The education {education.level} is below the minimum for the grade {grade.name} "
                f"({grade.code}), which is {minimum}.",
            ),
            related=(
                Related(
                    grade.origin.at("pendidikan_minimal"),
                    Message("Pendidikan minimal.", "Minimum education."),
                ),
            ),
        )


RULE = Rule(
    code="KMP105",
    title=Message(
        "Pangkat dan pendidikan dalam batas jenjang", "Rank and education within the grade's limits"
    ),
    severity=Severity.ERROR,
    scope=Scope.POSITION,
    explanation=Message(
        "Pangkat/golongan ruang yang dipersyaratkan berada dalam rentang pangkat_terendah sampai "
        "pangkat_tertinggi jenjangnya, dan setiap jenjang pendidikan yang diterima tidak lebih rendah dari "
        "pendidikan_minimal jenjang itu (jenjang.yaml). Golongan yang tidak ada, seperti III/e, juga dilaporkan.",
        "The required rank (pangkat/golongan ruang) lies between the grade's pangkat_terendah and "
        "pangkat_tertinggi, and every accepted level of education is at least the grade's pendidikan_minimal "
        "(jenjang.yaml). A rank that does not exist, such as III/e, is reported too.",
    ),
    legal_source=Message(
        "UU 20/2023; PermenPANRB 1/2023; tabel jenjang di jenjang.yaml",
        "UU 20/2023; PermenPANRB 1/2023; the grade table in jenjang.yaml",
    ),
    check=check,
    examples=(
        Example(
            "jenjang: AHLI-MUDA  # III/c sampai III/d, minimal S1\npersyaratan:\n  pendidikan:\n"
            "    - jenjang: D3\n      tingkat: mutlak\n  pangkat:\n    golongan: III/a\n    tingkat: mutlak",
            "jabatan/analis-keuangan.yaml",
        ),
        Example(
            "jenjang: AHLI-MUDA\npersyaratan:\n  pendidikan:\n    - jenjang: S1\n      tingkat: mutlak\n"
            "  pangkat:\n    golongan: III/c\n    tingkat: mutlak",
            "jabatan/analis-keuangan.yaml",
        ),
    ),
    position_local=True,
)

"""KMP116: a row of the grade table is consistent: its rank range is ordered, its levels do not drop."""

from __future__ import annotations

from collections.abc import Iterator

from kompiler.diagnostics import Message, Related, Severity
from kompiler.model import Grade
from kompiler.model.entities import RANK_ORDER
from kompiler.rules.base import Context, Example, Finding, Rule, Scope
from kompiler.rules.common import no_such_rank


def check(grade: Grade, context: Context) -> Iterator[Finding]:
    for column, rank in (("pangkat_terendah", grade.rank_min), ("pangkat_tertinggi", grade.rank_max)):
        if rank is not None and rank not in RANK_ORDER:
            yield Finding(
                grade.origin.at(column),
                no_such_rank(rank),
            )
    low, high = RANK_ORDER.get(grade.rank_min or ""), RANK_ORDER.get(grade.rank_max or "")
    if low is not None and high is not None and low > high:
        yield Finding(
            grade.origin.at("pangkat_terendah"),
            Message(
                f"Pangkat terendah jenjang {grade.code} ({grade.rank_min}) lebih tinggi dari pangkat "
                f"tertingginya ({grade.rank_max}).",
                f"The lowest rank of the grade {grade.code} ({grade.rank_min}) is above its highest rank "
                f"({grade.rank_max}).",
            ),
        )
    for other in context.corpus.grades.values():
        if other.kind is not grade.kind or other.order >= grade.order:
            continue
        if other.managerial_level > grade.managerial_level:
            yield Finding(
                grade.origin.at("level_manajerial"),
                Message(
                    f"Jenjang {grade.code} (urutan {grade.order}) mempersyaratkan level manajerial "
                    f"{grade.managerial_level}, lebih rendah dari jenjang di bawahnya, {other.code} "
                    f"(urutan {other.order}, level {other.managerial_level}).",
                    f"The grade {grade.code} (order {grade.order}) requires managerial level "
                    f"{grade.managerial_level}, lower than the grade below it, {other.code} "
                    f"(order {other.order}, level {other.managerial_level}).",
                ),
                severity=Severity.WARNING,
                related=(
                    Related(
                        other.origin.at("level_manajerial"),
                        Message("Jenjang di bawahnya.", "The lower grade."),
                    ),
                ),
            )


RULE = Rule(
    code="KMP116",
    title=Message("Tabel jenjang yang konsisten", "Consistent grade table"),
    severity=Severity.ERROR,
    scope=Scope.GRADE,
    explanation=Message(
        "Setiap baris jenjang.yaml menyebut golongan ruang yang ada (tidak ada III/e), dengan pangkat_terendah "
        "tidak lebih tinggi dari pangkat_tertinggi. Dalam satu jenis jabatan, jenjang dengan urutan lebih "
        "tinggi tidak mempersyaratkan level manajerial yang lebih rendah (peringatan).",
        "Every row of jenjang.yaml names ranks that exist (there is no III/e), with pangkat_terendah not above "
        "pangkat_tertinggi. Within one kind of position, a grade of a higher order does not require a lower "
        "managerial level (a warning).",
    ),
    legal_source=Message(
        "PP 11/2017 jo. PP 17/2020 (pangkat dan golongan ruang PNS); PermenPANRB 38/2017, Lampiran",
        "PP 11/2017 as amended by PP 17/2020 (civil servants' ranks and grades); PermenPANRB 38/2017, Appendix",
    ),
    check=check,
    examples=(
        Example(
            "jenjang:\n  - kode: PENGAWAS\n    pangkat_terendah: III/d\n    pangkat_tertinggi: III/b",
            "jenjang.yaml",
        ),
        Example(
            "jenjang:\n  - kode: PENGAWAS\n    pangkat_terendah: III/b\n    pangkat_tertinggi: III/d",
            "jenjang.yaml",
        ),
    ),
)

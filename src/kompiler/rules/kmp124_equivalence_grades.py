"""KMP124: a penyetaraan that does not lead from a structural grade to a functional one, or a grade
equated twice."""

from __future__ import annotations

from collections.abc import Iterator

from kompiler.diagnostics import Message, Related, Severity
from kompiler.model import Corpus, PositionKind
from kompiler.model.entities import Equivalence
from kompiler.rules.base import Context, Example, Finding, Rule, Scope

STRUCTURAL = frozenset({PositionKind.JPT, PositionKind.ADMINISTRATOR, PositionKind.SUPERVISOR})
FUNCTIONAL = frozenset({PositionKind.EXPERT, PositionKind.SKILLED})


def check(corpus: Corpus, context: Context) -> Iterator[Finding]:
    first: dict[str, Equivalence] = {}
    for equivalence in corpus.development.equivalences:
        original = first.setdefault(equivalence.grade, equivalence)
        if original is not equivalence:
            where = original.origin.at("jenjang")
            yield Finding(
                equivalence.origin.at("jenjang"),
                Message(
                    f"Jenjang {equivalence.grade} sudah disetarakan dengan {original.equivalent} di baris "
                    f"{where.line}; satu jenjang disetarakan dengan satu jenjang fungsional saja.",
                    f"The grade {equivalence.grade} is already equated with {original.equivalent} on line "
                    f"{where.line}; a grade is equated with one functional grade only.",
                ),
                related=(Related(where, Message("Penyetaraan pertama di sini.", "First equated here.")),),
            )
        grade, equivalent = corpus.grades.get(equivalence.grade), corpus.grades.get(equivalence.equivalent)
        if grade is not None and grade.kind not in STRUCTURAL:
            yield Finding(
                equivalence.origin.at("jenjang"),
                Message(
                    f"Jenjang {grade.code} berjenis {grade.kind.value}; penyetaraan berangkat dari jabatan "
                    "struktural (jpt, administrator, pengawas).",
                    f"The grade {grade.code} is of kind {grade.kind.value}; a penyetaraan starts from a "
                    "structural position (jpt, administrator, pengawas).",
                ),
            )
        if equivalent is not None and equivalent.kind not in FUNCTIONAL:
            yield Finding(
                equivalence.origin.at("setara"),
                Message(
                    f"Jenjang {equivalent.code} berjenis {equivalent.kind.value}; penyetaraan menuju jabatan "
                    "fungsional (fungsional_keahlian, fungsional_keterampilan).",
                    f"The grade {equivalent.code} is of kind {equivalent.kind.value}; a penyetaraan leads to a "
                    "functional position (fungsional_keahlian, fungsional_keterampilan).",
                ),
            )


RULE = Rule(
    code="KMP124",
    title=Message("Penyetaraan jenjang tidak sah", "Invalid grade equivalence"),
    severity=Severity.ERROR,
    scope=Scope.CORPUS,
    explanation=Message(
        "Penyetaraan jabatan menyetarakan jenjang struktural dengan jenjang fungsional (Administrator dengan "
        "Ahli Madya, Pengawas dengan Ahli Muda), dan setiap jenjang disetarakan sekali. Penyetaraan inilah "
        "yang membuat perpindahan antara jabatan struktural dan fungsional dapat digolongkan horizontal, "
        "vertikal, atau diagonal.",
        "Penyetaraan equates a structural grade with a functional one (Administrator with Ahli Madya, "
        "Pengawas with Ahli Muda), and each grade is equated once. It is what lets a move between structural "
        "and functional positions be classified as horizontal, vertical or diagonal.",
    ),
    legal_source=Message(
        "PermenPANRB 17/2021 (penyetaraan jabatan); PP 11/2017 Pasal 189",
        "PermenPANRB 17/2021 (position equivalence); PP 11/2017 Article 189",
    ),
    check=check,
    examples=(
        Example(
            "penyetaraan:\n  - jenjang: AHLI-MUDA  # jenjang fungsional, bukan struktural\n    setara: PENGAWAS\n"
            "    sumber:\n      kode: PERMENPANRB-17-2021\n    keyakinan: terverifikasi",
            "pengembangan/penyetaraan.yaml",
            base="standards",
        ),
        Example(
            "penyetaraan:\n  - jenjang: PENGAWAS\n    setara: AHLI-MUDA\n"
            "    sumber:\n      kode: PERMENPANRB-17-2021\n    keyakinan: terverifikasi",
            "pengembangan/penyetaraan.yaml",
            base="standards",
        ),
    ),
)

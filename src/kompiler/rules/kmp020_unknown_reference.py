"""KMP020: a position refers to a grade, family or competency that no file declares."""

from __future__ import annotations

from collections.abc import Iterator

from kompiler.diagnostics import Message, Severity
from kompiler.model import Position
from kompiler.project import FileKind
from kompiler.rules.base import Context, Example, Finding, Rule, Scope
from kompiler.rules.common import not_declared


def check(position: Position, context: Context) -> Iterator[Finding]:
    corpus = context.corpus
    origin = position.origin
    if position.grade not in corpus.grades and not corpus.declared(position.grade, FileKind.GRADES):
        yield Finding(
            origin.at("jenjang"),
            not_declared("Jenjang", "The grade", position.grade, "jenjang.yaml", corpus.grades),
        )
    if position.family not in corpus.families and not corpus.declared(position.family, FileKind.FAMILIES):
        yield Finding(
            origin.at("rumpun"),
            not_declared("Rumpun", "The job family", position.family, "rumpun/", corpus.families),
        )
    for requirement in position.requirements:
        if requirement.code in corpus.competencies or corpus.declared(requirement.code, FileKind.DICTIONARY):
            continue
        yield Finding(
            origin.at("kompetensi", requirement.type.value, requirement.index, "kode"),
            not_declared("Kompetensi", "The competency", requirement.code, "kamus/", corpus.competencies),
        )


RULE = Rule(
    code="KMP020",
    title=Message("Rujukan yang tidak dikenal", "Unknown reference"),
    severity=Severity.ERROR,
    scope=Scope.POSITION,
    explanation=Message(
        "Setiap jenjang, rumpun, dan kompetensi yang disebut sebuah jabatan harus dideklarasikan di berkasnya "
        "masing-masing (jenjang.yaml, rumpun/, kamus/), agar standar dapat disusun menjadi dokumen yang utuh.",
        "Every grade, family and competency that a position names must be declared in its own file "
        "(jenjang.yaml, rumpun/, kamus/) so that the standard can be assembled into a complete document.",
    ),
    legal_source=Message(
        "PermenPANRB 38/2017, Pasal 4 dan Lampiran",
        "PermenPANRB 38/2017, Article 4 and Appendix",
    ),
    check=check,
    examples=(
        Example(
            "jenjang: AHLI-MUDAA  # tidak ada di jenjang.yaml",
            "jabatan/analis-keuangan.yaml",
        ),
        Example(
            "jenjang: AHLI-MUDA",
            "jabatan/analis-keuangan.yaml",
        ),
    ),
    position_local=True,
)

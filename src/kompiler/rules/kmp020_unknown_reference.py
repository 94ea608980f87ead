"""KMP020: a position refers to a grade, family or competency that no file declares."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Iterator

from kompiler.diagnostics import Message, Severity
from kompiler.model import Position
from kompiler.rules.base import Context, Example, Finding, Rule, Scope
from kompiler.rules.common import did_you_mean


def _unknown(
    kind_id: str, kind_en: str, code: str, where_id: str, where_en: str, known: Iterable[str]
) -> Message:
    """The message for ``code`` that nothing declares, with the closest declared code as a suggestion
    (a typo such as AHLI-MUDAA or T.KEU.1 is the usual cause)."""
    hint_id, hint_en = did_you_mean(difflib.get_close_matches(code, list(known), n=1))
    return Message(
        f"{kind_id} {code!r} tidak dideklarasikan di {where_id}.{hint_id}",
        f"{kind_en} {code!r} is not declared in {where_en}.{hint_en}",
    )


def check(position: Position, context: Context) -> Iterator[Finding]:
    corpus = context.corpus
    origin = position.origin
    if position.grade not in corpus.grades and not corpus.declared(position.grade):
        yield Finding(
            origin.at("jenjang"),
            _unknown("Jenjang", "The grade", position.grade, "jenjang.yaml", "jenjang.yaml", corpus.grades),
        )
    if position.family not in corpus.families and not corpus.declared(position.family):
        yield Finding(
            origin.at("rumpun"),
            _unknown("Rumpun", "The job family", position.family, "rumpun/", "rumpun/", corpus.families),
        )
    for requirement in position.requirements:
        if requirement.code in corpus.competencies or corpus.declared(requirement.code):
            continue
        yield Finding(
            origin.at("kompetensi", requirement.type.value, requirement.index, "kode"),
            _unknown(
                "Kompetensi", "The competency", requirement.code, "kamus/", "kamus/", corpus.competencies
            ),
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
    legal_source="PermenPANRB 38/2017, Pasal 4 dan Lampiran",
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

"""KMP113: a position's name carries its grade's phrase (Ahli Muda, Terampil, …) and no other grade's."""

from __future__ import annotations

from collections.abc import Iterator

from kompiler.diagnostics import Message, Related, Severity
from kompiler.model import Grade, Position
from kompiler.rules.base import Context, Example, Finding, Rule, Scope
from kompiler.rules.common import contains_phrase, normal_text, phrase_in


def check(position: Position, context: Context) -> Iterator[Finding]:
    corpus = context.corpus
    grade = corpus.grade_of(position)
    if grade is None:
        return
    own = grade.name_pattern
    name = normal_text(position.name)
    others: dict[str, Grade] = {}
    for other in corpus.grades.values():
        pattern = other.name_pattern
        if not pattern or not phrase_in(name, pattern):
            continue
        if own and contains_phrase(own, pattern):  # the name says it because its own grade says it
            continue
        others.setdefault(normal_text(pattern), other)
    for other in others.values():
        yield Finding(
            position.origin.at("nama"),
            Message(
                f"Nama jabatan {position.name!r} menyebut {other.name_pattern!r} (jenjang {other.code}), padahal "
                f"jenjangnya {grade.name} ({grade.code}).",
                f"The position name {position.name!r} says {other.name_pattern!r} (grade {other.code}), but its "
                f"grade is {grade.name} ({grade.code}).",
            ),
            related=(
                Related(position.origin.at("jenjang"), Message("Jenjang jabatan.", "The position's grade.")),
            ),
        )
    if own and not others and not phrase_in(name, own):
        yield Finding(
            position.origin.at("nama"),
            Message(
                f"Nama jabatan {position.name!r} tidak memuat {own!r}, pola nama jenjang {grade.code}.",
                f"The position name {position.name!r} does not contain {own!r}, the naming pattern of the grade "
                f"{grade.code}.",
            ),
            related=(
                Related(grade.origin.at("pola_nama"), Message("Pola nama jenjang.", "Grade naming pattern.")),
            ),
        )


RULE = Rule(
    code="KMP113",
    title=Message("Nama jabatan sesuai jenjang", "Position name matches the grade"),
    severity=Severity.ERROR,
    scope=Scope.POSITION,
    explanation=Message(
        "Nama jabatan fungsional memuat jenjangnya (Ahli Pertama, Ahli Muda, Ahli Madya, Ahli Utama; Pemula, "
        "Terampil, Mahir, Penyelia), sebagaimana pola_nama di jenjang.yaml. Nama yang tidak memuat pola "
        "jenjangnya, atau menyebut jenjang lain (nama 'Ahli Madya' untuk jenjang Ahli Muda), adalah galat.",
        "The name of a functional position carries its grade (Ahli Pertama, Ahli Muda, Ahli Madya, Ahli Utama; "
        "Pemula, Terampil, Mahir, Penyelia), as pola_nama in jenjang.yaml says. A name without its grade's "
        "pattern, or naming another grade (an 'Ahli Madya' name for an Ahli Muda grade), is an error.",
    ),
    legal_source=Message(
        "PermenPANRB 1/2023 (jenjang jabatan fungsional)",
        "PermenPANRB 1/2023 (functional position grades)",
    ),
    check=check,
    examples=(
        Example(
            "nama: Analis Keuangan Pusat dan Daerah Ahli Madya\njenjang: AHLI-MUDA",
            "jabatan/analis-keuangan.yaml",
        ),
        Example(
            "nama: Analis Keuangan Pusat dan Daerah Ahli Muda\njenjang: AHLI-MUDA",
            "jabatan/analis-keuangan.yaml",
        ),
    ),
    position_local=True,
)

"""KMP022: a position requires a level the competency does not define, or lists it in the wrong group."""

from __future__ import annotations

from collections.abc import Iterator

from kompiler.diagnostics import Message, Severity
from kompiler.model import Position
from kompiler.rules.base import Context, Example, Finding, Rule, Scope

_GROUP_NAMES = {"manajerial": "manajerial", "sosial_kultural": "sosial kultural", "teknis": "teknis"}


def check(position: Position, context: Context) -> Iterator[Finding]:
    for requirement in position.requirements:
        competency = context.corpus.competency(requirement.code)
        if competency is None:
            continue
        at = ("kompetensi", requirement.type.value, requirement.index)
        if competency.type != requirement.type:
            yield Finding(
                position.origin.at(*at, "kode"),
                Message(
                    f"{requirement.code} adalah kompetensi {_GROUP_NAMES[competency.type.value]}, tetapi "
                    f"ditulis di kelompok {requirement.type.value}.",
                    f"{requirement.code} is a {competency.type.value} competency but is listed under "
                    f"{requirement.type.value}.",
                ),
            )
        if competency.level(requirement.level) is None:
            defined = ", ".join(str(lv.level) for lv in competency.levels)
            yield Finding(
                position.origin.at(*at, "level"),
                Message(
                    f"Kompetensi {requirement.code} ({competency.name}) tidak mendefinisikan level "
                    f"{requirement.level}; level yang ada: {defined}.",
                    f"The competency {requirement.code} ({competency.name}) does not define level "
                    f"{requirement.level}; defined levels: {defined}.",
                ),
            )


RULE = Rule(
    code="KMP022",
    title=Message(
        "Level atau kelompok kompetensi tidak cocok dengan kamus", "Level or group not in the dictionary"
    ),
    severity=Severity.ERROR,
    scope=Scope.POSITION,
    explanation=Message(
        "Level yang dipersyaratkan harus didefinisikan oleh kamus kompetensi (dengan deskripsi dan "
        "indikatornya), dan kompetensi ditulis pada kelompok jenisnya: manajerial, sosial kultural, atau teknis.",
        "A required level must be defined by the competency dictionary (with its description and indicators), "
        "and a competency is listed in the group of its type: managerial, socio-cultural or technical.",
    ),
    legal_source=Message(
        "PermenPANRB 38/2017, Pasal 5 dan Lampiran",
        "PermenPANRB 38/2017, Article 5 and Appendix",
    ),
    check=check,
    examples=(
        Example(
            "kompetensi:\n  teknis:\n    - kode: M.01  # kompetensi manajerial\n      level: 2",
            "jabatan/analis-keuangan.yaml",
        ),
        Example(
            "kompetensi:\n  manajerial:\n    - kode: M.01\n      level: 2",
            "jabatan/analis-keuangan.yaml",
        ),
    ),
    position_local=True,
)

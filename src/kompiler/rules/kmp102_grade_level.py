"""KMP102: the managerial and socio-cultural levels a position requires match its grade's row.

A row of jenjang.yaml carries a confidence mark (``keyakinan``): ``terverifikasi`` when its figure was
checked against the regulation's text, ``belum_terverifikasi`` when it is common practice. A mismatch is an
error either way by default: a CI run must not pass a position below its grade's requirement because
nobody has yet checked the row. The message names the mark, and a project still verifying its table may
make mismatches with unverified rows warnings (option ``belum_terverifikasi``).
"""

from __future__ import annotations

from collections.abc import Iterator

from kompiler.diagnostics import Message, Related, Severity
from kompiler.model import Position
from kompiler.model.entities import CompetencyType
from kompiler.rules.base import Context, Example, Finding, Option, Rule, Scope

_GROUPS = (
    (CompetencyType.MANAGERIAL, "manajerial", "managerial", "level_manajerial"),
    (CompetencyType.SOCIOCULTURAL, "sosial kultural", "socio-cultural", "level_sosial_kultural"),
)


def check(position: Position, context: Context) -> Iterator[Finding]:
    grade = context.corpus.grade_of(position)
    if grade is None:
        return
    expected_by_type = {
        CompetencyType.MANAGERIAL: grade.managerial_level,
        CompetencyType.SOCIOCULTURAL: grade.sociocultural_level,
    }
    status_id = "terverifikasi" if grade.verified else "belum terverifikasi"
    status_en = "verified" if grade.verified else "not yet verified"
    severity = Severity.ERROR if grade.verified else Severity.parse(context.options["belum_terverifikasi"])
    for type_, name_id, name_en, column in _GROUPS:
        expected = expected_by_type[type_]
        for requirement in position.required(type_):
            if requirement.level == expected:
                continue
            competency = context.corpus.competency(requirement.code)
            label = f"{requirement.code} ({competency.name})" if competency else requirement.code
            yield Finding(
                position.origin.at("kompetensi", type_.value, requirement.index, "level"),
                Message(
                    f"Level {label} adalah {requirement.level}, tetapi jenjang {grade.name} ({grade.code}) "
                    f"mempersyaratkan level {name_id} {expected} menurut jenjang.yaml (baris {status_id}).",
                    f"The level of {label} is {requirement.level}, but the grade {grade.name} ({grade.code}) "
                    f"requires {name_en} level {expected} according to jenjang.yaml (a {status_en} row).",
                ),
                severity=severity,
                related=(
                    Related(
                        grade.origin.at(column),
                        Message(
                            f"Level {name_id} jenjang {grade.code}.", f"{name_en} level of {grade.code}."
                        ),
                    ),
                ),
            )


RULE = Rule(
    code="KMP102",
    title=Message(
        "Level manajerial dan sosial kultural sesuai jenjang",
        "Managerial and socio-cultural level match the grade",
    ),
    severity=Severity.ERROR,
    scope=Scope.POSITION,
    explanation=Message(
        "Level kompetensi manajerial dan sosial kultural yang dipersyaratkan ditentukan oleh jenjang jabatan, "
        "sebagaimana tercantum di jenjang.yaml (misalnya Administrator: level 3). Selisih dengan baris jenjang "
        "adalah galat, juga bila baris itu belum dicocokkan dengan teks peraturan (keyakinan: "
        "belum_terverifikasi): level di bawah persyaratan jenjang tidak boleh lolos hanya karena barisnya "
        "belum diperiksa. Pesannya menyebut bila barisnya belum terverifikasi. Proyek yang masih mencocokkan "
        "tabel jenjangnya dapat menjadikan selisih dengan baris belum terverifikasi peringatan (atau info) "
        "dengan opsi belum_terverifikasi: warning; selisih dengan baris terverifikasi tetap galat.",
        "The managerial and socio-cultural levels a position requires follow from its grade, as listed in "
        "jenjang.yaml (for instance Administrator: level 3). A mismatch with the grade's row is an error, also "
        "when the row has not been checked against the regulation's text yet (keyakinan: "
        "belum_terverifikasi): a level below the grade's requirement must not pass because nobody has checked "
        "the row. The message says when the row is not yet verified. A project still verifying its grade "
        "table can make mismatches with unverified rows warnings (or info) with the option "
        "belum_terverifikasi: warning; a mismatch with a verified row stays an error.",
    ),
    legal_source=Message(
        "PermenPANRB 38/2017, Lampiran; tabel jenjang di jenjang.yaml",
        "PermenPANRB 38/2017, Appendix; the grade table in jenjang.yaml",
    ),
    check=check,
    options={"belum_terverifikasi": Option("error", choices=("error", "warning", "info"))},
    examples=(
        Example(
            "jenjang: ADMINISTRATOR\nkompetensi:\n  manajerial:\n    - kode: M.01\n      level: 2  # Administrator: 3",
            "jabatan/ntb-adm-bpkad-anggaran.yaml",
            base="standards",
        ),
        Example(
            "jenjang: ADMINISTRATOR\nkompetensi:\n  manajerial:\n    - kode: M.01\n      level: 3",
            "jabatan/ntb-adm-bpkad-anggaran.yaml",
            base="standards",
        ),
    ),
    position_local=True,
)

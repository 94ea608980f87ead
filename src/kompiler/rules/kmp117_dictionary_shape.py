"""KMP117: the dictionaries have the shape the regulation gives them."""

from __future__ import annotations

from collections.abc import Iterator

from kompiler.diagnostics import Message, Severity
from kompiler.model import Corpus
from kompiler.model.entities import CompetencyType
from kompiler.rules.base import Context, Example, Finding, Option, Rule, Scope
from kompiler.rules.common import COUNTED_GROUPS

_PREFIX = {
    CompetencyType.MANAGERIAL: "M.",
    CompetencyType.SOCIOCULTURAL: "SK.",
    CompetencyType.TECHNICAL: "T.",
}


def check(corpus: Corpus, context: Context) -> Iterator[Finding]:
    for dictionary in corpus.dictionaries:
        technical = dictionary.type is CompetencyType.TECHNICAL
        if technical and dictionary.field is None:
            yield Finding(
                dictionary.origin.at("jenis"),
                Message(
                    "Kamus kompetensi teknis harus menyebut bidang, misalnya bidang: keuangan.",
                    "A technical competency dictionary must name its field, for instance bidang: keuangan.",
                ),
            )
        elif not technical and dictionary.field is not None:
            yield Finding(
                dictionary.origin.at("bidang", key=True),
                Message(
                    f"Kamus {dictionary.type.value} tidak berbidang; hapus bidang: {dictionary.field}.",
                    f"A {dictionary.type.value} dictionary has no field; remove bidang: {dictionary.field}.",
                ),
                severity=Severity.WARNING,
            )
    for competency in corpus.entities.competencies:
        prefix = _PREFIX[competency.type]
        if not competency.code.startswith(prefix):
            yield Finding(
                competency.origin.at("kode"),
                Message(
                    f"Kode {competency.code} ada di kamus {competency.type.value}; kode kompetensi "
                    f"{competency.type.value} diawali {prefix}",
                    f"The code {competency.code} is in a {competency.type.value} dictionary; "
                    f"{competency.type.value} competency codes start with {prefix}",
                ),
            )
    for type_, name_id, name_en, option in COUNTED_GROUPS:
        expected = context.options[option]
        # A competency whose item broke the schema is still one the drafter wrote (its schema error
        # stands): counted, so that one mistake in it is not also "the dictionary holds 7".
        prefix = _PREFIX[type_]
        broken = {code for code in corpus.entities.invalid_codes if code.startswith(prefix)}
        declared = {c.code for c in corpus.competencies_of(type_)} | broken
        dictionaries = [d for d in corpus.dictionaries if d.type is type_]
        if not dictionaries or len(declared) == expected:
            continue
        yield Finding(
            dictionaries[0].origin.document.location(("kompetensi",), key=True),
            Message(
                f"Kamus {name_id} memuat {len(declared)} kompetensi; PermenPANRB 38/2017 menetapkan {expected}.",
                f"The {name_en} dictionary holds {len(declared)} competencies; PermenPANRB 38/2017 sets "
                f"{expected}.",
            ),
        )


RULE = Rule(
    code="KMP117",
    title=Message("Bentuk kamus kompetensi", "Shape of the competency dictionaries"),
    severity=Severity.ERROR,
    scope=Scope.CORPUS,
    explanation=Message(
        "PermenPANRB 38/2017 menetapkan delapan kompetensi manajerial (M.01 sampai M.08) dan satu kompetensi "
        "sosial kultural (SK.01); kompetensi teknis disusun per bidang (T.<BIDANG>.nn). Maka kamus manajerial "
        "dan sosial kultural memuat jumlah itu, kamus teknis menyebut bidangnya, kamus lain tidak, dan kode "
        "setiap kompetensi diawali sesuai jenis kamusnya.",
        "PermenPANRB 38/2017 sets eight managerial competencies (M.01 to M.08) and one socio-cultural "
        "competency (SK.01); technical competencies are written per field (T.<FIELD>.nn). So the managerial "
        "and socio-cultural dictionaries hold that many, a technical dictionary names its field and the others "
        "do not, and every competency code starts as its dictionary's type requires.",
    ),
    legal_source=Message(
        "PermenPANRB 38/2017, Lampiran (Kamus Kompetensi)",
        "PermenPANRB 38/2017, Appendix (Competency Dictionary)",
    ),
    check=check,
    options={
        "jumlah_manajerial": Option(8, minimum=1, maximum=50),
        "jumlah_sosial_kultural": Option(1, minimum=1, maximum=50),
    },
    examples=(
        Example(
            "kamus:\n  jenis: teknis  # bidang tidak ada\n  nama: Kamus Teknis\nkompetensi:\n  - kode: M.09",
            "kamus/teknis-keuangan.yaml",
        ),
        Example(
            "kamus:\n  jenis: teknis\n  bidang: keuangan\n  nama: Kamus Teknis Keuangan\nkompetensi:\n"
            "  - kode: T.KEU.01",
            "kamus/teknis-keuangan.yaml",
        ),
    ),
)

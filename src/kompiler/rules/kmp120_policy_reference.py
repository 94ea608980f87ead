"""KMP120: the development policy names a learning form, competency or grade that no file declares."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from kompiler.diagnostics import Location, Message, Severity
from kompiler.model import Corpus
from kompiler.project import FileKind
from kompiler.rules.base import Context, Example, Finding, Rule, Scope
from kompiler.rules.common import not_declared


def _unknown(
    location: Location, what_id: str, what_en: str, code: str, where: str, known: Iterable[str]
) -> Finding:
    return Finding(location, not_declared(what_id, what_en, code, where, known))


def check(corpus: Corpus, context: Context) -> Iterator[Finding]:
    policy = corpus.development
    for activity in policy.catalogue.values():
        if activity.form not in policy.forms and not corpus.declared(activity.form, FileKind.DEVELOPMENT):
            yield _unknown(
                activity.origin.at("bentuk"),
                "Bentuk pembelajaran",
                "The learning form",
                activity.form,
                "bentuk_pembelajaran",
                policy.forms,
            )
        for index, develops in enumerate(activity.develops):
            code = develops.competency
            if code not in corpus.competencies and not corpus.declared(code, FileKind.DICTIONARY):
                yield _unknown(
                    activity.origin.at("mengembangkan", index, "kompetensi"),
                    "Kompetensi",
                    "The competency",
                    code,
                    "kamus/",
                    corpus.competencies,
                )
    for equivalence in policy.equivalences:
        for key, code in (("jenjang", equivalence.grade), ("setara", equivalence.equivalent)):
            if code not in corpus.grades and not corpus.declared(code, FileKind.GRADES):
                yield _unknown(
                    equivalence.origin.at(key), "Jenjang", "The grade", code, "jenjang.yaml", corpus.grades
                )


RULE = Rule(
    code="KMP120",
    title=Message("Rujukan kebijakan pengembangan tidak dikenal", "Unknown reference in development policy"),
    severity=Severity.ERROR,
    scope=Scope.CORPUS,
    explanation=Message(
        "Setiap kegiatan katalog menyebut bentuk pembelajaran yang dideklarasikan di bagian bentuk_pembelajaran "
        "dan kompetensi yang dideklarasikan di kamus/; setiap penyetaraan menyebut jenjang dari jenjang.yaml. "
        "Rujukan yang tidak dikenal membuat kegiatan tidak dapat masuk ke rencana pengembangan dan perpindahan "
        "tidak dapat digolongkan.",
        "Every catalogue activity names a learning form declared in bentuk_pembelajaran and competencies "
        "declared in kamus/; every penyetaraan names grades from jenjang.yaml. An unknown reference keeps the "
        "activity out of development plans and leaves career moves unclassified.",
    ),
    legal_source=Message(
        "Peraturan LAN 10/2018 (bentuk pengembangan kompetensi); PermenPANRB 17/2021",
        "Peraturan LAN 10/2018 (forms of competency development); PermenPANRB 17/2021",
    ),
    check=check,
    examples=(
        Example(
            "katalog:\n  - kode: KAT.M.01.EL\n    bentuk: elearning  # tidak ada di bentuk_pembelajaran",
            "pengembangan/katalog.yaml",
            base="standards",
        ),
        Example(
            "katalog:\n  - kode: KAT.M.01.EL\n    bentuk: e_learning",
            "pengembangan/katalog.yaml",
            base="standards",
        ),
    ),
)

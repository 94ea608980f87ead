"""KMP121: a catalogue activity teaches a competency to a level its dictionary does not define."""

from __future__ import annotations

from collections.abc import Iterator

from kompiler.diagnostics import Message, Severity
from kompiler.model import Corpus
from kompiler.rules.base import Context, Example, Finding, Placement, Rule, Scope


def check(corpus: Corpus, context: Context) -> Iterator[Finding]:
    for activity in corpus.development.catalogue.values():
        for index, develops in enumerate(activity.develops):
            competency = corpus.competencies.get(develops.competency)
            if competency is None or competency.level(develops.level) is not None:
                continue  # an unknown competency is KMP120's
            defined = ", ".join(str(level.level) for level in competency.levels)
            yield Finding(
                activity.origin.at("mengembangkan", index, "level"),
                Message(
                    f"Kegiatan {activity.code} mengajarkan {competency.code} sampai level {develops.level}, "
                    f"tetapi kamusnya tidak mendefinisikan level itu; level yang ada: {defined}.",
                    f"The activity {activity.code} teaches {competency.code} up to level {develops.level}, "
                    f"but its dictionary does not define that level; defined levels: {defined}.",
                ),
            )


RULE = Rule(
    code="KMP121",
    title=Message("Level kegiatan melebihi kamus", "Activity level beyond the dictionary"),
    severity=Severity.ERROR,
    scope=Scope.CORPUS,
    explanation=Message(
        "Level yang dikembangkan sebuah kegiatan adalah level kamus kompetensi, dengan deskripsi dan indikator "
        "perilakunya; level yang tidak didefinisikan kamus tidak dapat diajarkan maupun dinilai.",
        "The level an activity develops is a level of the competency dictionary, with its description and "
        "behavioural indicators; a level the dictionary does not define can be neither taught nor assessed.",
    ),
    legal_source=Message(
        "PermenPANRB 38/2017, Lampiran (kamus kompetensi level 1–5)",
        "PermenPANRB 38/2017, Appendix (competency dictionary, levels 1–5)",
    ),
    check=check,
    examples=(
        Example(
            "# Kamus ini hanya mendefinisikan level 1 dan 2 untuk T.TI.01, tetapi katalog mengajarkannya\n"
            "# sampai level 3 dan 5.\n"
            "level:\n"
            "  - level: 1\n    deskripsi: Memahami dasar tata kelola SPBE\n"
            '    indikator:\n      - nomor: "1.1"\n        uraian: Menjelaskan arsitektur SPBE\n'
            "  - level: 2\n    deskripsi: Menerapkan tata kelola SPBE di unit kerja\n"
            '    indikator:\n      - nomor: "2.1"\n        uraian: Menyusun dokumen tata kelola SPBE',
            "kamus/teknis-ti.yaml",
            at=("kompetensi", "T.TI.01"),
            placement=Placement.REPLACE,
            base="standards",
        ),
        Example(
            "mengembangkan:\n  - kompetensi: T.TI.01\n    level: 5  # kamus mendefinisikan level 1–5",
            "pengembangan/katalog.yaml",
            at=("katalog", "KAT.T.TI.01.KL"),
            base="standards",
        ),
    ),
)

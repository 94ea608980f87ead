"""KMP101: every position requires all managerial competencies and the socio-cultural one, each once."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from kompiler.diagnostics import Message, Related, Severity
from kompiler.model import Competency, Corpus, Position
from kompiler.model.entities import CompetencyType
from kompiler.rules.base import Context, Example, Finding, Option, Placement, Rule, Scope
from kompiler.rules.common import COUNTED_GROUPS


def _sorted_of(type_: CompetencyType) -> Callable[[Corpus], list[Competency]]:
    return lambda corpus: sorted(corpus.competencies_of(type_), key=lambda c: c.code)


def check(position: Position, context: Context) -> Iterator[Finding]:
    for type_, name_id, name_en, count_option in COUNTED_GROUPS:
        group = type_.value
        first: dict[str, int] = {}
        for requirement in position.required(type_):
            if requirement.code not in first:
                first[requirement.code] = requirement.index
                continue
            earlier = position.origin.at("kompetensi", group, first[requirement.code], "kode")
            yield Finding(
                position.origin.at("kompetensi", group, requirement.index, "kode"),
                Message(
                    f"Kompetensi {requirement.code} dipersyaratkan lebih dari sekali (pertama di baris "
                    f"{earlier.line}); setiap kompetensi {name_id} dipersyaratkan tepat satu kali.",
                    f"The competency {requirement.code} is required more than once (first on line "
                    f"{earlier.line}); each {name_en} competency is required exactly once.",
                ),
                related=(
                    Related(earlier, Message("Pertama dipersyaratkan di sini.", "First required here.")),
                ),
            )
        declared = context.once(f"sorted-competencies-{group}", _sorted_of(type_))
        if declared:
            missing = [c for c in declared if c.code not in first]
            if missing:
                listed = ", ".join(f"{c.code} ({c.name})" for c in missing)
                yield Finding(
                    position.origin.at("kompetensi", group, key=True),
                    Message(
                        f"Jabatan {position.code} belum mempersyaratkan kompetensi {name_id}: {listed}. "
                        f"Setiap jabatan mempersyaratkan semua {len(declared)} kompetensi {name_id} dari kamus.",
                        f"The position {position.code} does not require the {name_en} competencies: {listed}. "
                        f"Every position requires all {len(declared)} {name_en} competencies of the dictionary.",
                    ),
                )
        elif len(first) != context.options[count_option]:
            expected = context.options[count_option]
            yield Finding(
                position.origin.at("kompetensi", group, key=True),
                Message(
                    f"Jabatan {position.code} mempersyaratkan {len(first)} kompetensi {name_id}; "
                    f"seharusnya {expected}.",
                    f"The position {position.code} requires {len(first)} {name_en} competencies; "
                    f"it should require {expected}.",
                ),
            )


RULE = Rule(
    code="KMP101",
    title=Message(
        "Kompetensi manajerial dan sosial kultural lengkap, masing-masing sekali",
        "All managerial and socio-cultural competencies, each exactly once",
    ),
    severity=Severity.ERROR,
    scope=Scope.POSITION,
    explanation=Message(
        "Standar kompetensi setiap jabatan, baik manajerial (struktural) maupun nonmanajerial, memuat "
        "kedelapan kompetensi manajerial dan satu kompetensi sosial kultural dari kamus PermenPANRB 38/2017, "
        "masing-masing tepat satu kali dengan satu level. Kompetensi yang hilang dilaporkan pada kunci "
        "kelompoknya; kompetensi yang ditulis dua kali dilaporkan pada kode yang kedua. Bila proyek tidak "
        "memiliki kamus kelompok itu, jumlahnya dibandingkan dengan opsi jumlah_manajerial dan "
        "jumlah_sosial_kultural.",
        "The standard of every position, managerial (structural) or not, contains all eight managerial "
        "competencies and the one socio-cultural competency of the PermenPANRB 38/2017 dictionary, each "
        "exactly once with one level. Missing competencies are reported at their group's key; a competency "
        "written twice is reported at its second code. When the project has no dictionary for the group, the "
        "count is compared with the options jumlah_manajerial and jumlah_sosial_kultural.",
    ),
    legal_source=Message(
        "PermenPANRB 38/2017, Lampiran (Kamus Kompetensi Manajerial dan Sosial Kultural)",
        "PermenPANRB 38/2017, Appendix (Dictionary of Managerial and Socio-cultural Competencies)",
    ),
    check=check,
    options={
        "jumlah_manajerial": Option(8, minimum=1, maximum=50),
        "jumlah_sosial_kultural": Option(1, minimum=1, maximum=50),
    },
    examples=(
        Example(
            "kompetensi:\n  manajerial:  # M.08 tidak ada, M.01 dua kali\n    - kode: M.01\n      level: 2\n"
            "    - kode: M.01\n      level: 2\n    # ... M.02 sampai M.07\n  sosial_kultural: []",
            "jabatan/analis-keuangan.yaml",
            placement=Placement.REPLACE,
        ),
        Example(
            "kompetensi:\n  manajerial:\n    - kode: M.01\n      level: 2\n    # ... M.02 sampai M.07\n"
            "    - kode: M.08\n      level: 2\n  sosial_kultural:\n    - kode: SK.01\n      level: 2",
            "jabatan/analis-keuangan.yaml",
        ),
    ),
    position_local=True,
)

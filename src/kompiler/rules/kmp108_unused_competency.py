"""KMP108: a competency that no position requires."""

from __future__ import annotations

from collections.abc import Iterator

from kompiler.diagnostics import Message, Severity
from kompiler.model import Corpus
from kompiler.rules.base import Context, Example, Finding, Rule, Scope


def check(corpus: Corpus, context: Context) -> Iterator[Finding]:
    if not corpus.positions:
        return
    used = {r.code for p in corpus.positions.values() for r in p.requirements}
    for code, competency in corpus.competencies.items():
        if code in used:
            continue
        yield Finding(
            competency.origin.at("kode"),
            Message(
                f"Kompetensi {code} ({competency.name}) tidak dipersyaratkan oleh jabatan mana pun.",
                f"The competency {code} ({competency.name}) is not required by any position.",
            ),
        )


RULE = Rule(
    code="KMP108",
    title=Message("Kompetensi yang tidak dipakai", "Unused competency"),
    severity=Severity.INFO,
    scope=Scope.CORPUS,
    explanation=Message(
        "Kompetensi dalam kamus yang tidak dipersyaratkan oleh jabatan mana pun mungkin belum dipetakan ke "
        "jabatannya, atau kodenya salah ketik di berkas jabatan. Tidak dilaporkan bila proyek belum memiliki "
        "jabatan.",
        "A dictionary competency that no position requires may not have been mapped to its positions yet, or "
        "its code is mistyped in a position file. Not reported while the project has no positions.",
    ),
    legal_source=Message(
        "PermenPANRB 38/2017, Lampiran (Kamus Kompetensi)",
        "PermenPANRB 38/2017, Appendix (Competency Dictionary)",
    ),
    check=check,
    examples=(
        Example(
            "# kamus/teknis-keuangan.yaml\nkompetensi:\n  - kode: T.KEU.09  # tidak dipakai jabatan mana pun",
            "kamus/teknis-keuangan.yaml",
        ),
        Example(
            "# kamus/teknis-keuangan.yaml\nkompetensi:\n  - kode: T.KEU.09\n"
            "# jabatan/analis-keuangan.yaml\nkompetensi:\n  teknis:\n    - kode: T.KEU.09\n      level: 2",
            "kamus/teknis-keuangan.yaml",
        ),
    ),
)

"""KMP107: a job family that no position belongs to, directly or through a sub-family."""

from __future__ import annotations

from collections.abc import Iterator

from kompiler.diagnostics import Message, Severity
from kompiler.model import Corpus
from kompiler.rules.base import Context, Example, Finding, Rule, Scope


def check(corpus: Corpus, context: Context) -> Iterator[Finding]:
    if not corpus.positions:
        return
    used: set[str] = set()
    for family in {p.family for p in corpus.positions.values()}:
        used.add(family)
        used.update(corpus.family_ancestors(family))
    for code, family in corpus.families.items():
        if code in used:
            continue
        yield Finding(
            family.origin.at("kode"),
            Message(
                f"Rumpun {code} ({family.name}) tidak memiliki jabatan, langsung maupun melalui sub-rumpunnya.",
                f"The family {code} ({family.name}) has no position, directly or through its sub-families.",
            ),
        )


RULE = Rule(
    code="KMP107",
    title=Message("Rumpun tanpa jabatan", "Family without positions"),
    severity=Severity.INFO,
    scope=Scope.CORPUS,
    explanation=Message(
        "Setiap jabatan termasuk tepat satu rumpun (kunci rumpun). Rumpun yang tidak memiliki satu jabatan "
        "pun, langsung maupun melalui sub-rumpun, mungkin sisa penyusunan atau salah ketik kode rumpun pada "
        "jabatan. Tidak dilaporkan bila proyek belum memiliki jabatan.",
        "Every position belongs to exactly one family (its rumpun key). A family with no position at all, "
        "directly or through a sub-family, may be left over or a sign of a mistyped family code on a position. "
        "Not reported while the project has no positions.",
    ),
    legal_source=Message(
        "Keppres 87/1999 jo. Perpres 97/2012 (rumpun jabatan)",
        "Keppres 87/1999 as amended by Perpres 97/2012 (job families)",
    ),
    check=check,
    examples=(
        Example(
            "# rumpun/rumpun.yaml\nrumpun:\n  - kode: RJ-HKM  # tidak ada jabatan dengan rumpun: RJ-HKM\n    nama: Hukum",
            "rumpun/rumpun.yaml",
        ),
        Example(
            "# rumpun/rumpun.yaml\nrumpun:\n  - kode: RJ-HKM\n    nama: Hukum\n"
            "# jabatan/analis-hukum.yaml\nkode: NTB.JF.HKM.MUDA\nnama: Analis Hukum Ahli Muda\nrumpun: RJ-HKM",
            "jabatan/analis-keuangan.yaml",
        ),
    ),
)

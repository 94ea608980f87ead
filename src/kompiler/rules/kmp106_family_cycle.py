"""KMP106: the job-family hierarchy has no cycle."""

from __future__ import annotations

from collections.abc import Iterator

from kompiler.diagnostics import Message, Severity
from kompiler.model import Family
from kompiler.rules.base import Context, Example, Finding, Rule, Scope


def _cycle(family: Family, context: Context) -> list[str] | None:
    """The codes of the cycle that starts at ``family``, or ``None`` when its parents reach a root."""
    families = context.corpus.families
    chain = [family.code]
    current = family
    while current.parent:
        if current.parent == family.code:
            return chain
        if current.parent in chain or current.parent not in families:
            return None
        chain.append(current.parent)
        current = families[current.parent]
    return None


def check(family: Family, context: Context) -> Iterator[Finding]:
    if context.corpus.families.get(family.code) is not family:
        return
    cycle = _cycle(family, context)
    if cycle is None or family.code != min(cycle):
        return
    path = " → ".join([*cycle, family.code])
    yield Finding(
        family.origin.at("induk"),
        Message(
            f"Hierarki rumpun membentuk siklus: {path}. Setiap rumpun harus berujung pada rumpun tanpa induk.",
            f"The family hierarchy has a cycle: {path}. Every family must lead up to a family without a parent.",
        ),
    )


RULE = Rule(
    code="KMP106",
    title=Message("Hierarki rumpun tanpa siklus", "Family hierarchy without cycles"),
    severity=Severity.ERROR,
    scope=Scope.FAMILY,
    explanation=Message(
        "Rumpun jabatan boleh bertingkat melalui induk, tetapi rantai induk harus berakhir pada rumpun puncak. "
        "Siklus (A induknya B, B induknya A) membuat pengelompokan jabatan tidak dapat disusun. Siklus "
        "dilaporkan sekali, pada rumpun dengan kode terkecil di dalamnya.",
        "Job families may nest through their parent, but the chain of parents must end at a top family. A "
        "cycle (A's parent is B, B's parent is A) makes the grouping of positions impossible to build. A cycle "
        "is reported once, at the family with the smallest code in it.",
    ),
    legal_source=Message(
        "Keppres 87/1999 jo. Perpres 97/2012 (rumpun jabatan)",
        "Keppres 87/1999 as amended by Perpres 97/2012 (job families)",
    ),
    check=check,
    examples=(
        Example(
            "rumpun:\n  - kode: RJ-ADM\n    nama: Administrasi\n    induk: RJ-KEU\n"
            "  - kode: RJ-KEU\n    nama: Keuangan\n    induk: RJ-ADM",
            "rumpun/rumpun.yaml",
        ),
        Example(
            "rumpun:\n  - kode: RJ-ADM\n    nama: Administrasi\n  - kode: RJ-KEU\n    nama: Keuangan\n    induk: RJ-ADM",
            "rumpun/rumpun.yaml",
        ),
    ),
)

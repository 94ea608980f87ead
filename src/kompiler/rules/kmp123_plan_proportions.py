"""KMP123: the 10:20:70 proportions do not add up to 100, or a learning form sits in a bucket the plan
gives no proportion."""

from __future__ import annotations

import math
from collections.abc import Iterator

from kompiler.diagnostics import Message, Severity
from kompiler.model import Corpus
from kompiler.rules.base import Context, Example, Finding, Rule, Scope


def check(corpus: Corpus, context: Context) -> Iterator[Finding]:
    plan = corpus.development.plan
    if plan is None:
        return
    total = sum(plan.shares.values())
    if not math.isclose(total, 100, abs_tol=1e-9):
        listing = " + ".join(f"{share:g}" for share in plan.shares.values())
        yield Finding(
            plan.origin.at("proporsi", "kelompok"),
            Message(
                f"Proporsi kelompok berjumlah {total:g} ({listing}), bukan 100.",
                f"The proportions add up to {total:g} ({listing}), not 100.",
            ),
        )
    buckets = ", ".join(str(bucket) for bucket in sorted(plan.shares))
    for form in corpus.development.forms.values():
        if form.bucket in plan.shares:
            continue
        yield Finding(
            form.origin.at("kelompok"),
            Message(
                f"Bentuk {form.code!r} berada di kelompok {form.bucket}, tetapi rencana.proporsi tidak memberi "
                f"kelompok itu bagian (hanya {buckets}); JP-nya tidak dapat dihitung dalam rencana.",
                f"The form {form.code!r} is in bucket {form.bucket}, but rencana.proporsi gives that bucket no "
                f"share (only {buckets}); its JP cannot count in a plan.",
            ),
        )


RULE = Rule(
    code="KMP123",
    title=Message("Proporsi 10:20:70 tidak utuh", "10:20:70 proportions incomplete"),
    severity=Severity.ERROR,
    scope=Scope.CORPUS,
    explanation=Message(
        "Rencana Pengembangan Kompetensi membagi JP atas kelompok 10 (pembelajaran terstruktur), 20 (belajar "
        "dari orang lain), dan 70 (belajar dari pengalaman kerja). Bagian-bagiannya berjumlah 100 persen, dan "
        "setiap bentuk pembelajaran berada di kelompok yang memperoleh bagian, agar JP-nya terhitung.",
        "A development plan divides its JP over bucket 10 (structured learning), 20 (learning from others) and "
        "70 (learning from work). The shares add up to 100 per cent, and every learning form sits in a bucket "
        "that has a share, so that its JP counts.",
    ),
    legal_source=Message(
        "PP 11/2017 jo. PP 17/2020, Pasal 203; Peraturan LAN 10/2018 (model 10:20:70 menurut praktik)",
        "PP 11/2017 as amended by PP 17/2020, Article 203; Peraturan LAN 10/2018 (the 10:20:70 model as practised)",
    ),
    check=check,
    examples=(
        Example(
            'kelompok:\n  "10": 10\n  "20": 20\n  "70": 60  # berjumlah 90',
            "pengembangan/rencana.yaml",
            at=("rencana", "proporsi"),
            base="standards",
        ),
        Example(
            'kelompok:\n  "10": 10\n  "20": 20\n  "70": 70',
            "pengembangan/rencana.yaml",
            at=("rencana", "proporsi"),
            base="standards",
        ),
    ),
)

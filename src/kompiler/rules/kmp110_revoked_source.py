"""KMP110: a standard cites a legal source that has been revoked."""

from __future__ import annotations

from collections.abc import Iterator

from kompiler.diagnostics import Message, Related, Severity
from kompiler.model import Corpus
from kompiler.rules.base import Context, Example, Finding, Rule, Scope
from kompiler.rules.common import citations


def check(corpus: Corpus, context: Context) -> Iterator[Finding]:
    for cited in citations(corpus):
        source = corpus.sources.get(cited.citation.code)
        if source is None or not source.revoked:
            continue
        by_id = f" oleh {source.revoked_by}" if source.revoked_by else ""
        by_en = f" by {source.revoked_by}" if source.revoked_by else ""
        yield Finding(
            cited.origin.at(*cited.pointer, "kode"),
            Message(
                f"{cited.what_id} merujuk {source.code} ({source.kind} {source.number}/{source.year}), yang telah "
                f"dicabut{by_id}; rujuk peraturan yang berlaku.",
                f"{cited.what_en} cites {source.code} ({source.kind} {source.number}/{source.year}), which was "
                f"revoked{by_en}; cite the regulation in force.",
            ),
            related=(Related(source.origin.at("status"), Message("Status dicabut.", "Revoked status.")),),
        )


RULE = Rule(
    code="KMP110",
    title=Message("Merujuk sumber yang telah dicabut", "Cites a revoked source"),
    severity=Severity.WARNING,
    scope=Scope.CORPUS,
    explanation=Message(
        "Dasar hukum standar harus peraturan yang masih berlaku. Sumber dengan status: dicabut di sumber.yaml "
        "(misalnya UU 5/2014, dicabut oleh UU 20/2023) tidak lagi dapat menjadi dasar; rujuk penggantinya.",
        "The legal basis of a standard must be a regulation in force. A source with status: dicabut in "
        "sumber.yaml (for instance UU 5/2014, revoked by UU 20/2023) can no longer be the basis; cite its "
        "replacement.",
    ),
    legal_source=Message(
        "Status sumber di sumber.yaml (misalnya UU 20/2023 yang mencabut UU 5/2014)",
        "A source's status in sumber.yaml (for instance UU 20/2023, which revoked UU 5/2014)",
    ),
    check=check,
    examples=(
        Example(
            "sumber:\n  kode: UU-5-2014  # dicabut oleh UU-20-2023",
            "jabatan/analis-keuangan.yaml",
        ),
        Example(
            "sumber:\n  kode: UU-20-2023",
            "jabatan/analis-keuangan.yaml",
        ),
    ),
)

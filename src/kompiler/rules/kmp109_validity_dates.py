"""KMP109: a standard's validity starts before it ends."""

from __future__ import annotations

from collections.abc import Iterator

from kompiler.diagnostics import Message, Related, Severity
from kompiler.model import Corpus
from kompiler.model.entities import Origin
from kompiler.rules.base import Context, Example, Finding, Rule, Scope


def check(corpus: Corpus, context: Context) -> Iterator[Finding]:
    for p in corpus.entities.positions:
        if _ends_too_early(p.valid_from, p.valid_until):
            yield _finding(f"jabatan {p.code}", f"position {p.code}", p.valid_from, p.valid_until, p.origin)
    for d in corpus.entities.dictionaries:
        if _ends_too_early(d.valid_from, d.valid_until):
            yield _finding(
                f"kamus {d.name!r}", f"dictionary {d.name!r}", d.valid_from, d.valid_until, d.origin
            )


def _ends_too_early(start: str | None, end: str | None) -> bool:
    return start is not None and end is not None and not start < end


def _finding(what_id: str, what_en: str, start: str | None, end: str | None, origin: Origin) -> Finding:
    """Labels are built only here: most of 50,000 positions are dated correctly."""
    return Finding(
        origin.at("berlaku_sampai"),
        Message(
            f"Masa berlaku {what_id} berakhir ({end}) tidak setelah mulai berlaku ({start}); "
            "berlaku_mulai harus sebelum berlaku_sampai.",
            f"The validity of the {what_en} ends ({end}) no later than it starts ({start}); "
            "berlaku_mulai must come before berlaku_sampai.",
        ),
        related=(Related(origin.at("berlaku_mulai"), Message("Mulai berlaku.", "Valid from.")),),
    )


RULE = Rule(
    code="KMP109",
    title=Message("Masa berlaku yang mustahil", "Impossible validity period"),
    severity=Severity.ERROR,
    scope=Scope.CORPUS,
    explanation=Message(
        "Standar jabatan dan kamus dapat menyebut masa berlaku. Tanggal berlaku_sampai harus sesudah "
        "berlaku_mulai; masa berlaku yang berakhir sebelum atau pada hari mulainya tidak pernah berlaku.",
        "Position standards and dictionaries may state when they are valid. berlaku_sampai must come after "
        "berlaku_mulai; a period that ends before or on the day it starts is never in force.",
    ),
    legal_source=Message(
        "UU 12/2011 (tanggal berlaku peraturan perundang-undangan)",
        "UU 12/2011 (when legislation comes into force)",
    ),
    check=check,
    examples=(
        Example(
            'berlaku_mulai: "2026-04-01"\nberlaku_sampai: "2025-12-31"',
            "jabatan/analis-keuangan.yaml",
        ),
        Example(
            'berlaku_mulai: "2026-04-01"\nberlaku_sampai: "2030-12-31"',
            "jabatan/analis-keuangan.yaml",
        ),
    ),
)

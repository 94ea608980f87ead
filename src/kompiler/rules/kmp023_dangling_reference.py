"""KMP023: a family parent, a revoking source or a merge decision names a code that does not exist."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Iterator

from kompiler.diagnostics import Message, Severity
from kompiler.model import Corpus
from kompiler.rules.base import Context, Example, Finding, Rule, Scope
from kompiler.rules.common import did_you_mean


def _hint(code: str, known: Iterable[str]) -> tuple[str, str]:
    return did_you_mean(difflib.get_close_matches(code, list(known), n=1))


def check(corpus: Corpus, context: Context) -> Iterator[Finding]:
    for family in corpus.entities.families:
        if family.parent and family.parent not in corpus.families and not corpus.declared(family.parent):
            hint_id, hint_en = _hint(family.parent, corpus.families)
            yield Finding(
                family.origin.at("induk"),
                Message(
                    f"Rumpun induk {family.parent!r} tidak dideklarasikan di rumpun/.{hint_id}",
                    f"The parent family {family.parent!r} is not declared in rumpun/.{hint_en}",
                ),
            )
    for source in corpus.entities.sources:
        if source.revoked_by and source.revoked_by not in corpus.sources:
            hint_id, hint_en = _hint(source.revoked_by, corpus.sources)
            yield Finding(
                source.origin.at("dicabut_oleh"),
                Message(
                    f"Sumber pencabut {source.revoked_by!r} tidak dideklarasikan di sumber.yaml.{hint_id}",
                    f"The revoking source {source.revoked_by!r} is not declared in sumber.yaml.{hint_en}",
                ),
            )
    for decision in corpus.decisions:
        for code in sorted(decision.members):
            if code not in corpus.positions and not corpus.declared(code):
                hint_id, hint_en = _hint(code, corpus.positions)
                yield Finding(
                    decision.origin.at("anggota"),
                    Message(
                        f"Keputusan gabung menyebut jabatan {code!r} yang tidak ada.{hint_id}",
                        f"The merge decision names the position {code!r}, which does not exist.{hint_en}",
                    ),
                )


RULE = Rule(
    code="KMP023",
    title=Message("Rujukan antarberkas yang menggantung", "Dangling cross-file reference"),
    severity=Severity.ERROR,
    scope=Scope.CORPUS,
    explanation=Message(
        "Rumpun induk, peraturan pencabut, dan anggota keputusan penggabungan harus merujuk ke kode yang ada, "
        "agar hierarki rumpun, status dasar hukum, dan riwayat penggabungan tetap dapat ditelusuri.",
        "Parent families, revoking regulations and members of merge decisions must refer to existing codes, "
        "so that the family hierarchy, the legal status and the merge history stay traceable.",
    ),
    legal_source="PermenPANRB 38/2017, Pasal 4",
    check=check,
    examples=(
        Example(
            "rumpun:\n  - kode: RJ-KEU\n    induk: RJ-ADMM",
            "rumpun/rumpun.yaml",
        ),
        Example(
            "rumpun:\n  - kode: RJ-KEU\n    induk: RJ-ADM",
            "rumpun/rumpun.yaml",
        ),
    ),
)

"""KMP023: a family parent, a revoking source or a merge decision names a code that does not exist."""

from __future__ import annotations

from collections.abc import Iterator

from kompiler.diagnostics import Message, Severity
from kompiler.model import Corpus
from kompiler.project import FileKind
from kompiler.rules.base import Context, Example, Finding, Rule, Scope
from kompiler.rules.common import closest_hint, not_declared


def check(corpus: Corpus, context: Context) -> Iterator[Finding]:
    for family in corpus.entities.families:
        if (
            family.parent
            and family.parent not in corpus.families
            and not corpus.declared(family.parent, FileKind.FAMILIES)
        ):
            yield Finding(
                family.origin.at("induk"),
                not_declared("Rumpun induk", "The parent family", family.parent, "rumpun/", corpus.families),
            )
    for source in corpus.entities.sources:
        if source.revoked_by and source.revoked_by not in corpus.sources:
            yield Finding(
                source.origin.at("dicabut_oleh"),
                not_declared(
                    "Sumber pencabut", "The revoking source", source.revoked_by, "sumber.yaml", corpus.sources
                ),
            )
    for decision in corpus.decisions:
        for code in sorted(decision.members):
            if code not in corpus.positions and not corpus.declared(code, FileKind.POSITION):
                hint_id, hint_en = closest_hint(code, corpus.positions)
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
    legal_source=Message(
        "PermenPANRB 38/2017, Pasal 4",
        "PermenPANRB 38/2017, Article 4",
    ),
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

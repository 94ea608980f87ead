"""KMP118: two merge decisions contradict each other.

A rejection (``keputusan: tolak``) means that no merge may put all of its members together; an acceptance
(``terima``) puts all of its members into one position. So a rejection contradicts every acceptance whose
members include all of its own: the same members decided twice both ways, or the pair A, B rejected while
a group holding A, B and C is accepted. The merge stage would silently obey the rejection and never show
the accepted group; the reviewers must say which decision stands.
"""

from __future__ import annotations

from collections.abc import Iterator

from kompiler.diagnostics import Message, Related, Severity
from kompiler.model import Corpus
from kompiler.model.entities import Decision
from kompiler.rules.base import Context, Example, Finding, Rule, Scope


def _contradictions(decisions: list[Decision]) -> Iterator[tuple[int, int]]:
    """Pairs (index of a rejection, index of an acceptance holding all its members), in file order.

    Acceptances are indexed by member, so a rejection is compared only with those that hold its first
    member, never with every decision.
    """
    accepted_with: dict[str, list[int]] = {}
    for index, decision in enumerate(decisions):
        if decision.verdict == "terima":
            for code in decision.members:
                accepted_with.setdefault(code, []).append(index)
    for index, decision in enumerate(decisions):
        if decision.verdict != "tolak" or not decision.members:
            continue
        for other in accepted_with.get(min(decision.members), ()):
            if decision.members <= decisions[other].members:
                yield index, other


def _listed(decision: Decision) -> str:
    return ", ".join(sorted(decision.members))


def check(corpus: Corpus, context: Context) -> Iterator[Finding]:
    decisions = list(corpus.decisions)
    for rejected_at, accepted_at in _contradictions(decisions):
        rejected, accepted = decisions[rejected_at], decisions[accepted_at]
        later, earlier = (rejected, accepted) if rejected_at > accepted_at else (accepted, rejected)
        where = earlier.origin.at("keputusan")  # the same file: a project has one keputusan-gabung.yaml
        if later is rejected:
            message = Message(
                f"Keputusan ini menolak penggabungan {_listed(rejected)}, tetapi keputusan di "
                f"baris {where.line} menerima penggabungan {_listed(accepted)}, yang juga menyatukan "
                "mereka. Tetapkan satu keputusan: hapus atau ubah salah satunya.",
                f"This decision rejects merging {_listed(rejected)}, but the decision on line {where.line} "
                f"accepts merging {_listed(accepted)}, which puts them together too. Settle on "
                "one decision: remove or change one of them.",
            )
        else:
            message = Message(
                f"Keputusan ini menerima penggabungan {_listed(accepted)}, yang menyatukan "
                f"{_listed(rejected)}, tetapi keputusan di baris {where.line} menolak penggabungan "
                "mereka. Tetapkan satu keputusan: hapus atau ubah salah satunya.",
                f"This decision accepts merging {_listed(accepted)}, which puts {_listed(rejected)} "
                f"together, but the decision on line {where.line} rejects merging them. Settle on "
                "one decision: remove or change one of them.",
            )
        yield Finding(
            later.origin.at("keputusan"),
            message,
            related=(Related(where, Message("Keputusan yang bertentangan.", "The contradicting decision.")),),
        )


RULE = Rule(
    code="KMP118",
    title=Message("Keputusan gabung yang bertentangan", "Contradictory merge decisions"),
    severity=Severity.ERROR,
    scope=Scope.CORPUS,
    explanation=Message(
        "Penolakan (keputusan: tolak) berarti tidak ada penggabungan yang menyatukan semua anggotanya; "
        "penerimaan (terima) menyatukan semua anggotanya dalam satu jabatan. Maka penolakan bertentangan dengan "
        "setiap penerimaan yang anggotanya memuat semua anggota penolakan itu: anggota yang sama diputuskan dua "
        "kali dengan keputusan berbeda, atau pasangan A, B ditolak sementara kelompok A, B, C diterima. "
        "Laporan ditempatkan pada keputusan yang ditulis kemudian dan menunjuk keputusan yang lain.",
        "A rejection (keputusan: tolak) means that no merge puts all of its members together; an acceptance "
        "(terima) puts all of its members into one position. So a rejection contradicts every acceptance whose "
        "members include all of the rejection's: the same members decided twice both ways, or the pair A, B "
        "rejected while the group A, B, C is accepted. The report sits on the decision written later and "
        "points at the other one.",
    ),
    legal_source=Message(
        "Keputusan peninjau di keputusan-gabung.yaml (satu keputusan untuk setiap usulan gabung)",
        "Reviewers' decisions in keputusan-gabung.yaml (one decision for each merge proposal)",
    ),
    check=check,
    examples=(
        Example(
            "keputusan:\n  - anggota: [NTB.JF.HUMAS.PERTAMA.ADPIM, NTB.JF.HUMAS.PERTAMA.DIKES,\n"
            "      NTB.JF.HUMAS.PERTAMA.KOMINFO]\n    keputusan: terima\n    alasan: ...\n"
            '    tanggal: "2026-03-01"\n  - anggota: [NTB.JF.HUMAS.PERTAMA.ADPIM, NTB.JF.HUMAS.PERTAMA.DIKES]\n'
            '    keputusan: tolak\n    alasan: ...\n    tanggal: "2026-03-02"',
            "keputusan-gabung.yaml",
            base="standards",
        ),
        Example(
            "keputusan:\n  - anggota: [NTB.JF.HUMAS.PERTAMA.ADPIM, NTB.JF.HUMAS.PERTAMA.DIKES,\n"
            "      NTB.JF.HUMAS.PERTAMA.KOMINFO]\n    keputusan: terima\n    alasan: ...\n"
            '    tanggal: "2026-03-01"\n  - anggota: [NTB.JF.ARSIPARIS.MUDA, NTB.JF.ARSIPARIS.MADYA]\n'
            '    keputusan: tolak\n    alasan: ...\n    tanggal: "2026-03-02"',
            "keputusan-gabung.yaml",
            base="standards",
        ),
    ),
)

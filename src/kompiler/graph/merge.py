"""The merge stage: similarities → groups → proposals, respecting the reviewers' decisions.

A rejected merge (``keputusan: tolak`` in ``keputusan-gabung.yaml``) is never proposed again: no group
may contain all of its members. An accepted one is still shown, marked ``diterima``, so the report stays
a complete picture of the consolidation.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from itertools import combinations
from typing import Any

import numpy as np

from kompiler.graph.cluster import communities, merge_groups
from kompiler.graph.crowding import merge_scores
from kompiler.graph.proposals import Cohesion, Proposal, build_proposal, generic_codes
from kompiler.graph.similarity import COMPONENTS, Similarities, similarities
from kompiler.merge_settings import MergeSettings
from kompiler.model import Corpus

FORMAT_VERSION = 1


@dataclass
class MergeResult:
    settings: MergeSettings
    similarities: Similarities
    communities: np.ndarray
    proposals: list[Proposal]
    threshold: float  # the merge threshold in force: the settings' for this corpus's evidence

    @property
    def levelless(self) -> bool:
        """Whether the levelless threshold was used instead of ``ambang_gabung``'s default."""
        return self.threshold != self.settings.threshold


def run_merge(corpus: Corpus, settings: MergeSettings | None = None) -> MergeResult:
    settings = settings or MergeSettings.from_data(corpus.project.get("gabung"))
    sims = similarities(corpus, settings)
    index = {code: i for i, code in enumerate(sims.codes)}
    rejected = [
        frozenset(index[c] for c in d.members)
        for d in corpus.decisions
        if d.verdict == "tolak" and all(c in index for c in d.members)
    ]
    accepted = {d.members: d for d in corpus.decisions if d.verdict == "terima"}
    labels = communities(sims, settings.family_resolution)
    pair_index = _pair_index(sims)
    generic = generic_codes(corpus)
    scores = merge_scores(sims, settings.crowding_neighbours, settings.crowding_strength)
    threshold = settings.threshold_for(sims.features.levelled)
    proposals = []
    for group in merge_groups(sims, threshold, settings.max_group_size, rejected, scores):
        members = tuple(sims.features.positions[i] for i in group.members)
        pairs = list(combinations(group.members, 2))
        where = [pair_index(a, b) for a, b in pairs]
        community_votes = np.bincount(labels[list(group.members)]) if len(labels) else np.zeros(0)
        proposal = build_proposal(
            corpus,
            members,
            Cohesion.of(sims.score[where].tolist()),
            Cohesion(group.minimum, group.mean),
            [
                {
                    "anggota": [sims.codes[a], sims.codes[b]],
                    "skor": round(float(sims.score[k]), 4),
                    "skor_gabung": round(float(scores[k]), 4),
                    "komponen": {c: round(float(sims.components[c][k]), 4) for c in sims.components},
                }
                for (a, b), k in zip(pairs, where, strict=True)
            ],
            int(community_votes.argmax()) if len(community_votes) else None,
            generic,
        )
        decision = accepted.get(frozenset(proposal.member_codes))
        if decision is not None:
            proposal.status = "diterima"
            proposal.decision = {
                "alasan": decision.reason,
                "tanggal": decision.date,
                "peninjau": decision.reviewer,
            }
        proposals.append(proposal)
    proposals.sort(key=lambda p: (-p.similarity.mean, p.member_codes))
    return MergeResult(settings, sims, labels, proposals, threshold)


def _pair_index(sims: Similarities) -> Callable[[int, int], int]:
    """Where the pair ``(a, b)`` is in the similarity arrays, found by binary search.

    A dictionary of every pair would hold a million Python tuples at national scale, for the few
    thousand pairs inside merge groups that are ever looked up.
    """
    n = len(sims.codes)
    keys = sims.left.astype(np.int64) * n + sims.right.astype(np.int64)  # ascending: pairs are in order

    def find(a: int, b: int) -> int:
        key = a * n + b
        place = int(np.searchsorted(keys, key))
        if place == len(keys) or int(keys[place]) != key:
            raise KeyError((a, b))
        return place

    return find


def proposal_dict(proposal: Proposal) -> dict[str, Any]:
    """One proposal as documented in ``docs/merge-json.md``."""

    def competency(c) -> dict[str, Any]:
        return {
            "kode": c.code,
            "nama": c.name,
            "level_tertinggi": c.highest,
            "level": dict(sorted(c.levels.items())),
            "kepentingan": dict(sorted(c.importance.items())),
        }

    return {
        "kode": proposal.code,
        "status": proposal.status,
        "keputusan": proposal.decision,
        "anggota": [
            {"kode": p.code, "nama": p.name, "jenis": p.kind.value, "jenjang": p.grade, "rumpun": p.family}
            for p in proposal.members
        ],
        "skor": proposal.similarity.as_dict(),
        "skor_gabung": proposal.merge.as_dict(),
        "pasangan": proposal.pairs,
        "bukti": {
            "kompetensi_inti": [competency(c) for c in proposal.core],
            "kompetensi_berbeda": [competency(c) for c in proposal.optional],
            "tugas_bersama": proposal.common_tasks,
            "kata_tugas_bersama": proposal.common_task_words,
        },
        "usulan": {
            "nama": proposal.suggested_name,
            "rumpun": proposal.suggested_family,
            "komunitas": proposal.community,
        },
        "rancangan_yaml": proposal.draft_yaml(),
    }


def result_dict(result: MergeResult) -> dict[str, Any]:
    settings = result.settings
    return {
        "format": FORMAT_VERSION,
        "pengaturan": {
            "bobot": {c: settings.weights.get(c, 0.0) for c in COMPONENTS},
            "ambang_gabung": result.threshold,
            "persyaratan_berlevel": result.similarities.features.levelled,
            "ambang_kemiripan": settings.edge_threshold,
            "ukuran_kelompok_maksimal": settings.max_group_size,
            "tetangga_kepadatan": settings.crowding_neighbours,
            "koreksi_kepadatan": settings.crowding_strength,
            "selisih_jenjang_maksimal": settings.max_grade_gap,
            "pelaksana_lintas_klasifikasi": settings.pelaksana_across_classifications,
        },
        "jumlah_jabatan": len(result.similarities.codes),
        "jumlah_pasangan_mirip": len(result.similarities.score),
        "usulan": [proposal_dict(p) for p in result.proposals],
    }

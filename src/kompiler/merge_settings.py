"""The ``gabung`` section of ``kompiler.yaml``: weights and thresholds of the merge stage, with defaults.

The defaults are chosen once, for any corpus: weights say how much each kind of evidence counts, the
thresholds what "close enough to merge" means. Nothing here is adjusted to a particular data set. The
schema ``proyek.schema.json`` documents every key in Indonesian, rejects unknown ones and bounds every
value (a weight from 0 to 1000, a threshold from 0 to 1, …); what a schema cannot say about the section
as a whole, :func:`problems` says, and ``kompiler check`` reports it before any merge runs.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from kompiler.diagnostics import Message

DEFAULT_WEIGHTS = {"kompetensi": 0.5, "tugas": 0.2, "nama": 0.35, "konteks": 0.05}


def _weights(data: Mapping[str, Any]) -> dict[str, float]:
    """The weights in force: the defaults, with those the section sets."""
    return DEFAULT_WEIGHTS | dict(data.get("bobot") or {})


def problems(data: Mapping[str, Any] | None) -> list[tuple[tuple[str, ...], Message]]:
    """Why the section (already valid under the schema) cannot be used, as (pointer, message) pairs.

    Weights that are all zero leave no evidence to score with: every similarity would be 0/0.
    """
    if not data or any(weight > 0 for weight in _weights(data).values()):
        return []
    listing = ", ".join(DEFAULT_WEIGHTS)
    return [
        (
            ("gabung", "bobot"),
            Message(
                f"Semua bobot gabung bernilai 0, sehingga tidak ada bukti untuk menilai kemiripan. Beri "
                f"paling sedikit satu dari {listing} bobot lebih dari 0, atau hapus bagian bobot untuk "
                "memakai bobot bawaan.",
                f"Every merge weight is 0, so no evidence is left to score similarity with. Give at least one "
                f"of {listing} a weight above 0, or remove the bobot section to use the default weights.",
            ),
        )
    ]


@dataclass(frozen=True)
class MergeSettings:
    """How similarity is scored and which positions may be grouped together."""

    weights: dict[str, float] = field(default_factory=lambda: dict(DEFAULT_WEIGHTS))
    threshold: float = 0.38
    edge_threshold: float = 0.3
    max_group_size: int = 12
    crowding_neighbours: int = 10
    crowding_strength: float = 1.0
    max_grade_gap: int = 0
    pelaksana_across_classifications: bool = False
    family_resolution: float = 2.0
    index_budget: int = 200_000_000
    # How much each level token of a technical requirement weighs against the one below it (C@1 weighs
    # 1, C@2 0.7, C@3 0.49, …), not a key of the section. Requiring a competency at all says most about
    # the work; how high says more about seniority, which a merge group already holds equal (one grade).
    # Measured on O*NET 29.3 at the default threshold: levels counted like the competency itself (1)
    # group 729 occupations at 0.923 pair precision, 0.7 groups 755 at 0.928 (bench/README.md).
    # Profiles without levels are unchanged: every competency then weighs the same.
    level_decay: float = 0.7
    # The merge threshold of a corpus whose technical requirements all have one level (a table of
    # required skills, a taxonomy of essential and optional ones): its competency evidence is a set, not a
    # profile, so the same similarity says less. None when the project sets ``ambang_gabung``, which then
    # holds for every corpus. Measured on binary O*NET: 720 occupations grouped at 0.863 pair precision at
    # 0.38, 501 at 0.920 at 0.45 (bench/README.md).
    levelless_threshold: float | None = 0.45

    def threshold_for(self, levelled: bool) -> float:
        """The merge threshold of a corpus whose technical requirements hold several levels
        (``levelled``) or one."""
        return self.threshold if levelled or self.levelless_threshold is None else self.levelless_threshold

    @classmethod
    def from_data(cls, data: dict[str, Any] | None) -> MergeSettings:
        """The settings of a checked section; one with :func:`problems` is refused (``ValueError``),
        for a caller that skipped the check."""
        data = data or {}
        found = problems(data)
        if found:
            raise ValueError(found[0][1].en)
        default = cls()
        return cls(
            weights=_weights(data),
            threshold=float(data.get("ambang_gabung", default.threshold)),
            levelless_threshold=None if "ambang_gabung" in data else default.levelless_threshold,
            edge_threshold=float(data.get("ambang_kemiripan", default.edge_threshold)),
            max_group_size=int(data.get("ukuran_kelompok_maksimal", default.max_group_size)),
            crowding_neighbours=int(data.get("tetangga_kepadatan", default.crowding_neighbours)),
            crowding_strength=float(data.get("koreksi_kepadatan", default.crowding_strength)),
            max_grade_gap=int(data.get("selisih_jenjang_maksimal", default.max_grade_gap)),
            pelaksana_across_classifications=bool(
                data.get("pelaksana_lintas_klasifikasi", default.pelaksana_across_classifications)
            ),
            family_resolution=float(data.get("resolusi_rumpun", default.family_resolution)),
            index_budget=int(data.get("anggaran_indeks", default.index_budget)),
        )

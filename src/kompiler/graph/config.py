"""The ``gabung`` section of ``kompiler.yaml``: weights and thresholds of the merge stage, with defaults.

The defaults are chosen once, for any corpus: weights say how much each kind of evidence counts, the
thresholds what "close enough to merge" means. Nothing here is adjusted to a particular data set; the
schema ``proyek.schema.json`` documents every key in Indonesian and rejects unknown ones.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

DEFAULT_WEIGHTS = {"kompetensi": 0.5, "tugas": 0.2, "nama": 0.35, "konteks": 0.05}


@dataclass(frozen=True)
class MergeSettings:
    """How similarity is scored and which positions may be grouped together."""

    weights: dict[str, float] = field(default_factory=lambda: dict(DEFAULT_WEIGHTS))
    threshold: float = 0.4
    edge_threshold: float = 0.3
    max_group_size: int = 12
    max_grade_gap: int = 0
    pelaksana_across_classifications: bool = False
    family_resolution: float = 2.0
    index_budget: int = 200_000_000

    @classmethod
    def from_data(cls, data: dict[str, Any] | None) -> MergeSettings:
        data = data or {}
        weights = dict(DEFAULT_WEIGHTS)
        weights.update(data.get("bobot") or {})
        default = cls()
        return cls(
            weights=weights,
            threshold=float(data.get("ambang_gabung", default.threshold)),
            edge_threshold=float(data.get("ambang_kemiripan", default.edge_threshold)),
            max_group_size=int(data.get("ukuran_kelompok_maksimal", default.max_group_size)),
            max_grade_gap=int(data.get("selisih_jenjang_maksimal", default.max_grade_gap)),
            pelaksana_across_classifications=bool(
                data.get("pelaksana_lintas_klasifikasi", default.pelaksana_across_classifications)
            ),
            family_resolution=float(data.get("resolusi_rumpun", default.family_resolution)),
            index_budget=int(data.get("anggaran_indeks", default.index_budget)),
        )

"""The compiled model as JSON (``output/model.json``): a stable, documented view of the linked corpus.

Keys are the Indonesian terms of the YAML format, so the JSON reads like the standards it came from.
Ordering is by code everywhere, so the same standards always give byte-identical output.
"""

from __future__ import annotations

from typing import Any

from kompiler import __version__
from kompiler.model import Competency, Corpus, Position, Requirement

MODEL_FORMAT_VERSION = 1


def _requirement(requirement: Requirement) -> dict[str, Any]:
    """A required competency; ``kepentingan`` only where the standard rates it, as in the YAML."""
    out: dict[str, Any] = {"kode": requirement.code, "level": requirement.level}
    if requirement.importance is not None:
        out["kepentingan"] = requirement.importance
    return out


def _competency(competency: Competency) -> dict[str, Any]:
    return {
        "kode": competency.code,
        "nama": competency.name,
        "jenis": competency.type.value,
        "bidang": competency.field,
        "definisi": competency.definition,
        "level": [
            {
                "level": level.level,
                "deskripsi": level.description,
                "indikator": [{"nomor": i.number, "uraian": i.text} for i in level.indicators],
            }
            for level in competency.levels
        ],
        "berkas": competency.origin.file,
    }


def _position(position: Position) -> dict[str, Any]:
    q = position.qualifications
    return {
        "kode": position.code,
        "nama": position.name,
        "jenis": position.kind.value,
        "jenjang": position.grade,
        "klasifikasi": position.classification,
        "rumpun": position.family,
        "bidang": position.field,
        "unit_kerja": position.unit,
        "urusan": position.affairs,
        "ikhtisar": position.summary,
        "tugas": list(position.tasks),
        "hasil_kerja": list(position.outputs),
        "kompetensi": {
            group: [_requirement(r) for r in position.requirements if r.type.value == group]
            for group in ("manajerial", "sosial_kultural", "teknis")
        },
        "persyaratan": {
            "pendidikan": [
                {"jenjang": e.level, "bidang": list(e.fields), "tingkat": e.importance} for e in q.education
            ],
            "pelatihan": {
                kind: [{"uraian": t.text, "tingkat": t.importance} for t in items]
                for kind, items in sorted(q.training.items())
            },
            "pengalaman": [{"uraian": e.text, "tingkat": e.importance} for e in q.experience],
            "pangkat": {"golongan": q.rank, "tingkat": q.rank_importance} if q.rank else None,
            "indikator_kinerja": [{"uraian": p.text, "tingkat": p.importance} for p in q.performance],
        },
        "sumber": {"kode": position.citation.code, "pasal": position.citation.article},
        "berlaku_mulai": position.valid_from,
        "berlaku_sampai": position.valid_until,
        "berkas": position.origin.file,
    }


def model_dict(corpus: Corpus) -> dict[str, Any]:
    """The whole corpus as plain JSON-ready data."""
    return {
        "format": MODEL_FORMAT_VERSION,
        "kompiler": __version__,
        "proyek": {key: value for key, value in sorted(corpus.project.items()) if key != "aturan"},
        "sumber": [
            {
                "kode": s.code,
                "jenis": s.kind,
                "nomor": s.number,
                "tahun": s.year,
                "judul": s.title,
                "status": s.status,
                "dicabut_oleh": s.revoked_by,
            }
            for s in sorted(corpus.sources.values(), key=lambda s: s.code)
        ],
        "jenjang": [
            {
                "kode": g.code,
                "nama": g.name,
                "jenis_jabatan": g.kind.value,
                "urutan": g.order,
                "level_manajerial": g.managerial_level,
                "level_sosial_kultural": g.sociocultural_level,
                "pangkat_terendah": g.rank_min,
                "pangkat_tertinggi": g.rank_max,
                "pendidikan_minimal": g.education_min,
                "terverifikasi": g.verified,
            }
            for g in sorted(corpus.grades.values(), key=lambda g: (g.kind.value, g.order))
        ],
        "rumpun": [
            {"kode": f.code, "nama": f.name, "induk": f.parent, "deskripsi": f.description}
            for f in sorted(corpus.families.values(), key=lambda f: f.code)
        ],
        "kompetensi": [_competency(c) for c in sorted(corpus.competencies.values(), key=lambda c: c.code)],
        "jabatan": [_position(p) for p in sorted(corpus.positions.values(), key=lambda p: p.code)],
    }

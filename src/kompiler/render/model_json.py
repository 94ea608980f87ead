"""The compiled model as JSON (``output/model.json``): a stable, documented view of the linked corpus.

Keys are the Indonesian terms of the YAML format, so the JSON reads like the standards it came from.
Ordering is by code everywhere, so the same standards always give byte-identical output.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from kompiler import __version__
from kompiler.model import Competency, Corpus, Position, Requirement
from kompiler.model.entities import (
    Citation,
    DevelopmentPolicy,
    MatchPolicy,
    PlanPolicy,
    TalentPolicy,
)
from kompiler.model.fields import grounds, written

# 2: grades carry ``pola_nama``, ``sumber``, ``keyakinan`` (was a boolean ``terverifikasi``) and ``catatan``,
# families their ``sumber``, positions ``alasan_lintas_bidang`` and requirements the optional ``kepentingan``.
# 3: ``pengembangan``, the development policy (match formula, plan, learning forms, catalogue, talent axes,
# penyetaraan); a section the project does not declare is null (or an empty list).
MODEL_FORMAT_VERSION = 3


def _requirement(requirement: Requirement) -> dict[str, Any]:
    """A required competency; ``kepentingan`` only where the standard rates it, as in the YAML."""
    out: dict[str, Any] = {"kode": requirement.code, "level": requirement.level}
    if requirement.importance is not None:
        out["kepentingan"] = requirement.importance
    return out


def _competency(competency: Competency, files: Mapping[str, str]) -> dict[str, Any]:
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
        "berkas": files.get(competency.origin.file, competency.origin.file),
    }


def _json_value(value: Any) -> Any:
    """A citation becomes an object, as it is written in the YAML; other values are already JSON."""
    if isinstance(value, Citation):
        return {"kode": value.code, "pasal": value.article}
    return value


def _entity(code: str, fields: dict[str, Any]) -> dict[str, Any]:
    return {"kode": code, **{key: _json_value(value) for key, value in fields.items()}}


def _grounds(section: MatchPolicy | PlanPolicy | TalentPolicy, prefix: str = "") -> dict[str, Any]:
    return {key: _json_value(value) for key, value in grounds(section, prefix).items()}


def _match(match: MatchPolicy) -> dict[str, Any]:
    return {
        "versi": match.version,
        "rumus": match.formula.value,
        "batas_atas": match.capped,
        "nilai_kosong": match.missing,
        "tujuan": {
            code: {
                "nama": purpose.name,
                "kategori": [{"kode": b.code, "nama": b.name, "minimal": b.minimum} for b in purpose.bands],
            }
            for code, purpose in sorted(match.purposes.items())
        },
        **_grounds(match),
    }


def _plan(plan: PlanPolicy) -> dict[str, Any]:
    return {
        "jp_minimal": plan.minimum_jp,
        **_grounds(plan),
        "proporsi": {
            "kelompok": {str(bucket): share for bucket, share in sorted(plan.shares.items())},
            "toleransi": plan.tolerance,
            **_grounds(plan, "shares_"),
        },
    }


def _talent(talent: TalentPolicy) -> dict[str, Any]:
    return {
        "kinerja": {"skala": list(talent.performance_scale), "batas": list(talent.performance_cuts)},
        "potensi": {"skala": list(talent.potential_scale), "batas": list(talent.potential_cuts)},
        "kotak": [
            {"kinerja": key[0], "potensi": key[1], "nomor": talent.numbers.get(key), "nama": name}
            for key, name in sorted(talent.boxes.items())
        ],
        **_grounds(talent),
    }


def _development(policy: DevelopmentPolicy) -> dict[str, Any]:
    """The policy in the words of ``pengembangan/``, every list ordered by code (penyetaraan by grade)."""
    return {
        "kecocokan": _match(policy.match) if policy.match else None,
        "rencana": _plan(policy.plan) if policy.plan else None,
        "bentuk_pembelajaran": [_entity(code, written(f)) for code, f in sorted(policy.forms.items())],
        "katalog": [
            {
                **_entity(code, written(activity)),
                "mengembangkan": [{"kompetensi": d.competency, "level": d.level} for d in activity.develops],
            }
            for code, activity in sorted(policy.catalogue.items())
        ],
        "talenta": _talent(policy.talent) if policy.talent else None,
        "penyetaraan": [
            {"jenjang": e.grade, **{key: _json_value(value) for key, value in written(e).items()}}
            for e in sorted(policy.equivalences, key=lambda e: e.grade)
        ],
    }


def _position(position: Position, files: Mapping[str, str]) -> dict[str, Any]:
    q = position.qualifications
    return {
        **_entity(position.code, written(position)),
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
        "berkas": files.get(position.origin.file, position.origin.file),
    }


def model_dict(corpus: Corpus, files: Mapping[str, str] | None = None) -> dict[str, Any]:
    """The whole corpus as plain JSON-ready data.

    ``files`` maps each file's name as diagnostics show it (relative to the working folder) to its path
    inside the project, which is what ``berkas`` holds: the same model from whatever folder it is built.
    """
    files = files or {}
    return {
        "format": MODEL_FORMAT_VERSION,
        "kompiler": __version__,
        "proyek": {key: value for key, value in sorted(corpus.project.items()) if key != "aturan"},
        "sumber": [
            _entity(s.code, written(s)) for s in sorted(corpus.sources.values(), key=lambda s: s.code)
        ],
        "jenjang": [
            _entity(g.code, written(g))
            for g in sorted(corpus.grades.values(), key=lambda g: (g.kind.value, g.order))
        ],
        "rumpun": [
            _entity(f.code, written(f)) for f in sorted(corpus.families.values(), key=lambda f: f.code)
        ],
        "kompetensi": [
            _competency(c, files) for c in sorted(corpus.competencies.values(), key=lambda c: c.code)
        ],
        "jabatan": [_position(p, files) for p in sorted(corpus.positions.values(), key=lambda p: p.code)],
        "pengembangan": _development(corpus.development),
    }

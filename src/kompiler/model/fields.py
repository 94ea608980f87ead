"""Entities back in the words of the YAML format: the one mapping from model fields to their Indonesian keys.

Two outputs speak the format's language about the compiled model: ``model.json`` and the semantic diff,
whose changes name the key the drafter edited. Both read these functions, so a field added to the format
is mapped once and appears in both. Values stay as the model holds them (a :class:`Citation` is left as
one); each output writes them its own way, the JSON as an object, the diff as a line of text.
"""

from __future__ import annotations

from typing import Any

from kompiler.model.entities import Dictionary, Family, Grade, Position, Source


def source_fields(source: Source) -> dict[str, Any]:
    return {
        "jenis": source.kind,
        "nomor": source.number,
        "tahun": source.year,
        "judul": source.title,
        "status": source.status,
        "dicabut_oleh": source.revoked_by,
    }


def grade_fields(grade: Grade) -> dict[str, Any]:
    return {
        "nama": grade.name,
        "jenis_jabatan": grade.kind.value,
        "urutan": grade.order,
        "level_manajerial": grade.managerial_level,
        "level_sosial_kultural": grade.sociocultural_level,
        "pangkat_terendah": grade.rank_min,
        "pangkat_tertinggi": grade.rank_max,
        "pendidikan_minimal": grade.education_min,
        "pola_nama": grade.name_pattern,
        "sumber": grade.citation,
        "keyakinan": "terverifikasi" if grade.verified else "belum_terverifikasi",
        "catatan": grade.note,
    }


def family_fields(family: Family) -> dict[str, Any]:
    return {
        "nama": family.name,
        "induk": family.parent,
        "deskripsi": family.description,
        "sumber": family.citation,
    }


def dictionary_fields(dictionary: Dictionary) -> dict[str, Any]:
    return {
        "nama": dictionary.name,
        "sumber": dictionary.citation,
        "berlaku_mulai": dictionary.valid_from,
        "berlaku_sampai": dictionary.valid_until,
    }


def position_fields(position: Position) -> dict[str, Any]:
    """The single-valued fields of a position; lists (tasks, requirements, qualifications) are not here."""
    return {
        "nama": position.name,
        "jenis": position.kind.value,
        "jenjang": position.grade,
        "klasifikasi": position.classification,
        "rumpun": position.family,
        "bidang": position.field,
        "unit_kerja": position.unit,
        "urusan": position.affairs,
        "ikhtisar": position.summary,
        "alasan_lintas_bidang": position.cross_field_reason,
        "sumber": position.citation,
        "berlaku_mulai": position.valid_from,
        "berlaku_sampai": position.valid_until,
    }

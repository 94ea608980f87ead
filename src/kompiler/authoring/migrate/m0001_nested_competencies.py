"""Version 0 → 1: required competencies nested under ``kompetensi``, validity dates as two flat keys.

Version 0 (the pre-release format) listed a position's competencies in three top-level keys
``kompetensi_manajerial``, ``kompetensi_sosial_kultural`` and ``kompetensi_teknis``, and wrote validity
as ``masa_berlaku: {mulai, sampai}`` in positions and dictionary headers. Version 1 groups the three lists
under one ``kompetensi`` mapping (so a position reads as one table) and writes ``berlaku_mulai`` and
``berlaku_sampai``, the keys every dated entity shares. The project file gains ``schema_version: 1``.
"""

from __future__ import annotations

from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from kompiler.authoring.migrate.base import Migration, rename_key
from kompiler.project import FileKind

_GROUPS = ("manajerial", "sosial_kultural", "teknis")


class NestedCompetencies(Migration):
    source = 0
    summary = "kompetensi_* → kompetensi: {…}; masa_berlaku → berlaku_mulai/berlaku_sampai"

    def apply(self, kind: FileKind, data: Any) -> bool:
        if not isinstance(data, CommentedMap):
            return False
        if kind is FileKind.PROJECT:
            return _set_version(data, self.target)
        if kind is FileKind.POSITION:
            nested = _nest_competencies(data)
            return _flatten_validity(data) or nested
        if kind is FileKind.DICTIONARY and isinstance(data.get("kamus"), CommentedMap):
            return _flatten_validity(data["kamus"])
        return False


def _set_version(project: CommentedMap, version: int) -> bool:
    if project.get("schema_version") == version:
        return False
    if "schema_version" in project:
        project["schema_version"] = version
    else:
        project.insert(0, "schema_version", version)
    return True


def _nest_competencies(position: CommentedMap) -> bool:
    old_keys = [f"kompetensi_{group}" for group in _GROUPS if f"kompetensi_{group}" in position]
    if not old_keys:
        return False
    nested = CommentedMap()
    for group in _GROUPS:
        key = f"kompetensi_{group}"
        nested[group] = position.get(key) if key in position else CommentedSeq()
        if key in position.ca.items:
            nested.ca.items[group] = position.ca.items[key]
    rename_key(position, old_keys[0], "kompetensi", nested)
    position.ca.items.pop("kompetensi", None)
    for key in old_keys[1:]:
        position.ca.items.pop(key, None)
        del position[key]
    return True


def _flatten_validity(mapping: CommentedMap) -> bool:
    period = mapping.get("masa_berlaku")
    if not isinstance(period, CommentedMap):
        return False
    position = list(mapping).index("masa_berlaku")
    comment = mapping.ca.items.pop("masa_berlaku", None)
    del mapping["masa_berlaku"]
    for offset, (old, new) in enumerate((("mulai", "berlaku_mulai"), ("sampai", "berlaku_sampai"))):
        if old in period:
            mapping.insert(position + offset, new, period[old])
            if old in period.ca.items:
                mapping.ca.items[new] = period.ca.items[old]
    if comment is not None and "berlaku_mulai" in mapping and "berlaku_mulai" not in mapping.ca.items:
        mapping.ca.items["berlaku_mulai"] = comment
    return True


MIGRATION = NestedCompetencies()

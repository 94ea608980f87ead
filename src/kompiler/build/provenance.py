"""Where each part of the private folder comes from, so that it never mixes results of two files.

The steps of ``kompiler people`` each write one part of the folder (``gaps`` the part ``kesenjangan``:
``kesenjangan/``, ``kesenjangan.csv``, ``ringkasan.csv``; ``plan`` ``rencana``; ``moves`` ``mutasi``;
``pool`` ``talenta``; ``summary`` ``agregat``), and keep the others. Plans for forty people beside the
gaps of three others, with nothing to say so, would be read as one picture of one assessment; so
``sumber.json`` records for every part the assessment it was computed from (the file's path and SHA-256,
never its content; the worksheet read, by its number; the ``--tujuan`` that replaced the file's purposes,
if any), when, by which command, kompiler version and match formula version, and how many people. A
step keeps another part only when that part comes from the same assessment: a file with the same SHA-256
(the same content, wherever it lies), the same sheet (two sheets of a workbook are two assessments) and
the same ``--tujuan`` (a purpose changes the levels people are matched against, so every part). Any
other part (another file, another version of the same file, another sheet or purpose, or a part with no
record, written before the folder kept one) is removed, and the step's summary names it. Only
the folder's own files are ever removed: the private folder is refused when it holds anything kompiler
did not write or that changed since (:func:`kompiler.build.output.check_target`).
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from kompiler import __version__
from kompiler.build.orchestrate import source_date
from kompiler.build.output import shown_path
from kompiler.build.private import PrivateWriter

MANIFEST = "sumber.json"
FORMAT = 1
# Each part of the folder, by the name the manifest gives it: the top-level names it is written to.
PARTS = {
    "kesenjangan": ("kesenjangan", "kesenjangan.csv", "ringkasan.csv"),
    "rencana": ("rencana", "rencana.csv"),
    "mutasi": ("mutasi", "mutasi.csv"),
    "talenta": ("talenta",),
    "agregat": ("agregat",),
}
_NOTE = (
    "Asal setiap bagian folder ini: berkas asesmen (jalur dan SHA-256, bukan isinya), nomor lembar yang "
    "dibaca, --tujuan, waktu dan perintah pembuatannya. Setiap perintah kompiler people menghapus bagian "
    "yang dibuat dari berkas, lembar, atau tujuan lain. / Where each part of this folder comes from: the "
    "assessment file (path and SHA-256, not its content), the number of the sheet read, --tujuan, when and "
    "by which command it was made. Every kompiler people command removes the parts made from another file, "
    "sheet or purpose."
)


@dataclass(frozen=True)
class Source:
    """An assessment as the manifest names it: the file's absolute path (as messages print it) and the
    SHA-256 of its bytes, the number of the worksheet read (``None`` for a CSV) and the purpose given
    for everyone (``None``: the file's own)."""

    path: str
    sha256: str
    sheet: int | None = None
    purpose: str | None = None

    @classmethod
    def of(cls, path: Path, sheet: int | None = None, purpose: str | None = None) -> Source:
        """``path`` read once, a block at a time (a file may be gigabytes)."""
        with open(path, "rb") as stream:
            digest = hashlib.file_digest(stream, "sha256")
        return cls(shown_path(os.path.abspath(path)), digest.hexdigest(), sheet, purpose)

    def identity(self) -> dict[str, Any]:
        """What makes two parts results of the same assessment, as the manifest records it."""
        return {"sha256": self.sha256, "lembar": self.sheet, "tujuan": self.purpose}


def record(
    writer: PrivateWriter, part: str, source: Source, *, command: str, people: int, version: str
) -> tuple[str, ...]:
    """Write the manifest with ``part`` made now from ``source`` into ``writer``, keep the record of the
    other parts made from the same file, and have ``writer`` remove every part made from another (see the
    module). Returns what is removed, the folder's top-level names (a folder with a ``/``), sorted."""
    previous = _entries(writer.previous_text(MANIFEST))
    present = writer.previous_names()
    staged = writer.staged_names()
    parts: dict[str, dict[str, Any]] = {}
    removed: set[str] = set()
    for name, names in PARTS.items():
        there = set(names) & present - staged  # what this command does not replace anyway
        entry = previous.get(name)
        if not there:
            continue
        if not _made_from(entry, source):
            removed |= there
        elif name != part:
            parts[name] = {**entry, "isi": _shown(there)}
    made = set(PARTS[part]) & (staged | present) - removed
    parts[part] = {
        "berkas_asesmen": source.path,
        **source.identity(),
        "dibuat": (source_date() or datetime.now(UTC)).replace(microsecond=0).isoformat(),
        "perintah": command,
        "kompiler": __version__,
        "versi_rumus": version,
        "pegawai": people,
        "isi": _shown(made),
    }
    writer.remove(removed)
    manifest = {"format": FORMAT, "keterangan": _NOTE, "bagian": dict(sorted(parts.items()))}
    writer.write_text(MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=2) + "\n")
    return tuple(_shown(removed))


def made_from(writer: PrivateWriter, part: str, source: Source) -> bool:
    """Whether the folder's manifest records ``part`` as made from the assessment ``source``."""
    return _made_from(_entries(writer.previous_text(MANIFEST)).get(part), source)


def _made_from(entry: dict[str, Any] | None, source: Source) -> bool:
    return entry is not None and all(entry.get(key) == value for key, value in source.identity().items())


def _entries(text: str | None) -> dict[str, dict[str, Any]]:
    """The parts a previous manifest records; none when there is none or it is not one kompiler writes
    (its parts then count as made from another file)."""
    if text is None:
        return {}
    try:
        manifest = json.loads(text)
    except ValueError:
        return {}
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        return {}
    parts = manifest.get("bagian")
    if not isinstance(parts, dict):
        return {}
    return {name: entry for name, entry in parts.items() if name in PARTS and isinstance(entry, dict)}


def _shown(names: set[str]) -> list[str]:
    """Top-level names as a listing shows them: a folder with a trailing ``/``."""
    return sorted(name if "." in name else f"{name}/" for name in names)

"""Everything ``kompiler people gaps|plan|moves`` writes into the private folder, one person at a time.

Each step writes one section of the folder, which replaces only that section
(:class:`~kompiler.build.private.PrivateWriter`): ``gaps`` writes ``kesenjangan/<ID>.md|pdf|docx``,
``kesenjangan.csv`` and ``ringkasan.csv``; ``plan`` writes ``rencana/`` and ``rencana.csv``; ``moves``
writes ``mutasi/`` and ``mutasi.csv``. Reports arrive as an iterator (the engine builds each only when it
is asked for) and the CSV tables are written as they come, so the number of people is bounded by the
disk, not by memory. A person id becomes a file name only as written when it is a plain name
(:func:`file_stem`); anything else gets a stem that cannot leave the folder.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Mapping
from contextlib import ExitStack
from dataclasses import dataclass
from datetime import datetime

from kompiler.build.private import PrivateWriter
from kompiler.model.entities import Position
from kompiler.people.results import PersonReport
from kompiler.render.environment import Templates
from kompiler.render.people.documents import DOCUMENT_FORMATS, person_documents
from kompiler.render.people.tables import Table
from kompiler.render.people.view import Setting, person_view

SECTIONS = {"gaps": "kesenjangan", "plan": "rencana", "moves": "mutasi"}
TABLES = {"gaps": ("kesenjangan", "ringkasan"), "plan": ("rencana",), "moves": ("mutasi",)}
FORMATS = ("md", "pdf", "docx", "csv")
_PLAIN = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,79}")


@dataclass(frozen=True)
class Written:
    """What a step wrote: people, documents, and the rows of each table."""

    people: int
    documents: int
    rows: dict[str, int]


def file_stem(person: str) -> str:
    """``person`` as a file name: itself when plain (letters, digits, ``.``, ``_``, ``-``), else its plain
    characters and a short digest of the whole id, so two ids never share a file."""
    if _PLAIN.fullmatch(person) and not person.endswith("."):
        return person
    plain = re.sub(r"[^A-Za-z0-9_-]+", "_", person).strip("_")[:40] or "pegawai"
    return f"{plain}-{hashlib.sha256(person.encode('utf-8')).hexdigest()[:10]}"


def write_people(
    reports: Iterable[PersonReport],
    writer: PrivateWriter,
    *,
    step: str,
    setting: Setting,
    formats: tuple[str, ...],
    templates: Templates,
    positions: Mapping[str, Position],
    built: datetime | None = None,
) -> Written:
    """Write ``step``'s documents and tables for every report into ``writer`` (not committed here).

    Raises :class:`~kompiler.render.environment.TemplateProblem` on a template error and
    :class:`~kompiler.build.output.OutputUnwritable` on a failed write; the caller then aborts the writer.
    """
    section = SECTIONS[step]
    documents = tuple(f for f in formats if f in DOCUMENT_FORMATS)
    people = written = 0
    seen: set[str] = set()
    with ExitStack() as stack:
        tables = (
            [Table(name, stack.enter_context(writer.text(f"{name}.csv")), setting) for name in TABLES[step]]
            if "csv" in formats
            else []
        )
        for report in reports:
            people += 1
            for table in tables:
                table.add(report)
            if not documents:
                continue
            stem = file_stem(report.person)
            if stem in seen:  # the same person twice in one file: the reader reports it; one document
                continue
            seen.add(stem)
            view = person_view(report, setting, positions)
            for extension, data in person_documents(templates, view, setting, step, documents, built).items():
                writer.write_bytes(f"{section}/{stem}.{extension}", data)
                written += 1
    return Written(people, written, {f"{table.name}.csv": table.count for table in tables})

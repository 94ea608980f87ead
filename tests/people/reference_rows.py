"""The CSV rows of one person's report, written from the report's fields one by one: the reference the
tables written straight from a chunk's columns (:mod:`kompiler.render.people.chunk_rows`) are compared
with, to the byte (``test_tables_from_columns_are_the_tables_from_reports``)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator

from kompiler.people.results import PersonReport
from kompiler.render.labels import decimal
from kompiler.render.people.tables import LOCALE, NOTICE, Table
from kompiler.render.people.view import Setting, box_text, explanation
from kompiler.spreadsheet import spreadsheet_text


def _flag(value: bool) -> str:
    return "ya" if value else "tidak"


def gap_rows(report: PersonReport, setting: Setting) -> Iterator[list[str]]:
    match = report.match
    for rank, gap in enumerate(match.gaps, 1):
        yield [
            report.person,
            report.position,
            report.date,
            report.purpose,
            setting.version,
            decimal(match.percentage),
            match.band,
            str(rank),
            gap.competency,
            spreadsheet_text(gap.name),
            gap.type,
            str(gap.required),
            "" if gap.actual is None else str(gap.actual),
            str(gap.gap),
            "" if gap.importance is None else decimal(gap.importance, 3),
            decimal(gap.priority, 3),
            NOTICE,
        ]


def plan_rows(report: PersonReport, setting: Setting) -> Iterator[list[str]]:
    if report.plan is None:
        return
    for rank, item in enumerate(report.plan.items, 1):
        yield [
            report.person,
            report.position,
            setting.version,
            str(rank),
            item.competency,
            spreadsheet_text(item.competency_name),
            str(item.gap),
            item.activity,
            spreadsheet_text(item.activity_name),
            item.form,
            str(item.bucket),
            decimal(item.jp),
            str(item.year),
            NOTICE,
        ]


def move_rows(report: PersonReport, setting: Setting) -> Iterator[list[str]]:
    for rank, move in enumerate(report.moves, 1):
        yield [
            report.person,
            report.position,
            setting.version,
            str(rank),
            move.position,
            spreadsheet_text(move.name),
            spreadsheet_text(move.unit),
            move.kind.value,
            _flag(move.by_equivalence),
            decimal(move.relatedness, 4),
            decimal(move.readiness),
            decimal(move.score, 4),
            explanation(move.gaps),
            NOTICE,
        ]


def summary_rows(report: PersonReport, setting: Setting) -> Iterator[list[str]]:
    match = report.match
    yield [
        report.person,
        report.position,
        report.date,
        report.purpose,
        setting.formula,
        setting.version,
        decimal(match.percentage),
        match.band,
        spreadsheet_text(match.band_name),
        str(len(match.gaps)),
        str(sum(1 for gap in match.gaps if gap.gap > 0)),
        box_text(report.talent_box, LOCALE),
        NOTICE,
    ]


ROWS = {"kesenjangan": gap_rows, "rencana": plan_rows, "mutasi": move_rows, "ringkasan": summary_rows}


def table_text(name: str, reports: Iterable[PersonReport], setting: Setting) -> tuple[str, int]:
    """Table ``name`` of ``reports`` as the CSV text it writes, and the number of rows it counted."""
    stream = io.StringIO()
    table = Table(name, stream)
    for report in reports:
        table.add_rows(list(ROWS[name](report, setting)))
    return stream.getvalue(), table.count


def records(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text)))

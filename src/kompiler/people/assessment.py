"""Reading an assessment file (personal data) into chunks of people, every problem a located diagnostic.

The contract the people stage's commands build on::

    assessments = read_assessments(path, Index.of(corpus), allow_personal=False)
    problems = assessments.check()          # read it all once, keep nothing: list[Diagnostic]
    if not any(d.severity is Severity.ERROR for d in problems):
        for chunk in assessments.chunks():  # read it again, ``people.table.Chunk`` after chunk
            ...

``chunks()`` reads the file afresh on every call and never raises: a file that cannot be read at all is a
KMP200 diagnostic and no chunk. ``diagnostics`` holds what the last complete ``chunks()`` (or ``check()``)
found, sorted by place; it is complete only once the iteration ended, so a caller that computes while it
reads must look at it before writing anything. A chunk holds only people whose rows are free of errors,
in file order; a person with any error is left out, so one pass that finds errors has computed on a
subset and its result must be thrown away (``check()`` first costs one more read and avoids that).
At most 1,000 diagnostics are kept; the rest are counted by code in one KMP216. After a reading,
``layout`` says which layout the header chose (``None`` before), ``people`` how many were kept and
``sheet_number`` which worksheet of an XLSX was read (1 the leftmost; ``None`` for a CSV).
``sheet`` names the worksheet of an XLSX (default: the first); ``chunk_rows`` bounds a chunk (default:
as many people as fit 64 MB of levels, at most 65,536); ``purposes`` are the words the ``tujuan`` column
may hold, the first being the default for an empty cell or a file without the column (default:
pemetaan, pengisian; a caller may pass the match policy's purposes, with pemetaan first); ``scales`` are
the talent policy's scales of performance and potential (default: what a cell may hold, 1–5).

The file: CSV or XLSX by content (an XLSX is a zip archive), a ``.xls``/``.ods`` refused. The layouts and
header names are in :mod:`kompiler.people.columns`; the values in :mod:`kompiler.people.cells`. In the long
layout one person's rows must be consecutive (sorted by id, as any export or a sort in Excel gives): a
reader that grouped scattered rows would hold the whole file until its last row, and a national file
would not fit in memory. Dates of one person's rows may differ (competencies assessed on different
days): the latest is the person's date.

Personal data (UU 27/2022): columns named like personal data and cells that hold an NIP, an NIK, an
email or a phone number, and ids without a digit (names), are errors unless ``allow_personal``; even then
the personal columns are dropped as the header is read and their cells are never looked at again.
Nothing of a cell is kept but what it was checked to be: a pseudonym of a strict pattern, a position
or competency code of the corpus, a number, an ISO date, a purpose word; a formula is never evaluated.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import numpy as np

from kompiler.diagnostics import Diagnostic, Message, Severity
from kompiler.people import cells
from kompiler.people.columns import MAX_COLUMNS, REQUIRED, Header, Layout, Role, read_header
from kompiler.people.judge import Batch, Judge
from kompiler.people.long_layout import Runs, differing, last_run, repeats
from kompiler.people.personal_data import HOW
from kompiler.people.problems import Problems
from kompiler.people.sheets import csv_batches, xlsx_batches
from kompiler.people.table import Chunk, Index
from kompiler.reading import CODE_TOO_LARGE, Refused, opened, reason, too_large
from kompiler.runtime.collector import paused
from kompiler.spreadsheet import ZIP_MAGIC, shown

# The scales of performance and potential that the talent policy states, when it narrows the 1–5 a cell
# may hold: a value outside its axis's scale is reported at its cell.
Scales = tuple[tuple[float, float], tuple[float, float]]
MAX_ASSESSMENT_BYTES = 4 << 30
CHUNK_BYTES = 64 << 20
MAX_CHUNK_ROWS = 65_536
_NOT_TABLES = (".xls", ".ods", ".numbers")
_NO_SHEETS = Message(
    "--lembar diabaikan: berkas ini CSV, bukan buku kerja XLSX; seluruh berkas dibaca. Berkas yang dimaksud "
    "XLSX?",
    "--lembar is ignored: this file is a CSV, not an XLSX workbook; the whole file is read. Was an XLSX file "
    "meant?",
)


def read_assessments(
    path: str | os.PathLike[str],
    index: Index,
    *,
    allow_personal: bool = False,
    chunk_rows: int | None = None,
    sheet: str | None = None,
    name: str | None = None,
    max_bytes: int = MAX_ASSESSMENT_BYTES,
    today: date | None = None,
    purposes: tuple[str, ...] = cells.PURPOSES,
    scales: Scales | None = None,
) -> AssessmentFile:
    """The assessment file at ``path``, measured against ``index``, shown to users as ``name`` (default:
    the path as given). Nothing is read until ``chunks()`` or ``check()``."""
    return AssessmentFile(
        Path(path),
        index,
        allow_personal=allow_personal,
        chunk_rows=chunk_rows,
        sheet=sheet,
        name=name if name is not None else shown(os.fspath(path)),
        max_bytes=max_bytes,
        today=today or date.today(),
        purposes=purposes,
        scales=scales,
    )


class AssessmentFile:
    """One assessment file; see the module's docstring for the contract."""

    def __init__(
        self,
        path: Path,
        index: Index,
        *,
        allow_personal: bool,
        chunk_rows: int | None,
        sheet: str | None,
        name: str,
        max_bytes: int,
        today: date,
        purposes: tuple[str, ...],
        scales: Scales | None = None,
    ) -> None:
        self.path, self.index, self.name = path, index, name
        self.allow_personal, self.sheet, self.max_bytes, self.today = allow_personal, sheet, max_bytes, today
        self.purposes, self.scales = purposes, scales
        width = max(1, len(index.competencies))
        self.chunk_rows = chunk_rows or max(1_024, min(MAX_CHUNK_ROWS, CHUNK_BYTES // (4 * width)))
        self.layout: Layout | None = None
        self.people = 0
        self.sheet_number: int | None = None
        self._problems = Problems(name, spreadsheet=False)

    @property
    def diagnostics(self) -> list[Diagnostic]:
        return self._problems.result()

    @property
    def hidden(self) -> Counter[Severity]:
        """The problems of the last reading that KMP216 counts rather than shows, by severity."""
        return self._problems.hidden

    def check(self) -> list[Diagnostic]:
        """Read the whole file, keep no person, and return every problem."""
        for _ in self.chunks():
            pass
        return self.diagnostics

    def chunks(self) -> Iterator[Chunk]:
        self._problems = problems = Problems(self.name, spreadsheet=False)
        self.layout, self.people, self.sheet_number = None, 0, None
        if self.path.suffix.lower() in _NOT_TABLES:
            problems.add(
                "KMP200",
                0,
                0,
                Message(
                    f"Format {shown(self.path.suffix)} tidak dibaca; simpan sebagai CSV UTF-8 atau XLSX.",
                    f"The {shown(self.path.suffix)} format is not read; save as UTF-8 CSV or XLSX.",
                ),
            )
            return
        try:
            with opened(self.path) as descriptor:
                size = os.fstat(descriptor).st_size
                if size > self.max_bytes:
                    raise Refused(CODE_TOO_LARGE, too_large(size, self.max_bytes))
                spreadsheet = self.path.suffix.lower() in (".xlsx", ".xlsm")
                problems.spreadsheet = spreadsheet or os.pread(descriptor, 4, 0) == ZIP_MAGIC
                if problems.spreadsheet:
                    batches = xlsx_batches(
                        descriptor, self.sheet, self.chunk_rows, problems.add, problems.warn, self._read_sheet
                    )
                else:
                    if self.sheet is not None:
                        problems.warn("KMP218", 0, 0, _NO_SHEETS)
                    batches = csv_batches(descriptor, self.max_bytes, self.chunk_rows, problems.add)
                reader = _Reader(self, problems)
                for batch in batches:
                    with paused():
                        chunks = list(reader.take(*batch))
                    yield from chunks
                yield from reader.finish()
        except OSError as error:
            problems.add("KMP200", 0, 0, reason(error)[1])

    def _read_sheet(self, number: int) -> None:
        self.sheet_number = number


class _Reader:
    """The records of one file turned into chunks: the header first, then batch after batch."""

    def __init__(self, file: AssessmentFile, problems: Problems) -> None:
        self.file, self.problems, self.index = file, problems, file.index
        self.judge = Judge(
            problems, allow_personal=file.allow_personal, today=file.today, purposes=file.purposes
        )
        self.header: Header | None = None
        self.usable = False
        self.header_row = 0
        self.pending: tuple[list[int], list[list[str]]] = ([], [])

    def take(self, starts: list[int], records: list[list[str]]) -> Iterator[Chunk]:
        if self.header is None:
            starts, records = self._read_header(starts, records)
        if self.header is None or not self.usable:
            return
        if self.header.layout is Layout.WIDE:
            yield from self._wide(starts, records)
        else:
            yield from self._long(starts, records, final=False)

    def finish(self) -> Iterator[Chunk]:
        if self.header is None:
            if not self.problems.errors:
                self.problems.add(
                    "KMP202", 1, 1, Message("Berkas asesmen kosong.", "The assessment file is empty.")
                )
            return
        if self.header.layout is Layout.LONG and self.usable:
            yield from self._long([], [], final=True)
        self.judge.warn_personal_ids()
        if not self.file.people and not self.problems.errors:
            self.problems.add(
                "KMP202",
                self.header_row,
                1,
                Message(
                    "Berkas hanya berisi baris judul; tidak ada orang yang dinilai.",
                    "The file holds only the header; nobody is assessed.",
                ),
            )

    def _read_header(self, starts: list[int], records: list[list[str]]) -> tuple[list[int], list[list[str]]]:
        """Read the first non-blank record as the header; the records after it."""
        position = next((i for i, record in enumerate(records) if any(c.strip() for c in record)), None)
        if position is None:
            return [], []
        record, row = records[position], starts[position]
        self.header_row = row
        for column, cell in enumerate(record, start=1):
            refused = cells.refusal(cell, allow_personal=self.file.allow_personal)
            if refused:
                self.problems.add(refused.code, row, column, refused.message)
        header = self.header = read_header(record, self.index.competency_at)
        self.usable = header.width <= MAX_COLUMNS and all(
            role in header.roles for role in REQUIRED[header.layout]
        )
        self.file.layout = header.layout
        for problem in header.problems:
            self.problems.add(problem.code, row, problem.column, problem.message)
        for column, word in header.dropped.items():
            self._personal_column(word, row, column + 1)
        return starts[position + 1 :], records[position + 1 :]

    def _personal_column(self, word: str, row: int, column: int) -> None:
        """A column whose header holds ``word``, one of the words naming personal data; the header
        itself is not quoted (it may say more than the word)."""
        if self.file.allow_personal:
            self.problems.warn(
                "KMP219",
                row,
                column,
                Message(
                    f"Judul kolom ini memuat kata '{word}': kolom data pribadi; kolom ini dibuang dan tidak "
                    "disalin ke keluaran.",
                    f"This column's header holds the word '{word}': a column of personal data; it is dropped "
                    "and copied into no output.",
                ),
            )
            return
        self.problems.add(
            "KMP205",
            row,
            column,
            Message(
                f"Judul kolom ini memuat kata '{word}': kolom ini tampak berisi data pribadi. {HOW.id}",
                f"This column's header holds the word '{word}': it looks like personal data. {HOW.en}",
            ),
        )

    def _people(self, starts: list[int], records: list[list[str]]) -> _Rows:
        """The columns both layouts share, judged row by row."""
        assert self.header is not None
        roles, judge = self.header.roles, self.judge
        performance, potential = self.file.scales or (None, None)
        batch = judge.batch(starts, records, self.header.width, roles[Role.ID])
        return _Rows(
            batch,
            judge.ids(batch, roles[Role.ID]),
            judge.codes(batch, roles[Role.POSITION], self.index.position_at, position=True),
            judge.dates_of(batch, roles[Role.DATE]),
            judge.purposes_of(batch, roles.get(Role.PURPOSE)),
            judge.scores(batch, roles.get(Role.PERFORMANCE), ratings=True, scale=performance),
            judge.scores(batch, roles.get(Role.POTENTIAL), ratings=False, scale=potential),
        )

    # The wide layout: a row is a person.

    def _wide(self, starts: list[int], records: list[list[str]]) -> Iterator[Chunk]:
        if not records:
            return
        assert self.header is not None
        rows = self._people(starts, records)
        batch = rows.batch
        self.judge.unique(rows.ids, starts, batch.bad, batch.skip, self.header.roles[Role.ID], long=False)
        levels = np.full((len(batch), len(self.index.competencies)), np.nan, np.float32)
        for column, competency in self.header.competencies.items():
            levels[:, competency] = self.judge.levels(batch, column)
        keep = np.flatnonzero(~batch.bad & ~batch.skip)
        self._unscored(levels, keep, starts)
        if len(keep):
            yield self._chunk(keep, rows, np.arange(len(batch)), levels, rows.dates, starts)

    def _unscored(self, levels: np.ndarray, keep: np.ndarray, starts: list[int]) -> None:
        assert self.header is not None
        roles, competencies = self.header.roles, self.header.competencies
        at = roles[Role.LEVEL] + 1 if Role.LEVEL in roles else min(competencies, default=0) + 1
        empty = np.isnan(levels).all(axis=1)
        for i in keep[empty[keep]]:
            self.problems.warn(
                "KMP217",
                starts[i],
                at,
                Message(
                    "Orang ini tidak memiliki satu pun level kompetensi.",
                    "This person has no competency level at all.",
                ),
            )

    def _chunk(
        self,
        keep: np.ndarray,
        rows: _Rows,
        heads: np.ndarray,
        levels: np.ndarray,
        dates: list[str],
        starts: list[int],
    ) -> Chunk:
        """The people ``keep`` (indices into ``heads``, the batch row of each person)."""
        self.file.people += len(keep)
        at = heads[keep]
        return Chunk(
            people=tuple(rows.ids[i] for i in at),
            position=rows.position[at],
            levels=levels[keep],
            dates=tuple(dates[i] for i in keep),
            purposes=tuple(rows.purposes[i] for i in at),
            performance=rows.performance[at],
            potential=rows.potential[at],
            rows=np.asarray(starts, np.int64)[at],
        )

    # The long layout: a person is a run of consecutive rows with one id.

    def _long(self, starts: list[int], records: list[list[str]], final: bool) -> Iterator[Chunk]:
        """Judge the held rows and these, but the last run, which may go on in the next batch."""
        assert self.header is not None
        held_starts, held = self.pending
        starts, records = held_starts + starts, held + records
        self.pending = ([], [])
        if not records:
            return
        if not final:
            last = (
                last_run(records, self.header.roles[Role.ID]) if len(records) >= self.file.chunk_rows else 0
            )
            self.pending = (starts[last:], records[last:])
            starts, records = starts[:last], records[:last]
            if not records:
                return
        yield from self._runs(starts, records)

    def _runs(self, starts: list[int], records: list[list[str]]) -> Iterator[Chunk]:
        assert self.header is not None
        roles = self.header.roles
        rows = self._people(starts, records)
        batch = rows.batch
        competency = self.judge.codes(batch, roles[Role.COMPETENCY], self.index.competency_at, position=False)
        level = self.judge.levels(batch, roles[Role.LEVEL])
        runs = Runs.of(rows.ids, np.flatnonzero(~batch.skip))
        if not len(runs):
            return
        heads = runs.heads
        head_ids, head_starts = [rows.ids[i] for i in heads], [starts[i] for i in heads]
        head_bad = batch.bad[heads].copy()
        self.judge.unique(
            head_ids, head_starts, head_bad, np.zeros(len(heads), bool), roles[Role.ID], long=True
        )
        row_bad = batch.bad[runs.rows] | head_bad[runs.group]
        self._agree(runs, rows, row_bad)
        self._once(runs, competency, starts, row_bad)
        levels = np.full((len(runs), len(self.index.competencies)), np.nan, np.float32)
        scored = (competency[runs.rows] >= 0) & (level[runs.rows] != cells.BAD)
        levels[runs.group[scored], competency[runs.rows][scored]] = level[runs.rows][scored]
        latest = np.array([rows.dates[i] or "NaT" for i in runs.rows], dtype="datetime64[D]")
        dates = np.maximum.reduceat(latest, np.flatnonzero(runs.begins)).astype(str).tolist()
        keep = np.flatnonzero(np.bincount(runs.group, weights=row_bad, minlength=len(runs)) == 0)
        self._unscored(levels, keep, head_starts)
        if len(keep):
            yield self._chunk(keep, rows, heads, levels, dates, starts)

    def _agree(self, runs: Runs, rows: _Rows, row_bad: np.ndarray) -> None:
        """Every row of a person says what the person's first row says."""
        assert self.header is not None
        roles = self.header.roles
        purposes = np.array(rows.purposes, dtype=object)
        checks = (
            (Role.POSITION, rows.position, rows.position >= 0, "jabatan", "position"),
            (Role.PURPOSE, purposes, purposes != "", "tujuan", "purpose"),
            (Role.PERFORMANCE, rows.performance, rows.performance != cells.BAD, "kinerja", "performance"),
            (Role.POTENTIAL, rows.potential, rows.potential != cells.BAD, "potensi", "potential"),
        )
        starts = rows.batch.starts
        for role, values, valid, word_id, word_en in checks:
            if role not in roles:
                continue
            for r in np.flatnonzero(differing(runs, values, valid) & ~row_bad):
                row_bad[r] = True
                first = starts[runs.heads[runs.group[r]]]
                self.problems.add(
                    "KMP215",
                    starts[runs.rows[r]],
                    roles[role] + 1,
                    Message(
                        f"Orang yang sama diberi {word_id} lain daripada di baris {first}.",
                        f"The same person is given another {word_en} than on row {first}.",
                    ),
                )

    def _once(self, runs: Runs, competency: np.ndarray, starts: list[int], row_bad: np.ndarray) -> None:
        """Each competency of a person assessed on one row only."""
        assert self.header is not None
        at = self.header.roles[Role.COMPETENCY] + 1
        for r, earlier in repeats(runs, competency, len(self.index.competencies)):
            row_bad[r] = True
            code, before = self.index.competencies[competency[runs.rows[r]]], starts[runs.rows[earlier]]
            self.problems.add(
                "KMP215",
                starts[runs.rows[r]],
                at,
                Message(
                    f"Kompetensi {code} orang ini sudah dinilai di baris {before}.",
                    f"This person's competency {code} was already assessed on row {before}.",
                ),
            )


@dataclass(frozen=True)
class _Rows:
    """A batch and its shared columns, judged: one entry per batch row."""

    batch: Batch
    ids: list[str]
    position: np.ndarray
    dates: list[str]
    purposes: list[str]
    performance: np.ndarray
    potential: np.ndarray

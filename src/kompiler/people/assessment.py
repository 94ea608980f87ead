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
``layout`` says which layout the header chose (``None`` before) and ``people`` how many were kept.
``sheet`` names the worksheet of an XLSX (default: the first); ``chunk_rows`` bounds a chunk (default:
as many people as fit 64 MB of levels, at most 65,536); ``purposes`` are the words the ``tujuan`` column
may hold, the first being the default for an empty cell or a file without the column (default:
pemetaan, pengisian; a caller may pass the match policy's purposes, with pemetaan first).

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

import difflib
import os
from collections import Counter
from collections.abc import Iterator
from datetime import date
from itertools import repeat
from pathlib import Path

import numpy as np

from kompiler.diagnostics import Diagnostic, Location, Message, Severity, Span
from kompiler.people import cells
from kompiler.people.columns import MAX_COLUMNS, REQUIRED, Header, Layout, Role, read_header
from kompiler.people.personal_data import HOW
from kompiler.people.sheets import csv_batches, xlsx_batches
from kompiler.people.table import Chunk, Index
from kompiler.reading import CODE_TOO_LARGE, Refused, opened, reason, too_large
from kompiler.rules.common import did_you_mean
from kompiler.runtime.collector import paused
from kompiler.spreadsheet import ZIP_MAGIC, shown

MAX_ASSESSMENT_BYTES = 4 << 30
MAX_SHOWN = 1_000
CHUNK_BYTES = 64 << 20
MAX_CHUNK_ROWS = 65_536
SUGGESTED = 50
_NOT_TABLES = (".xls", ".ods", ".numbers")


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
    ) -> None:
        self.path, self.index, self.name = path, index, name
        self.allow_personal, self.sheet, self.max_bytes, self.today = allow_personal, sheet, max_bytes, today
        self.purposes = purposes
        width = max(1, len(index.competencies))
        self.chunk_rows = chunk_rows or max(1_024, min(MAX_CHUNK_ROWS, CHUNK_BYTES // (4 * width)))
        self.layout: Layout | None = None
        self.people = 0
        self._problems = _Problems(name, spreadsheet=False)

    @property
    def diagnostics(self) -> list[Diagnostic]:
        return self._problems.result()

    def check(self) -> list[Diagnostic]:
        """Read the whole file, keep no person, and return every problem."""
        for _ in self.chunks():
            pass
        return self.diagnostics

    def chunks(self) -> Iterator[Chunk]:
        self._problems = problems = _Problems(self.name, spreadsheet=False)
        self.layout, self.people = None, 0
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
                        descriptor, self.sheet, self.chunk_rows, problems.add, problems.warn
                    )
                else:
                    batches = csv_batches(descriptor, self.max_bytes, self.chunk_rows, problems.add)
                reader = _Reader(self, problems)
                for batch in batches:
                    with paused():
                        chunks = list(reader.take(*batch))
                    yield from chunks
                yield from reader.finish()
        except OSError as error:
            problems.add("KMP200", 0, 0, reason(error)[1])


class _Problems:
    """The diagnostics of one reading: at most ``MAX_SHOWN``, the rest counted by code."""

    def __init__(self, file: str, spreadsheet: bool) -> None:
        self.file, self.spreadsheet = file, spreadsheet
        self.shown: list[Diagnostic] = []
        self.hidden: Counter[str] = Counter()
        self.hidden_errors = 0
        self.first_hidden: Location | None = None
        self.errors = 0

    def add(
        self, code: str, row: int, column: int, message: Message, severity: Severity = Severity.ERROR
    ) -> None:
        if severity is Severity.ERROR:
            self.errors += 1
        span = Span(row, max(column, 1), row, max(column, 1) + 1) if row else None
        location = Location(self.file, span)
        if len(self.shown) >= MAX_SHOWN:
            self.hidden[code] += 1
            self.hidden_errors += severity is Severity.ERROR
            self.first_hidden = self.first_hidden or location
            return
        if self.spreadsheet and row and column:
            cell = f"{_letters(column)}{row}"
            message = Message(f"Sel {cell}: {message.id}", f"Cell {cell}: {message.en}")
        self.shown.append(Diagnostic(severity, code, message, location))

    def warn(self, code: str, row: int, column: int, message: Message) -> None:
        self.add(code, row, column, message, Severity.WARNING)

    def result(self) -> list[Diagnostic]:
        found = sorted(self.shown, key=Diagnostic.sort_key)
        if self.hidden:
            counts = ", ".join(f"{code}: {count:,}" for code, count in sorted(self.hidden.items()))
            total = sum(self.hidden.values())
            found.append(
                Diagnostic(
                    Severity.ERROR if self.hidden_errors else Severity.WARNING,
                    "KMP216",
                    Message(
                        f"{total:_} masalah lain tidak ditampilkan ({counts}).".replace("_", "."),
                        f"{total:,} more problems are not shown ({counts}).",
                    ),
                    self.first_hidden or Location(self.file),
                )
            )
        return found


def _letters(column: int) -> str:
    letters = ""
    while column:
        column, rest = divmod(column - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


class _Reader:
    """The records of one file turned into chunks: the header first, then batch after batch."""

    def __init__(self, file: AssessmentFile, problems: _Problems) -> None:
        self.file, self.problems, self.index = file, problems, file.index
        self.header: Header | None = None
        self.usable = False
        self.header_row = 0
        self.first: dict[str, int] = {}
        self.dates: dict[str, str] = {}
        self.suggestions: dict[str, str] = {}
        self.pending: tuple[list[int], list[list[str]]] = ([], [])

    def take(self, starts: list[int], records: list[list[str]]) -> Iterator[Chunk]:
        if self.header is None:
            starts, records = self._read_header(starts, records)
            if self.header is None:
                return
        if not self.usable:
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

    # The header.

    def _read_header(self, starts: list[int], records: list[list[str]]) -> tuple[list[int], list[list[str]]]:
        position = next((i for i, record in enumerate(records) if any(c.strip() for c in record)), None)
        if position is None:
            return [], []
        record = records[position]
        self.header_row = starts[position]
        row = self.header_row
        for column, cell in enumerate(record, start=1):
            refused = cells.refusal(cell, allow_personal=True)
            if refused:
                self.problems.add(refused.code, row, column, refused.message)
        header = read_header(record, self.index.competency_at)
        self.header = header
        self.usable = header.width <= MAX_COLUMNS and all(
            role in header.roles for role in REQUIRED[header.layout]
        )
        self.file.layout = header.layout
        for problem in header.problems:
            self.problems.add(problem.code, row, problem.column, problem.message)
        for column in header.dropped:
            title = shown(record[column].strip())
            if self.file.allow_personal:
                self.problems.warn(
                    "KMP219",
                    row,
                    column + 1,
                    Message(
                        f"Kolom {title!r} berisi data pribadi; kolom ini dibuang dan tidak disalin ke keluaran.",
                        f"Column {title!r} holds personal data; it is dropped and copied into no output.",
                    ),
                )
            else:
                self.problems.add(
                    "KMP205",
                    row,
                    column + 1,
                    Message(
                        f"Kolom {title!r} tampak berisi data pribadi. {HOW.id}",
                        f"Column {title!r} looks like personal data. {HOW.en}",
                    ),
                )
        return starts[position + 1 :], records[position + 1 :]

    # Both layouts: one column at a time.

    def _shape(self, starts: list[int], records: list[list[str]]) -> np.ndarray:
        """Pad short records, report long ones; the rows that are wrong as a whole (True)."""
        assert self.header is not None
        width = self.header.width
        bad = np.zeros(len(records), bool)
        if set(map(len, records)) <= {width}:
            return bad
        for i, record in enumerate(records):
            if len(record) < width:
                record.extend(repeat("", width - len(record)))
            elif len(record) > width:
                extra = [c for c, value in enumerate(record[width:], start=width + 1) if value.strip()]
                del record[width:]
                if extra:
                    bad[i] = True
                    self.problems.add(
                        "KMP204",
                        starts[i],
                        extra[0],
                        Message(
                            f"Baris ini berisi nilai di kolom {extra[0]}, judul tabel hanya {width} kolom: tanda "
                            "pemisah di dalam nilai? (Koma desimal di CSV yang dipisah koma harus diberi tanda "
                            "kutip, atau pakai ';' sebagai pemisah.)",
                            f"This row holds a value in column {extra[0]} but the header has {width} columns: a "
                            "separator inside a value? (A decimal comma in a comma-separated CSV must be quoted, "
                            "or use ';' as the separator.)",
                        ),
                    )
        return bad

    def _blank(self, records: list[list[str]], ids: tuple[str, ...]) -> np.ndarray:
        """Rows holding nothing (a spreadsheet's empty lines), skipped without a word."""
        blank = np.zeros(len(ids), bool)
        for i in [i for i, value in enumerate(ids) if not value or value.isspace()]:
            blank[i] = not any(cell.strip() for cell in records[i])
        return blank

    def _ids(
        self, column: tuple[str, ...], starts: list[int], bad: np.ndarray, skip: np.ndarray
    ) -> list[str]:
        assert self.header is not None
        at = self.header.roles[Role.ID] + 1
        ids = list(column)
        match = cells.ID_PATTERN.fullmatch
        for i in [i for i, value in enumerate(ids) if not match(value)]:
            if skip[i]:
                continue
            wrong = cells.person_id(ids[i], self.file.allow_personal)
            if wrong:
                bad[i] = True
                self.problems.add(wrong.code, starts[i], at, wrong.message)
            else:
                ids[i] = ids[i].strip()
        return ids

    def _unique(
        self, ids: list[str], starts: list[int], bad: np.ndarray, skip: np.ndarray, long: bool
    ) -> None:
        """Every id once in the file: the first row of each id is remembered, as a plain dict, since a
        million of them cost a few tens of MB."""
        assert self.header is not None
        at = self.header.roles[Role.ID] + 1
        if skip.any():
            rows = np.flatnonzero(~skip).tolist()
            batch = {ids[i]: starts[i] for i in reversed(rows)}
        else:
            rows = range(len(ids))
            batch = dict(zip(reversed(ids), reversed(starts), strict=True))
        clash = batch.keys() & self.first.keys()
        if clash or len(batch) < len(rows):
            seen: dict[str, int] = {}
            for i in rows:
                value = ids[i]
                earlier = self.first.get(value, seen.get(value))
                if earlier is None:
                    seen[value] = starts[i]
                    continue
                bad[i] = True
                hint_id = " Baris satu orang harus berurutan: urutkan menurut id." if long else ""
                hint_en = " One person's rows must be consecutive: sort by id." if long else ""
                self.problems.add(
                    "KMP208",
                    starts[i],
                    at,
                    Message(
                        f"Id {cells.quoted(value)} sudah muncul di baris {earlier}.{hint_id}",
                        f"The id {cells.quoted(value)} already appeared on row {earlier}.{hint_en}",
                    ),
                )
            for value in clash:
                del batch[value]
        self.first.update(batch)

    def _coded(
        self,
        role: Role,
        column: tuple[str, ...],
        table: dict[str, int],
        starts: list[int],
        bad: np.ndarray,
        skip: np.ndarray,
    ) -> np.ndarray:
        """Position or competency codes as numbers of the index (-1 where wrong)."""
        assert self.header is not None
        at = self.header.roles[role] + 1
        numbers = np.fromiter(map(table.get, column, repeat(-1)), np.int32, len(column))
        for i in np.flatnonzero(numbers < 0):
            if skip[i]:
                continue
            text = column[i]
            code = table.get(text.strip().upper(), -1)
            if code >= 0:
                numbers[i] = code
                continue
            bad[i] = True
            refused = cells.refusal(text, self.file.allow_personal)
            if refused:
                self.problems.add(refused.code, starts[i], at, refused.message)
                continue
            code, message = self._unknown_code(role, text.strip(), table)
            self.problems.add(code, starts[i], at, message)
        return numbers

    def _unknown_code(self, role: Role, text: str, table: dict[str, int]) -> tuple[str, Message]:
        """The problem of a code the corpus does not have, with the closest one (asked of difflib for
        the first ``SUGGESTED`` distinct codes only: each question scans every code of the corpus)."""
        if text not in self.suggestions and len(self.suggestions) < SUGGESTED:
            close = difflib.get_close_matches(text.upper(), list(table), n=1)
            self.suggestions[text] = close[0] if close else ""
        hint_id, hint_en = did_you_mean([self.suggestions[text]] if self.suggestions.get(text) else [])
        if not text:
            what = ("Kode jabatan kosong.", "The position code is empty.")
            if role is Role.COMPETENCY:
                what = ("Kode kompetensi kosong.", "The competency code is empty.")
            return ("KMP209" if role is Role.POSITION else "KMP210"), Message(*what)
        if role is Role.POSITION:
            return "KMP209", Message(
                f"Kode jabatan {cells.quoted(text)} tidak ada dalam standar.{hint_id}",
                f"The position code {cells.quoted(text)} is not in the standards.{hint_en}",
            )
        return "KMP210", Message(
            f"Kode kompetensi {cells.quoted(text)} tidak ada dalam kamus.{hint_id}",
            f"The competency code {cells.quoted(text)} is not in the dictionaries.{hint_en}",
        )

    def _levels(
        self, column: tuple[str, ...], at: int, starts: list[int], bad: np.ndarray, skip: np.ndarray
    ) -> np.ndarray:
        values = cells.levels_of(column)
        misses = np.flatnonzero(values == cells.BAD)
        for i, value in self._mend(column, misses, at, cells.level, "KMP211", starts, bad, skip):
            values[i] = value
        return values

    def _mend(self, column, misses, at, judge, code, starts, bad, skip) -> Iterator[tuple[int, object]]:  # type: ignore[no-untyped-def]
        """The cells of ``column`` at ``misses`` (off the fast path) read by ``judge``, as (row, value);
        a cell refused for what it holds, or that ``judge`` cannot read (a message, reported under
        ``code``), marks its row bad."""
        for i in misses:
            if skip[i]:
                continue
            text = column[i]
            refused = cells.refusal(text, self.file.allow_personal)
            read = refused or judge(text)
            if isinstance(read, Message):
                read = cells.Bad(code, read)
            if isinstance(read, cells.Bad):
                bad[i] = True
                self.problems.add(read.code, starts[i], at, read.message)
            else:
                yield i, read

    def _scores(
        self,
        role: Role,
        column: tuple[str, ...] | None,
        n: int,
        starts: list[int],
        bad: np.ndarray,
        skip: np.ndarray,
    ) -> np.ndarray:
        if column is None:
            return np.full(n, np.nan, np.float32)
        assert self.header is not None
        values = np.fromiter(map(cells.SCORES.get, column, repeat(cells.BAD)), np.float32, n)
        ratings = role is Role.PERFORMANCE
        misses = np.flatnonzero(values == cells.BAD)
        at = self.header.roles[role] + 1
        for i, value in self._mend(
            column, misses, at, lambda text: cells.score(text, ratings), "KMP214", starts, bad, skip
        ):
            values[i] = value
        return values

    def _dates(
        self, column: tuple[str, ...], starts: list[int], bad: np.ndarray, skip: np.ndarray
    ) -> list[str]:
        """ISO dates; each distinct text is parsed once (a file holds a few assessment days)."""
        assert self.header is not None
        known = self.dates
        found = list(map(known.get, column, repeat("")))
        if "" not in found:
            return found
        misses = [i for i, value in enumerate(found) if not value]
        at = self.header.roles[Role.DATE] + 1
        judge = lambda text: known.get(text) or cells.assessment_date(text, self.file.today)  # noqa: E731
        for i, value in self._mend(column, misses, at, judge, "KMP212", starts, bad, skip):
            found[i] = known[column[i]] = value
        return found

    def _purposes(
        self, column: tuple[str, ...] | None, n: int, starts: list[int], bad: np.ndarray, skip: np.ndarray
    ) -> list[str]:
        if column is None:
            return [self.file.purposes[0]] * n
        assert self.header is not None
        known = self.file.purposes
        table = {"": known[0], **{p: p for p in known}}
        found = list(map(table.get, column, repeat("")))
        misses = [i for i, value in enumerate(found) if not value]
        at = self.header.roles[Role.PURPOSE] + 1
        judge = lambda text: cells.purpose(text, known)  # noqa: E731
        for i, value in self._mend(column, misses, at, judge, "KMP213", starts, bad, skip):
            found[i] = value
        return found

    def _common(self, starts: list[int], records: list[list[str]]):  # type: ignore[no-untyped-def]
        """The columns both layouts share, read and judged; ``skip`` marks blank rows."""
        assert self.header is not None
        roles = self.header.roles
        bad = self._shape(starts, records)
        columns = list(zip(*records, strict=True)) if records else [()] * self.header.width
        n = len(records)
        ids_column = columns[roles[Role.ID]]
        skip = self._blank(records, ids_column)
        ids = self._ids(ids_column, starts, bad, skip)
        position = self._coded(
            Role.POSITION, columns[roles[Role.POSITION]], self.index.position_at, starts, bad, skip
        )
        dates = self._dates(columns[roles[Role.DATE]], starts, bad, skip)
        purposes = self._purposes(_column(columns, roles, Role.PURPOSE), n, starts, bad, skip)
        performance = self._scores(
            Role.PERFORMANCE, _column(columns, roles, Role.PERFORMANCE), n, starts, bad, skip
        )
        potential = self._scores(
            Role.POTENTIAL, _column(columns, roles, Role.POTENTIAL), n, starts, bad, skip
        )
        return columns, skip, bad, ids, position, dates, purposes, performance, potential

    # The wide layout: a row is a person.

    def _wide(self, starts: list[int], records: list[list[str]]) -> Iterator[Chunk]:
        if not records:
            return
        assert self.header is not None
        columns, skip, bad, ids, position, dates, purposes, performance, potential = self._common(
            starts, records
        )
        self._unique(ids, starts, bad, skip, long=False)
        n = len(records)
        levels = np.full((n, len(self.index.competencies)), np.nan, np.float32)
        for column, competency in self.header.competencies.items():
            levels[:, competency] = self._levels(columns[column], column + 1, starts, bad, skip)
        keep = np.flatnonzero(~bad & ~skip)
        self._unscored(levels, keep, starts)
        if len(keep):
            yield self._chunk(keep, ids, position, levels, dates, purposes, performance, potential, starts)

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

    def _chunk(self, keep, ids, position, levels, dates, purposes, performance, potential, starts) -> Chunk:  # type: ignore[no-untyped-def]
        self.file.people += len(keep)
        every = len(keep) == len(ids)
        return Chunk(
            people=tuple(ids) if every else tuple(ids[i] for i in keep),
            position=position if every else position[keep],
            levels=levels if every else levels[keep],
            dates=tuple(dates) if every else tuple(dates[i] for i in keep),
            purposes=tuple(purposes) if every else tuple(purposes[i] for i in keep),
            performance=performance if every else performance[keep],
            potential=potential if every else potential[keep],
            rows=np.asarray(starts, np.int64) if every else np.asarray(starts, np.int64)[keep],
        )

    # The long layout: a person is a run of consecutive rows with one id.

    def _long(self, starts: list[int], records: list[list[str]], final: bool) -> Iterator[Chunk]:
        held_starts, held = self.pending
        starts, records = held_starts + starts, held + records
        if not records:
            return
        if not final:
            if len(records) < self.file.chunk_rows:
                self.pending = (starts, records)
                return
            last = _last_run(records, self.header.roles[Role.ID])  # type: ignore[union-attr]
            if last == 0:
                self.pending = (starts, records)
                return
            self.pending = (starts[last:], records[last:])
            starts, records = starts[:last], records[:last]
        else:
            self.pending = ([], [])
        yield from self._people_of_rows(starts, records)

    def _people_of_rows(self, starts: list[int], records: list[list[str]]) -> Iterator[Chunk]:
        assert self.header is not None
        roles = self.header.roles
        columns, skip, bad, ids, position, dates, purposes, performance, potential = self._common(
            starts, records
        )
        competency = self._coded(
            Role.COMPETENCY, columns[roles[Role.COMPETENCY]], self.index.competency_at, starts, bad, skip
        )
        level = self._levels(columns[roles[Role.LEVEL]], roles[Role.LEVEL] + 1, starts, bad, skip)
        rows = np.flatnonzero(~skip)
        if not len(rows):
            return
        ids_of = np.array([ids[i] for i in rows], dtype=object)
        begins = np.ones(len(rows), bool)
        begins[1:] = ids_of[1:] != ids_of[:-1]
        group = np.cumsum(begins) - 1
        heads = rows[begins]
        head_ids = [ids[i] for i in heads]
        head_starts = [starts[i] for i in heads]
        head_bad = bad[heads].copy()
        self._unique(head_ids, head_starts, head_bad, np.zeros(len(heads), bool), long=True)
        row_bad = bad[rows] | head_bad[group]
        self._agree(rows, group, heads, position, purposes, performance, potential, starts, row_bad)
        self._once(rows, group, competency, starts, row_bad)
        people = len(heads)
        levels = np.full((people, len(self.index.competencies)), np.nan, np.float32)
        scored = (competency[rows] >= 0) & (level[rows] != cells.BAD)
        levels[group[scored], competency[rows][scored]] = level[rows][scored]
        latest = np.array([dates[i] or "NaT" for i in rows], dtype="datetime64[D]")
        latest = np.maximum.reduceat(latest, np.flatnonzero(begins)).astype(str).tolist()
        person_bad = np.bincount(group, weights=row_bad, minlength=people) > 0
        keep = np.flatnonzero(~person_bad)
        self._unscored(levels, keep, head_starts)
        if len(keep):
            yield self._chunk(
                keep,
                head_ids,
                position[heads],
                levels,
                latest,
                [purposes[i] for i in heads],
                performance[heads],
                potential[heads],
                head_starts,
            )

    def _agree(self, rows, group, heads, position, purposes, performance, potential, starts, row_bad) -> None:  # type: ignore[no-untyped-def]
        """Every row of a person says what the person's first row says."""
        assert self.header is not None
        roles = self.header.roles
        first = heads[group]
        purpose_array = np.array(purposes, dtype=object)
        valid_purpose = purpose_array != ""
        checks = (
            (Role.POSITION, _differ(position, rows, first, position >= 0), "jabatan", "position"),
            (Role.PURPOSE, _differ(purpose_array, rows, first, valid_purpose), "tujuan", "purpose"),
            (
                Role.PERFORMANCE,
                _differ(performance, rows, first, performance != cells.BAD),
                "kinerja",
                "performance",
            ),
            (Role.POTENTIAL, _differ(potential, rows, first, potential != cells.BAD), "potensi", "potential"),
        )
        for role, differs, word_id, word_en in checks:
            if role not in roles:
                continue
            for r in np.flatnonzero(differs & ~row_bad):
                row_bad[r] = True
                i, head = rows[r], first[r]
                self.problems.add(
                    "KMP215",
                    starts[i],
                    roles[role] + 1,
                    Message(
                        f"Orang yang sama diberi {word_id} lain daripada di baris {starts[head]}.",
                        f"The same person is given another {word_en} than on row {starts[head]}.",
                    ),
                )

    def _once(self, rows, group, competency, starts, row_bad) -> None:  # type: ignore[no-untyped-def]
        """Each competency of a person assessed on one row only."""
        assert self.header is not None
        codes = competency[rows]
        valid = np.flatnonzero(codes >= 0)
        keys = group[valid].astype(np.int64) * max(1, len(self.index.competencies)) + codes[valid]
        order = np.argsort(keys, kind="stable")
        repeated = np.flatnonzero(keys[order][1:] == keys[order][:-1])
        at = self.header.roles[Role.COMPETENCY] + 1
        for k in repeated:
            r, earlier = valid[order[k + 1]], valid[order[k]]
            row_bad[r] = True
            code = self.index.competencies[codes[r]]
            self.problems.add(
                "KMP215",
                starts[rows[r]],
                at,
                Message(
                    f"Kompetensi {code} orang ini sudah dinilai di baris {starts[rows[earlier]]}.",
                    f"This person's competency {code} was already assessed on row {starts[rows[earlier]]}.",
                ),
            )


def _column(columns: list[tuple[str, ...]], roles: dict[Role, int], role: Role) -> tuple[str, ...] | None:
    return columns[roles[role]] if role in roles else None


def _differ(values: np.ndarray, rows: np.ndarray, first: np.ndarray, valid: np.ndarray) -> np.ndarray:
    """Rows whose value differs from their person's first row, both read without a problem (NaN, no
    data, equals NaN)."""
    here, there = values[rows], values[first]
    same = here == there
    if here.dtype.kind == "f":
        same |= np.isnan(here) & np.isnan(there)
    return ~same & valid[rows] & valid[first]


def _last_run(records: list[list[str]], at: int) -> int:
    """Where the last run of one id begins (its rows may go on in the next batch)."""
    last = records[-1][at].strip() if len(records[-1]) > at else ""
    i = len(records) - 1
    while i > 0 and (records[i - 1][at].strip() if len(records[i - 1]) > at else "") == last:
        i -= 1
    return i

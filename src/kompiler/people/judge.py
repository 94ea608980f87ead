"""Judging a batch of assessment records column by column, with what the file taught so far.

A batch is transposed into columns once; each column is then converted by its fast path (a lookup
mapped over it in C, see :mod:`kompiler.people.cells`) and only the cells the fast path does not know
are looked at one by one, reported where wrong. A wrong cell marks its row ``bad``: the layouts leave
that person out of the chunk. The judge remembers across batches what makes the next one cheaper or
the messages better: the first row of every id (duplicates), the dates already parsed, the closest
code suggested for a misspelt one.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from itertools import repeat

import numpy as np

from kompiler.diagnostics import Message, grouped
from kompiler.people import cells
from kompiler.people.problems import Problems
from kompiler.rules.common import did_you_mean

SUGGESTED = 50

Judged = float | str | Message | cells.Bad


@dataclass
class Batch:
    """Consecutive records: the row each starts on, their cells by column, and which rows are blank
    (``skip``: a spreadsheet's empty lines, passed over without a word) or wrong (``bad``)."""

    starts: list[int]
    columns: list[tuple[str, ...]]
    skip: np.ndarray
    bad: np.ndarray

    def __len__(self) -> int:
        return len(self.starts)

    def column(self, at: int | None) -> tuple[str, ...] | None:
        return None if at is None else self.columns[at]


class Judge:
    """The column steps of one reading; ``at`` is a column's 0-based index in the header."""

    def __init__(
        self, problems: Problems, *, allow_personal: bool, today: date, purposes: tuple[str, ...]
    ) -> None:
        self.problems, self.allow_personal, self.today, self.purposes = (
            problems,
            allow_personal,
            today,
            purposes,
        )
        self.first: dict[str, int] = {}
        self.dates: dict[str, str] = {}
        self.suggestions: dict[str, str] = {}
        # Rows whose id is read only because personal data is allowed (an NIP, a name), and the first.
        self.personal_ids = 0
        self.first_personal_id = (0, 0)

    def batch(self, starts: list[int], records: list[list[str]], width: int, at_id: int) -> Batch:
        """The records as columns of ``width`` cells: a short record padded, a long one reported where
        it holds a value past the header (a separator inside a value) and cut."""
        bad = np.zeros(len(records), bool)
        if not set(map(len, records)) <= {width}:
            for i, record in enumerate(records):
                if len(record) < width:
                    record.extend(repeat("", width - len(record)))
                elif len(record) > width:
                    bad[i] = self._too_long(record, width, starts[i])
                    del record[width:]
        columns = list(zip(*records, strict=True)) if records else [()] * width
        skip = np.zeros(len(records), bool)
        ids = columns[at_id]
        if "" in ids or any(map(str.isspace, ids)):
            for i in [i for i, value in enumerate(ids) if not value or value.isspace()]:
                skip[i] = not any(cell.strip() for cell in records[i])
        return Batch(starts, columns, skip, bad)

    def _too_long(self, record: list[str], width: int, row: int) -> bool:
        extra = [c for c, value in enumerate(record[width:], start=width + 1) if value.strip()]
        if extra:
            self.problems.add(
                "KMP204",
                row,
                extra[0],
                Message(
                    f"Baris ini berisi nilai di kolom {extra[0]}, judul tabel hanya {width} kolom: tanda pemisah "
                    "di dalam nilai? (Koma desimal di CSV yang dipisah koma harus diberi tanda kutip, atau pakai "
                    "';' sebagai pemisah.)",
                    f"This row holds a value in column {extra[0]} but the header has {width} columns: a "
                    "separator inside a value? (A decimal comma in a comma-separated CSV must be quoted, or use "
                    "';' as the separator.)",
                ),
            )
        return bool(extra)

    def ids(self, batch: Batch, at: int) -> list[str]:
        """The ids, each a pseudonym or reported (personal data, a formula, an empty cell …)."""
        ids = list(batch.columns[at])
        match = cells.ID_PATTERN.fullmatch
        for i in [i for i, value in enumerate(ids) if not match(value)]:
            if batch.skip[i]:
                continue
            wrong = cells.person_id(ids[i], self.allow_personal)
            if wrong:
                batch.bad[i] = True
                self.problems.add(wrong.code, batch.starts[i], at + 1, wrong.message)
            else:
                ids[i] = ids[i].strip()
                if self.allow_personal and not cells.pseudonym(ids[i]):
                    if not self.personal_ids:
                        self.first_personal_id = (batch.starts[i], at + 1)
                    self.personal_ids += 1
        return ids

    def warn_personal_ids(self) -> None:
        """Say once, at the first, how many rows have an id that personal data being allowed let in: it
        becomes a file name and a CSV key in the private folder, where it is read by whoever opens it."""
        if not self.personal_ids:
            return
        rows = grouped(self.personal_ids)
        self.problems.warn(
            "KMP219",
            *self.first_personal_id,
            Message(
                f"{rows.id} baris memuat id yang tampak seperti data pribadi (NIP, NIK, nama …), yang pertama "
                "di sini; dengan --izinkan-data-pribadi id itu menjadi nama berkas (kesenjangan/<id>.md …) "
                "dan kunci baris CSV di folder pribadi. Pakai pseudonim seperti P-0001 bila hasilnya dibagikan.",
                f"{rows.en} row(s) have an id that looks like personal data (an NIP, an NIK, a name …), the "
                "first here; with --izinkan-data-pribadi such an id becomes a file name (kesenjangan/<id>.md …) "
                "and a CSV row key in the private folder. Use a pseudonym such as P-0001 when the results "
                "are shared.",
            ),
        )

    def unique(
        self, ids: list[str], starts: list[int], bad: np.ndarray, skip: np.ndarray, at: int, long: bool
    ) -> None:
        """Every id once in the file (blank rows, ``skip``, aside), whatever its letters' case: an id
        becomes a file name (``kesenjangan/<id>.md``), and on a case-insensitive disk (Windows, macOS,
        a zip opened there) ``P-0001`` and ``p-0001`` would be one file, one person's overwriting the
        other's. The first row of each id is remembered in a plain dict (a million of them cost a few
        tens of MB); a batch without blank rows or repeats costs three C calls."""
        keys = list(map(str.casefold, ids))
        if skip.any():
            rows: list[int] | range = np.flatnonzero(~skip).tolist()
            batch = {keys[i]: starts[i] for i in reversed(rows)}
        else:
            rows = range(len(keys))
            batch = dict(zip(reversed(keys), reversed(starts), strict=True))
        clash = batch.keys() & self.first.keys()
        if clash or len(batch) < len(rows):
            seen: dict[str, int] = {}
            for i in rows:
                earlier = self.first.get(keys[i], seen.get(keys[i]))
                if earlier is None:
                    seen[keys[i]] = starts[i]
                    continue
                bad[i] = True
                self.problems.add("KMP208", starts[i], at + 1, _repeated(earlier, ids[i], long))
            for value in clash:
                del batch[value]
        self.first.update(batch)

    def codes(self, batch: Batch, at: int, table: dict[str, int], position: bool) -> np.ndarray:
        """Position (``position``) or competency codes as the index's numbers, -1 where wrong; a code
        is found whatever its case and surrounding spaces."""
        column = batch.columns[at]
        numbers = np.fromiter(map(table.get, column, repeat(-1)), np.int32, len(column))
        for i in np.flatnonzero(numbers < 0):
            if batch.skip[i]:
                continue
            text = column[i]
            number = table.get(text.strip().upper(), -1)
            if number >= 0:
                numbers[i] = number
                continue
            batch.bad[i] = True
            wrong = cells.refusal(text, self.allow_personal) or self._unknown(text.strip(), table, position)
            self.problems.add(wrong.code, batch.starts[i], at + 1, wrong.message)
        return numbers

    def _unknown(self, text: str, table: dict[str, int], position: bool) -> cells.Bad:
        """A code the corpus does not have, with the closest one (asked of difflib for the first
        ``SUGGESTED`` distinct codes only: each question scans every code of the corpus)."""
        code = "KMP209" if position else "KMP210"
        if not text and position:
            return cells.Bad(code, Message("Kode jabatan kosong.", "The position code is empty."))
        if not text:
            return cells.Bad(code, Message("Kode kompetensi kosong.", "The competency code is empty."))
        if text not in self.suggestions and len(self.suggestions) < SUGGESTED:
            close = difflib.get_close_matches(text.upper(), list(table), n=1)
            self.suggestions[text] = close[0] if close else ""
        hint_id, hint_en = did_you_mean([self.suggestions[text]] if self.suggestions.get(text) else [])
        if position:
            said = cells.named(text, Message("kode jabatan", "position code"))
            return cells.Bad(
                code,
                Message(
                    f"{said.id} tidak ada dalam standar.{hint_id}",
                    f"{said.en} is not in the standards.{hint_en}",
                ),
            )
        said = cells.named(text, Message("kode kompetensi", "competency code"))
        return cells.Bad(
            code,
            Message(
                f"{said.id} tidak ada dalam kamus.{hint_id}",
                f"{said.en} is not in the dictionaries.{hint_en}",
            ),
        )

    def levels(self, batch: Batch, at: int) -> np.ndarray:
        """Levels 1–5 as float32, NaN where not assessed."""
        column = batch.columns[at]
        values = cells.levels_of(column)
        misses = np.flatnonzero(values == cells.BAD)
        for i, value in self._mend(batch, at, misses, cells.level, "KMP211"):
            values[i] = value
        return values

    def scores(
        self, batch: Batch, at: int | None, ratings: bool, scale: tuple[float, float] | None = None
    ) -> np.ndarray:
        """Performance (``ratings``: its words too) or potential, NaN where none (or no column); a value
        read but outside ``scale`` (the talent policy's, narrower than what a cell may hold) is reported
        at its cell: the policy's cut points are on that scale, so such a value would land in a box
        by accident."""
        column = batch.column(at)
        if column is None or at is None:
            return np.full(len(batch), np.nan, np.float32)
        values = np.fromiter(map(cells.SCORES.get, column, repeat(cells.BAD)), np.float32, len(column))
        misses = np.flatnonzero(values == cells.BAD)
        for i, value in self._mend(batch, at, misses, lambda text: cells.score(text, ratings), "KMP214"):
            values[i] = value
        if scale is not None:
            axis = (
                Message("nilai kinerja", "performance value")
                if ratings
                else Message("nilai potensi", "potential value")
            )
            self._off_scale(batch, at, values, scale, axis)
        return values

    def _off_scale(
        self, batch: Batch, at: int, values: np.ndarray, scale: tuple[float, float], axis: Message
    ) -> None:
        start, end = scale
        shown = f"{start:g}–{end:g}"
        read = (values != cells.BAD) & ~batch.skip  # an empty cell (NaN) is outside no scale
        for i in np.flatnonzero(read & ((values < start) | (values > end))).tolist():
            batch.bad[i] = True
            said = cells.named(batch.columns[at][i], axis)
            self.problems.add(
                "KMP214",
                batch.starts[i],
                at + 1,
                Message(
                    f"{said.id} di luar skala {shown.replace('.', ',')} yang dinyatakan kebijakan "
                    "talenta (pengembangan/, bagian talenta, skala); batas kotak 9 berlaku pada skala itu.",
                    f"{said.en} is outside the scale {shown} the talent policy states "
                    "(pengembangan/, section talenta, skala); the 9-box cut points apply on that scale.",
                ),
            )

    def dates_of(self, batch: Batch, at: int) -> list[str]:
        """ISO dates; each distinct text is parsed once (a file holds a few assessment days)."""
        column, known = batch.columns[at], self.dates
        found = list(map(known.get, column, repeat("")))
        if "" not in found:
            return found
        misses = [i for i, value in enumerate(found) if not value]
        judge = lambda text: cells.assessment_date(text, self.today)  # noqa: E731
        unknown = (i for i in misses if column[i] not in known)  # read lazily: known grows meanwhile
        for i, value in self._mend(batch, at, unknown, judge, "KMP212"):
            known[column[i]] = value
        for i in misses:
            found[i] = known.get(column[i], "")
        return found

    def purposes_of(self, batch: Batch, at: int | None) -> list[str]:
        """The purpose of each row; the first known purpose where the cell or the column is empty."""
        column, known = batch.column(at), self.purposes
        if column is None or at is None:
            return [known[0]] * len(batch)
        table = {"": known[0], **{p: p for p in known}}
        found = list(map(table.get, column, repeat("")))
        misses = [i for i, value in enumerate(found) if not value]
        for i, value in self._mend(batch, at, misses, lambda text: cells.purpose(text, known), "KMP213"):
            found[i] = value
        return found

    def _mend(
        self, batch: Batch, at: int, misses: Iterable[int], judge: Callable[[str], Judged], code: str
    ) -> Iterator[tuple[int, float | str]]:
        """The cells at ``misses`` (off the fast path) read by ``judge``, as (row, value); a cell refused
        for what it holds, or that ``judge`` cannot read (a message, reported under ``code``), marks
        its row bad."""
        column = batch.columns[at]
        for i in misses:
            if batch.skip[i]:
                continue
            text = column[i]
            read = cells.refusal(text, self.allow_personal) or judge(text)
            if isinstance(read, Message):
                read = cells.Bad(code, read)
            if isinstance(read, cells.Bad):
                batch.bad[i] = True
                self.problems.add(read.code, batch.starts[i], at + 1, read.message)
            else:
                yield i, read


def _repeated(earlier: int, value: str, long: bool) -> Message:
    """KMP208's words for an id first seen on row ``earlier``; an id with letters is told that their case
    does not tell two people apart."""
    case_id = case_en = ""
    if value.upper() != value.lower():
        case_id = " Huruf besar dan kecil tidak membedakan id (id menjadi nama berkas)."
        case_en = " Upper and lower case do not tell ids apart (an id becomes a file name)."
    hint_id = " Baris satu orang harus berurutan: urutkan menurut id." if long else ""
    hint_en = " One person's rows must be consecutive: sort by id." if long else ""
    return Message(
        f"Id ini sudah muncul di baris {earlier}.{case_id}{hint_id}",
        f"This id already appeared on row {earlier}.{case_en}{hint_en}",
    )

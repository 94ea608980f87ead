"""The cells of an assessment file, one column at a time: a fast path for what is right, a slow one that
says what is wrong.

A million people with a dozen levels are twelve million cells, so a column is converted by a dictionary
lookup mapped over it in C (``"3"`` → 3.0, ``""`` → NaN); only a cell the table does not know takes the
slow path, which either reads it after all (`` 3 ``, ``3.0``, a date in another form) or returns the
problem. The slow path looks for personal data first (an NIP in a level cell is reported as an NIP) and
for bytes that were not UTF-8 (kept as lone surrogates by the decoder) before judging the value. A
message names a cell's text only through :func:`named`, and an id never.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import date
from itertools import repeat

import numpy as np

from kompiler.diagnostics import Message
from kompiler.people.personal_data import HOW_BRIEFLY, citable, looks_like_name, personal_cell
from kompiler.spreadsheet import FORMULA_START, quoted

NAN = math.nan
BAD = -1.0
LEVELS: dict[str, float] = {"": NAN, **{str(n): float(n) for n in range(1, 6)}}
PURPOSES = ("pemetaan", "pengisian")  # the default first
RATINGS = {"sangat kurang": 1.0, "kurang": 2.0, "butuh perbaikan": 3.0, "baik": 4.0, "sangat baik": 5.0}
SCORES: dict[str, float] = {
    "": NAN,
    **{f"{n / 10:g}": n / 10 for n in range(10, 51)},
    **{f"{n / 10:.1f}": n / 10 for n in range(10, 51)},
    **{f"{n / 10:.1f}".replace(".", ","): n / 10 for n in range(10, 51)},
}
ID_PATTERN = re.compile(r"(?=[^0-9]*[0-9])(?![0-9]+$)[A-Za-z0-9][A-Za-z0-9._-]{0,63}")
# With personal data allowed an id may be a name or an NIP in its groups, still never a formula (it
# reaches the per-person CSV files, which a spreadsheet opens) nor a control character.
_PERSONAL_ID = re.compile(r"[^\W_][\w .,'-]{0,63}")
MAX_ID = 64
EARLIEST = date(1950, 1, 1)

_SURROGATE = re.compile("[\ud800-\udfff]")
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]")
_ID_CHARACTERS = re.compile(r"[A-Za-z0-9._-]+")
_ISO = re.compile(r"([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})")
_DAY_FIRST = re.compile(r"([0-9]{1,2})[/.-]([0-9]{1,2})[/.-]([0-9]{4})")
_NUMBER = re.compile(r"[0-9]+(?:[.,][0-9]+)?")


@dataclass(frozen=True, slots=True)
class Bad:
    """Why a cell cannot be read: its diagnostic code and the sentence for the user."""

    code: str
    message: Message


def named(text: str, noun: Message) -> Message:
    """How a message names the cell holding ``text`` as a ``noun`` (lower case: ``kode kompetensi``,
    ``competency code``): with the text quoted when it cannot be personal data (:func:`citable`), "Kode
    kompetensi 'M.1'", "The competency code 'M.1'"; otherwise as the cell the diagnostic locates, "Kode
    kompetensi ini", "This competency code". The one place that decides what of a file a message shows."""
    head = noun.id[:1].upper() + noun.id[1:]
    if citable(text):
        shown = quoted(text.strip())
        return Message(f"{head} {shown}", f"The {noun.en} {shown}")
    return Message(f"{head} ini", f"This {noun.en}")


def levels_of(column: tuple[str, ...]) -> np.ndarray:
    """A column of levels as float32: 1–5, NaN for an empty cell, ``BAD`` for anything else (which the
    slow path then reads or reports).

    The common column holds only one-character cells, so it is joined into one ASCII string with NUL
    between cells and judged by NumPy at once: a third of the time of a lookup per cell, which matters
    at fifty million cells. A column with a NUL or a non-ASCII character is looked up cell by cell.
    """
    n = len(column)
    joined = "\x00".join(column)
    if not joined.isascii():
        return np.fromiter(map(LEVELS.get, column, repeat(BAD)), np.float32, n)
    data = np.frombuffer(joined.encode("ascii"), np.uint8)
    separators = np.flatnonzero(data == 0)
    if len(separators) != n - 1:
        return np.fromiter(map(LEVELS.get, column, repeat(BAD)), np.float32, n)
    begins = np.empty(n, np.int64)
    begins[0], begins[1:] = 0, separators + 1
    lengths = np.empty(n, np.int64)
    lengths[:-1], lengths[-1] = separators - begins[:-1], len(data) - begins[-1]
    if not len(data):
        return np.full(n, NAN, np.float32)
    digits = data[np.minimum(begins, len(data) - 1)].astype(np.float32) - 48
    values = np.where((lengths == 1) & (digits >= 1) & (digits <= 5), digits, BAD).astype(np.float32)
    values[lengths == 0] = NAN
    return values


def refusal(text: str, allow_personal: bool) -> Bad | None:
    """The problem every cell is asked about before its column's: bytes that were not UTF-8, then
    personal data (unless allowed)."""
    if _SURROGATE.search(text):
        return Bad(
            "KMP201",
            Message(
                "Sel ini berisi byte yang bukan UTF-8 (berkas disimpan sebagai Latin-1/ANSI?): simpan ulang "
                "dari Excel sebagai 'CSV UTF-8'.",
                "This cell holds bytes that are not UTF-8 (a file saved as Latin-1/ANSI?): save it again "
                "from Excel as 'CSV UTF-8'.",
            ),
        )
    if allow_personal:
        return None
    kind = personal_cell(text)
    if kind is None:
        return None
    return Bad(
        "KMP206",
        Message(
            f"Sel ini tampak berisi {kind.id}: data pribadi tidak boleh ada dalam berkas asesmen. {HOW_BRIEFLY.id}",
            f"This cell looks like {kind.en}: personal data has no place in an assessment file. {HOW_BRIEFLY.en}",
        ),
    )


def person_id(text: str, allow_personal: bool) -> Bad | None:
    """Why ``text`` is not a pseudonym, or ``None`` when it is one (or personal data is allowed)."""
    refused = refusal(text, allow_personal)
    if refused:
        return refused
    stripped = text.strip()
    if allow_personal and _PERSONAL_ID.fullmatch(stripped):
        return None
    if _pseudonym_form(stripped):
        return None
    if looks_like_name(stripped):
        return Bad(
            "KMP206",
            Message(
                f"Id ini tampak seperti nama orang (tidak memuat angka). {HOW_BRIEFLY.id}",
                f"This id looks like a person's name (it holds no digit). {HOW_BRIEFLY.en}",
            ),
        )
    return Bad("KMP207", _invalid_id(stripped))


def pseudonym(text: str) -> bool:
    """Whether an id that :func:`person_id` let in with personal data allowed would pass without that
    allowance too (no personal datum, a pseudonym's form); asked of every such id, so no problem is worded."""
    return personal_cell(text) is None and _pseudonym_form(text.strip())


def _pseudonym_form(stripped: str) -> bool:
    """Letters and digits holding a digit (P-0001), or a plain number."""
    return bool(ID_PATTERN.fullmatch(stripped)) or (
        stripped.isdigit() and stripped.isascii() and len(stripped) <= MAX_ID
    )


def _invalid_id(text: str) -> Message:
    """Why ``text`` is no id, never quoting it: an id that is not a pseudonym may be anything."""
    if not text:
        return Message("Id kosong.", "The id is empty.")
    if text.startswith(FORMULA_START):
        return Message(
            "Id ini tampak seperti rumus spreadsheet; rumus tidak pernah dievaluasi dan tidak diterima "
            "sebagai id.",
            "This id looks like a spreadsheet formula; formulas are never evaluated and not accepted as an id.",
        )
    if _CONTROL.search(text):
        return Message("Id ini berisi karakter kontrol.", "This id holds a control character.")
    if len(text) > MAX_ID:
        return Message(
            f"Id lebih dari {MAX_ID} karakter ({len(text)}).", f"The id is longer than {MAX_ID} characters."
        )
    if not _ID_CHARACTERS.fullmatch(text):
        return Message(
            "Id hanya boleh berisi huruf, angka, titik, garis bawah, dan tanda hubung.",
            "An id may hold only letters, digits, dots, underscores and hyphens.",
        )
    return Message(
        "Id harus memuat angka dan diawali huruf atau angka, seperti P-0001.",
        "An id must hold a digit and start with a letter or a digit, like P-0001.",
    )


def level(text: str) -> float | Message:
    """A level 1–5 written otherwise than the fast path knows (`` 3 ``, ``3.0``), or why it is none."""
    stripped = text.strip()
    value = _number(stripped)
    if value is not None and value.is_integer() and 1 <= value <= 5:
        return value
    said = named(stripped, Message("level", "level"))
    return Message(
        f"{said.id} bukan bilangan bulat 1–5; kosongkan sel bila belum dinilai.",
        f"{said.en} is not a whole number 1–5; leave the cell empty when not assessed.",
    )


def score(text: str, ratings: bool) -> float | Message:
    """A performance (``ratings``: its PermenPANRB 6/2022 words too) or potential value 1–5."""
    stripped = text.strip()
    if not stripped:
        return NAN
    if ratings and stripped.lower() in RATINGS:
        return RATINGS[stripped.lower()]
    value = _number(stripped)
    if value is not None and 1 <= value <= 5:
        return value
    words = " atau predikat kinerja (Baik, Sangat Baik, …)" if ratings else ""
    words_en = " or a performance rating (Baik, Sangat Baik, …)" if ratings else ""
    said = named(stripped, Message("nilai", "value"))
    return Message(
        f"{said.id} bukan angka 1–5{words}; kosongkan sel bila tidak ada data.",
        f"{said.en} is not a number 1–5{words_en}; leave the cell empty when there is no data.",
    )


def _number(text: str) -> float | None:
    if not _NUMBER.fullmatch(text):
        return None
    return float(text.replace(",", "."))


def assessment_date(text: str, today: date) -> str | Message:
    """An ISO date from ``2026-03-31``, ``31/03/2026`` or ``31-03-2026`` (day first, as Indonesia writes),
    or why the cell is none."""
    stripped = text.strip()
    said = named(stripped, Message("tanggal", "date"))
    found = _ISO.fullmatch(stripped)
    parts = (found.group(1), found.group(2), found.group(3)) if found else None
    if parts is None and (found := _DAY_FIRST.fullmatch(stripped)):
        parts = (found.group(3), found.group(2), found.group(1))
    if parts is None:
        return Message(
            f"{said.id} tidak dikenali; tulis 2026-03-31 atau 31/03/2026.",
            f"{said.en} is not recognised; write 2026-03-31 or 31/03/2026.",
        )
    try:
        day = date(int(parts[0]), int(parts[1]), int(parts[2]))
    except ValueError:
        return Message(
            f"{said.id} tidak ada di kalender.",
            f"{said.en} does not exist.",
        )
    if day > today or day < EARLIEST:
        return Message(
            f"{said.id} di luar rentang yang mungkin ({EARLIEST.isoformat()} sampai hari ini).",
            f"{said.en} is out of the possible range ({EARLIEST.isoformat()} to today).",
        )
    return day.isoformat()


def purpose(text: str, known: tuple[str, ...]) -> str | Message:
    """One of the ``known`` purposes (the first when the cell is empty), whatever its case."""
    stripped = text.strip().lower()
    if stripped in known:
        return stripped
    if not stripped:
        return known[0]
    said = named(text, Message("tujuan", "purpose"))
    return Message(
        f"{said.id} tidak dikenal; tulis {' atau '.join(known)}.",
        f"{said.en} is not known; write {' or '.join(known)}.",
    )

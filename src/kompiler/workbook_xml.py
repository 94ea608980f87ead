"""Bounds on the XML of a workbook kompiler did not write, enforced on the bytes as openpyxl reads them.

openpyxl holds in memory what it parses: a part it reads whole (the workbook, styles, theme …) as a tree,
and of a part it streams (a worksheet's rows, the shared strings) every element that is not a row or a
string, whose contents it clears, plus one row or string at a time. Bounding the archive's unpacked size
is not enough: kilobytes of compressed XML unpack to a single 1.5 GB cell or to 26 million empty cells in
one row, and openpyxl took 3 GB for the first and 8 GB and a minute for the second (2 GiB may be unpacked).
So every part passes through :class:`GuardedArchive`, which refuses, before the parser has the bytes:

- a run of more than :data:`MAX_RUN` bytes without ``<``: a text or a tag longer than any cell (Excel
  keeps 32,767 characters a cell);
- a DTD (entities that expand), a CDATA section (text holding ``<``), or XML in another encoding than
  UTF-8 (whose ``<`` is not the byte counted): spreadsheet programs write none of them;
- more than :data:`LOOSE_TAGS` tags outside rows (strings) — in a part read whole, more than that many
  tags at all — or more than :data:`RECORD_TAGS` in one row (string), or more rows (strings) than allowed.

A row counts as one only where openpyxl takes it for one: inside the worksheet's first ``sheetData``,
named with a prefix the root element binds to the SpreadsheetML namespace, none being declared again
before the rows end (a ``row`` of another namespace would be kept whole by openpyxl, so it is counted as
loose tags). Parts are read whole while the workbook loads, except the shared strings' first reading;
once loaded (:meth:`GuardedArchive.loaded`) the parts read are the worksheets, streamed.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass
from typing import IO, Any

from kompiler.diagnostics import Message

MAIN_NAMESPACE = b"http://schemas.openxmlformats.org/spreadsheetml/2006/main"
# A cell holds at most 32,767 characters (Excel's limit), 4 bytes each in UTF-8 and 6 when escaped.
MAX_RUN = 1 << 20
# Excel's 16,384 columns, each a cell, value, formula and inline string with their end tags.
RECORD_TAGS = 1 << 18
# What openpyxl keeps of a part: merged cells, links, formats, a style sheet's entries, the rows' shells.
LOOSE_TAGS = 1 << 20
# The last row a worksheet can have (Excel's limit).
SHEET_ROWS = 1_048_576

_EVENT = re.compile(rb"<(/?)(?:([A-Za-z_][\w.\-]*):)?(row|si|sheetData)(?=[\s/>])|xmlns")
_FORBIDDEN = (b"<!DOCTYPE", b"<!ENTITY", b"<![CDATA[")
_ROOT = re.compile(rb"<(?![?!])")
_ATTRIBUTE = re.compile(rb"""([^\s=/<>]+)\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_DECLARATION = re.compile(rb"""<\?xml[^>]*?encoding\s*=\s*["']([^"']*)["']""")
_TAG_END = re.compile(rb"""(?:"[^"]*"|'[^']*'|[^"'>])*>""")


class XmlRefused(Exception):
    """A workbook part that is not read on; ``message`` says why in both languages."""

    def __init__(self, message: Message) -> None:
        super().__init__(message.en)
        self.message = message


FOREIGN = Message(
    "Buku kerja memuat XML yang tidak ditulis program spreadsheet (DTD, CDATA, pengodean selain UTF-8, "
    "atau ruang nama di dalam baris); berkas ini tidak dibuka. Simpan ulang dari Excel, atau sebagai CSV.",
    "The workbook holds XML that no spreadsheet program writes (a DTD, CDATA, an encoding other than "
    "UTF-8, or a namespace inside its rows); the file is not opened. Save it again from Excel, or as CSV.",
)


def _long_run() -> Message:
    size = MAX_RUN >> 20
    return Message(
        f"Sebuah sel atau tag dalam buku kerja lebih dari {size} MiB; berkas ini tidak dibuka. Simpan "
        "ulang dari Excel, atau sebagai CSV.",
        f"A cell or tag of the workbook is longer than {size} MiB; the file is not opened. Save it again "
        "from Excel, or as CSV.",
    )


def _too_many(what: Message) -> Message:
    return Message(
        f"Buku kerja memuat {what.id}; berkas ini tidak dibuka. Simpan ulang dari Excel, atau sebagai CSV.",
        f"The workbook holds {what.en}; the file is not opened. Save it again from Excel, or as CSV.",
    )


def _more_than(count: int, what_id: str, what_en: str) -> Message:
    return Message(f"lebih dari {count:,} {what_id}".replace(",", "."), f"more than {count:,} {what_en}")


class _Scan:
    """The bounds of one reading of one part. ``record`` is the tag openpyxl streams and clears
    (``row``, ``si``), or ``None`` for a part parsed whole; ``records`` how many there may be."""

    def __init__(self, record: bytes | None, records: int) -> None:
        self.record, self.records_allowed = record, records
        self.tail = bytearray()  # from the last '<' read: a tag and text not yet followed by a '<'
        self.run = 0
        self.started = False
        self.main: set[bytes] | None = None  # prefixes the root binds to SpreadsheetML (b"" the default)
        # 0 before the rows, 1 among them, 2 after; the shared strings are all among them.
        self.sheet_data = 0 if record == b"row" else 1
        self.depth = 0
        self.loose = self.in_record = self.records = 0

    def feed(self, chunk: bytes) -> None:
        first = chunk.find(b"<")
        if first < 0:
            self.run += len(chunk)
            if self.run > MAX_RUN:
                raise XmlRefused(_long_run())
            self.tail += chunk
            return
        if self.run + first > MAX_RUN:
            raise XmlRefused(_long_run())
        last = chunk.rfind(b"<")
        self.run = len(chunk) - last - 1
        self.tail += chunk[:last]
        region, self.tail = bytes(self.tail), bytearray(chunk[last:])
        self._scan(region)

    def close(self) -> None:
        region, self.tail = bytes(self.tail), bytearray()
        self._scan(region)

    def _scan(self, region: bytes) -> None:
        """Judge ``region``: whole tags, each followed by its text, the last one's text ending the region."""
        if not self.started and region.strip():
            self.started = True
            _check_head(region)
        if any(forbidden in region for forbidden in _FORBIDDEN):
            raise XmlRefused(FOREIGN)
        if self.main is None and self.record is not None:
            root = _ROOT.search(region)
            if root is None:
                self.loose += region.count(b"<")
                return
            self.main = _main_prefixes(region, root.start())
            end = root.start() + len(_tag(region, root.start()))
            self.loose += region.count(b"<", 0, end)
            region = region[end:]
        if self.record is None:
            self.loose += region.count(b"<")
        else:
            self._events(region)
        if self.loose > LOOSE_TAGS:
            raise XmlRefused(
                _too_many(_more_than(LOOSE_TAGS, "elemen di luar baris", "elements outside rows"))
            )

    def _events(self, region: bytes) -> None:
        at = 0
        # The '<' last before an "xmlns" (searched for only since the one before) and the tag last judged:
        # each tag is judged once, since one of 1 MiB holding "xmlns" 200,000 times took minutes otherwise.
        tag, searched, judged = -1, 0, -1
        for found in _EVENT.finditer(region):
            self._count(region.count(b"<", at, found.start()))
            at = found.start()
            closing, prefix, name = found.group(1), found.group(2) or b"", found.group(3)
            if name is None:  # "xmlns": a declaration when in a tag, refused until the rows end
                if self.depth or self.sheet_data < 2:
                    tag, searched = max(tag, region.rfind(b"<", searched, at + 1)), at + 1
                    if tag != judged and _declares(region, tag, at):
                        raise XmlRefused(FOREIGN)
                    judged = tag
                continue
            ours = self.main is not None and prefix in self.main
            if name == b"sheetData":
                if ours and not closing and self.sheet_data == 0:
                    self.sheet_data = 1
                elif ours and closing and self.sheet_data == 1:
                    self.sheet_data = 2
                continue
            if name != self.record or not ours or self.sheet_data != 1:
                continue
            if closing:
                if self.depth:
                    self.in_record += 1
                    at += 1
                    self.depth -= 1
                continue
            if _self_closing(region, found.end()):
                self._add_record()
                continue
            if not self.depth:
                self._add_record()
                self.in_record = 0
            self.depth += 1
        self._count(region.count(b"<", at))

    def _count(self, tags: int) -> None:
        if self.depth:
            self.in_record += tags
            if self.in_record > RECORD_TAGS:
                raise XmlRefused(
                    _too_many(_more_than(RECORD_TAGS, "elemen dalam satu baris", "elements in one row"))
                )
        else:
            self.loose += tags

    def _add_record(self) -> None:
        self.records += 1
        if self.records > self.records_allowed:
            raise XmlRefused(_too_many(_more_than(self.records_allowed, "baris atau teks", "rows or texts")))


def _check_head(region: bytes) -> None:
    """Refuse a part in another encoding than UTF-8: its ``<`` would not be the byte counted."""
    head = region.removeprefix(b"\xef\xbb\xbf")
    if b"\x00" in head[:4] or head[:2] in (b"\xfe\xff", b"\xff\xfe") or not head.lstrip().startswith(b"<"):
        raise XmlRefused(FOREIGN)
    declared = _DECLARATION.match(head.lstrip())
    if declared and declared.group(1).lower() not in (b"utf-8", b"utf8", b"us-ascii"):
        raise XmlRefused(FOREIGN)


def _tag(region: bytes, start: int) -> bytes:
    """The tag starting at ``start`` (its '<'), up to its '>' outside quotes."""
    end = _TAG_END.match(region, start)
    return region[start : end.end() if end else len(region)]


def _declares(region: bytes, start: int, at: int) -> bool:
    """Whether the tag at ``start``, the last '<' before ``at``, holds ``at`` and declares a namespace
    (``at`` may lie in the text after it)."""
    if start < 0:
        return False
    tag = _tag(region, start)
    return start + len(tag) > at and any(name.startswith(b"xmlns") for name, *_ in _ATTRIBUTE.findall(tag))


def _self_closing(region: bytes, after_name: int) -> bool:
    end = _TAG_END.match(region, after_name)
    return bool(end) and region[end.end() - 2 : end.end() - 1] == b"/"


def _main_prefixes(region: bytes, start: int) -> set[bytes]:
    prefixes = set()
    for name, double, single in _ATTRIBUTE.findall(_tag(region, start)):
        value = double or single
        if value == MAIN_NAMESPACE and (name == b"xmlns" or name.startswith(b"xmlns:")):
            prefixes.add(name[6:])
    return prefixes


class _GuardedPart(io.RawIOBase):
    """A part's stream that hands on only bytes its :class:`_Scan` accepts."""

    def __init__(self, inner: IO[bytes], scan: _Scan) -> None:
        self._inner, self._scan = inner, scan

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        data = self._inner.read(min(len(buffer), MAX_RUN))
        if data:
            self._scan.feed(data)
        else:
            self._scan.close()
        buffer[: len(data)] = data
        return len(data)

    def close(self) -> None:
        self._inner.close()
        super().close()


@dataclass(frozen=True)
class Parts:
    """The parts a workbook's [Content_Types].xml declares that openpyxl streams: its shared strings
    (``None`` when it has none) with how many entries they may hold, and its worksheets."""

    strings: str | None
    strings_allowed: int
    worksheets: frozenset[str]


# What openpyxl is given for a worksheet while the workbook loads: it reads each sheet then for its
# declared dimension, which kompiler never uses, and without one parses the whole sheet and keeps it.
_UNREAD_SHEET = b'<worksheet xmlns="' + MAIN_NAMESPACE + b'"/>'


class GuardedArchive:
    """A :class:`zipfile.ZipFile` whose parts are read through :class:`_Scan`, for openpyxl's reader.

    While the workbook loads, the shared strings are streamed on their first reading, a worksheet is
    not read at all, and every other part is parsed whole; once :meth:`loaded`, what is read is a
    worksheet's rows, streamed."""

    def __init__(self, archive: zipfile.ZipFile, parts: Parts) -> None:
        self._archive, self._parts = archive, parts
        self._strings = parts.strings
        self._streaming = False

    def loaded(self) -> None:
        """The workbook is loaded: what is read from now on is a worksheet's rows, streamed."""
        self._streaming = True

    def open(self, name: Any, mode: str = "r", *args: Any, **kwargs: Any) -> IO[bytes]:
        path = name.filename if isinstance(name, zipfile.ZipInfo) else name
        if not self._streaming and path in self._parts.worksheets:
            return io.BytesIO(_UNREAD_SHEET)
        inner = self._archive.open(name, mode, *args, **kwargs)
        if self._streaming:
            scan = _Scan(b"row", SHEET_ROWS)
        elif path == self._strings:
            self._strings = None  # a second reading of the same part may be a whole one
            scan = _Scan(b"si", self._parts.strings_allowed)
        else:
            scan = _Scan(None, 0)
        return io.BufferedReader(_GuardedPart(inner, scan), buffer_size=1 << 16)

    def raw(self, name: str) -> IO[bytes]:
        """A part's bytes as the archive holds them, for a reader that bounds what it keeps itself
        (:func:`kompiler.spreadsheet.unsaved_formula`); the bounds here cost it ten times its own work."""
        return self._archive.open(name)

    def read(self, name: Any, *args: Any) -> bytes:
        with self.open(name) as stream:
            return stream.read()

    def __getattr__(self, name: str) -> Any:
        return getattr(self._archive, name)

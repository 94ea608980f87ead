"""Strict YAML loading: bytes in, plain Python values out, every problem a located diagnostic.

Why not ``yaml.safe_load``: it silently turns ``no`` into ``False``, ``010`` into ``8`` and ``2026-01-01``
into a date, keeps the last of two duplicate keys, expands alias bombs and crashes the interpreter on very
deep nesting. Drafters need every one of those to be an error at the line where it happens. So this module
composes the node tree with libyaml's C parser, then converts nodes itself with YAML 1.2 core rules and
an error for anything YAML 1.1 would have read differently.

Source positions are not kept for every node while loading (at national scale that map costs more memory
than the data); a :class:`Document` rebuilds it on the first request for a location, which only happens
for the few documents that have something to report.

Every position is a 1-based line and a 1-based column counted in characters (code points), with lines
ended only by LF, CR LF and CR, as editors, git and CI annotations count them. YAML 1.1 parsers also end
a line at U+0085, U+2028 and U+2029, and libyaml reports some offsets in bytes, so no line or column a
parser reports is used as it is: positions come from a mark's character offset, through
:class:`SourcePositions`, and excerpts from :func:`split_lines`, so the two always agree.
"""

from __future__ import annotations

import math
import re
from array import array
from bisect import bisect_right
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import yaml

from kompiler.diagnostics import Diagnostic, Location, Message, Severity, Span

Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

MAX_FILE_BYTES = 8 * 1024 * 1024
MAX_DEPTH = 64

Pointer = tuple[str | int, ...]

CODE_ENCODING = "KMP001"
CODE_SYNTAX = "KMP002"
CODE_DUPLICATE_KEY = "KMP003"
CODE_AMBIGUOUS = "KMP004"
CODE_ALIAS = "KMP005"
CODE_UNSUPPORTED = "KMP006"
CODE_TOO_DEEP = "KMP007"
CODE_EMPTY = "KMP008"
CODE_CHARACTER = "KMP017"
CODE_TOO_MANY = "KMP016"

# A file reports at most this many problems of one stage (reading, then its schema); the rest are
# counted in one closing diagnostic. An 8 MiB file of "- yes" lines holds 1.3 million ambiguous
# values: kept all, their diagnostics take gigabytes and their report hours, for nothing a drafter
# could act on before fixing the first ones.
MAX_DIAGNOSTICS = 1000
# The most values (scalars and collections) one file may hold. The largest shipped dictionary holds
# about 1,000; at the density of real standards, 8 MiB holds about 250,000. Without this bound an 8 MiB
# file of "- 1" lines (two million values) takes a minute and gigabytes to compose and validate.
MAX_NODES = 100_000

# YAML's printable set: a file holding anything else is refused before parsing, at that character's own
# position (libyaml reports the offset of such a character in bytes, not characters).
_NOT_YAML_TEXT = re.compile("[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
# Characters no text of a standard may hold, in a value or a key, however they got there (a YAML escape
# such as "\x01" makes any of them): control characters other than tab and line feed, lone surrogates,
# Unicode's noncharacters, bidirectional controls that make text read otherwise than it is stored, line
# and paragraph separators that break lines where no editor does, and a byte order mark inside text.
# Documents, XML and terminals cannot carry them; a tab and a line break (block scalars) are fine.
# The patterns take every character from U+1FFFE up as a candidate, of which only the noncharacters
# (U+nFFFE, U+nFFFF) count: naming those 32 in the class makes every search ten times slower.
_FORBIDDEN_BEYOND_ASCII = (
    "\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff\ufdd0-\ufdef\ud800-\udfff\ufffe\uffff"
    "\U0001fffe-\U0010ffff"
)
_FORBIDDEN_IN_TEXT = re.compile(f"[\x00-\x08\x0b-\x1f{_FORBIDDEN_BEYOND_ASCII}]")
# What of those a file that YAML accepts can hold written as itself (other controls are refused before
# parsing, and a carriage return is a line break, which never reaches a value): without one of these or
# a backslash (the start of an escape), no value of the file holds a forbidden character.
_FORBIDDEN_AS_WRITTEN = re.compile(f"[{_FORBIDDEN_BEYOND_ASCII}]")
_LINE_BREAK = re.compile("\r\n?|\n")
# A node property: a tag (!, !!str, !<uri>, !e!name) or an anchor (&name), and the space after it.
_PROPERTY = re.compile(r"(&[^\s,\[\]{}]*|!(?:<[^>]*>|[^\s,\[\]{}]*))\s*")
_BYTE_ORDER_MARK = "\ufeff"

_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")
_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_INT = re.compile(r"^[-+]?(?:0|[1-9][0-9]*)$")
_FLOAT = re.compile(r"^[-+]?(?:(?:\.[0-9]+|[0-9]+\.[0-9]*)(?:[eE][-+]?[0-9]+)?|[0-9]+[eE][-+]?[0-9]+)$")
_YAML11_BOOL = re.compile(r"^(?:yes|Yes|YES|no|No|NO|on|On|ON|off|Off|OFF)$")
_YAML11_TIMESTAMP = re.compile(r"^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:(?:[Tt]|[ \t]+)[0-9]{1,2}:[0-9]{2}.*)?$")
_YAML11_NUMBER = re.compile(
    r"^[-+]?(?:0[0-9_]+|0[bB][01_]+|0[xX][0-9a-fA-F_]+|0[oO][0-7_]+|[0-9][0-9_]*_[0-9_]*(?:\.[0-9_]*)?"
    r"|[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?|\.(?:inf|Inf|INF|nan|NaN|NAN))$"
)
_STR_TAG = "tag:yaml.org,2002:str"
# No value in a standard needs more digits; Python refuses to convert more than 4,300 by default.
_LONGEST_INTEGER = 100
# Plain text longer than this cannot be a null, boolean, number or date in either YAML version, so the
# resolver's "str" tag is trusted without running the patterns below.
_LONGEST_SPECIAL_PLAIN = 40
_ALLOWED_TAGS = frozenset(
    "tag:yaml.org,2002:" + name for name in ("str", "int", "float", "bool", "null", "map", "seq", "timestamp")
)


def split_lines(text: str) -> list[str]:
    """The lines of a source text, numbered as every diagnostic numbers them.

    Only LF, CR LF and CR end a line: ``str.splitlines`` also splits at U+0085, U+2028, U+2029, form feed
    and others, which would quote a different line than the one a diagnostic names. Byte order marks
    before the first line are not part of it (positions never count them).
    """
    lines = _LINE_BREAK.split(text.lstrip(_BYTE_ORDER_MARK))
    if len(lines) > 1 and lines[-1] == "":
        lines.pop()
    return lines


class SourcePositions:
    """Line and column of any character offset into a text, both 1-based, the column in code points.

    Built once per text that has something to report (an array of line starts: 8 bytes a line), so each
    position costs a binary search rather than a count from the start of the file.
    """

    def __init__(self, text: str) -> None:
        self._length = len(text)
        self._starts = array("q", [0])
        self._starts.extend(match.end() for match in _LINE_BREAK.finditer(text))

    def at(self, offset: int) -> tuple[int, int]:
        offset = min(max(offset, 0), self._length)
        index = bisect_right(self._starts, offset) - 1
        return index + 1, offset - self._starts[index] + 1

    def span(self, start: int, end: int | None = None) -> Span:
        """The span from offset ``start`` to ``end`` (exclusive); one character when ``end`` is not after it."""
        line, column = self.at(start)
        if end is None or end <= start:
            return Span(line, column, line, column + 1)
        end_line, end_column = self.at(end)
        return Span(line, column, end_line, end_column)

    def mark_span(self, start: Any, end: Any = None) -> Span:
        """The span between two parser marks, from their character offsets (never their line and column,
        which count YAML 1.1's extra line breaks)."""
        return self.span(start.index, None if end is None else end.index)


@dataclass
class Document:
    """One loaded YAML file: its text, its data, and positions for any node on request."""

    path: str
    text: str
    data: Any
    # Where the loader reported a value it could not read (a 5,000-digit number, ``1e999``, a tag, an
    # alias) and put a null in its place: that null is not the drafter's, and the schema says nothing of it.
    replaced: frozenset[Pointer] = frozenset()
    _tree: _SpanTree | None = field(default=None, repr=False)

    def span(self, pointer: Pointer = (), *, key: bool = False) -> Span | None:
        """The span of the node at ``pointer`` (of its key with ``key=True``), or of its nearest ancestor."""
        if self._tree is None:
            self._tree = _SpanTree(self.text)
        return self._tree.span(pointer, key=key)

    def location(self, pointer: Pointer = (), *, key: bool = False) -> Location:
        return Location(self.path, self.span(pointer, key=key))

    def line_text(self, line: int) -> str:
        lines = split_lines(self.text)
        return lines[line - 1] if 0 < line <= len(lines) else ""

    def forget_source(self, *, keep_text: bool = False) -> None:
        """Drop the parsed data, and unless ``keep_text`` the text and the positions found in it.

        Once the entities are built nothing reads ``data`` (``None`` afterwards), and with the text it
        is most of a loaded corpus's memory; without the text, spans and lines are unknown.
        """
        self.data = None
        if not keep_text:
            self.text = ""
            self._tree = None


@dataclass
class LoadResult:
    """The outcome of loading one file: the document (``None`` when unreadable) and its diagnostics."""

    document: Document | None
    diagnostics: list[Diagnostic]


def load_bytes(path: str, raw: bytes) -> LoadResult:
    """Load one YAML file's bytes; ``path`` is the name used in diagnostics."""
    text, problem = _decode(path, raw)
    if problem is not None:
        return LoadResult(None, [problem])
    assert text is not None
    refused = _too_deep(path, text) or _too_many_nodes(path, text)
    if refused is not None:
        return LoadResult(None, [refused])
    try:
        root = yaml.compose(text, Loader=Loader)
    except yaml.MarkedYAMLError as error:
        return LoadResult(
            None,
            [
                _tab_diagnostic(path, text)
                or _byte_order_mark_diagnostic(path, text, error)
                or _syntax_diagnostic(path, text, error)
            ],
        )
    except yaml.reader.ReaderError as error:
        # Located by the character itself: libyaml gives the position in bytes.
        found = text.find(chr(error.character)) if isinstance(error.character, int) else -1
        span = SourcePositions(text).span(found) if found >= 0 else None
        return LoadResult(None, [_error(CODE_ENCODING, _not_yaml_message(error.character), path, span)])
    except yaml.YAMLError as error:
        message = Message(f"YAML tidak dapat dibaca: {error}", f"YAML cannot be read: {error}")
        return LoadResult(None, [_error(CODE_SYNTAX, message, path, None)])
    tab = _tab_diagnostic(path, text)
    if tab is not None:
        return LoadResult(None, [tab])
    if root is None:
        message = Message(
            "Berkas kosong: tidak ada isi YAML untuk diperiksa.",
            "The file is empty: there is no YAML content.",
        )
        return LoadResult(None, [_error(CODE_EMPTY, message, path, Span(1, 1, 1, 1))])
    converter = _Converter(path, text)
    data = converter.convert(root, ())
    diagnostics = converter.diagnostics
    if converter.omitted:
        diagnostics.append(too_many(path, converter.omitted, converter.first_omitted))
    return LoadResult(Document(path, text, data, frozenset(converter.replaced)), diagnostics)


def too_many(path: str, omitted: int | None, span: Span | None) -> Diagnostic:
    """The closing diagnostic of a file with more than :data:`MAX_DIAGNOSTICS` problems of one stage,
    at the first one left out; ``omitted`` is how many were (``None``: more were not counted)."""
    more_id = f"{omitted:,} masalah lain" if omitted is not None else "masalah lain"
    more_en = f"{omitted:,} more problems" if omitted is not None else "more problems"
    return _error(
        CODE_TOO_MANY,
        Message(
            f"Berkas ini memuat lebih dari {MAX_DIAGNOSTICS:,} masalah; {more_id}, mulai di sini, tidak "
            "ditampilkan. Perbaiki yang ditampilkan lebih dulu.",
            f"This file has more than {MAX_DIAGNOSTICS:,} problems; {more_en}, from here on, are not shown. "
            "Fix the ones shown first.",
        ),
        path,
        span,
    )


def wide_encoding(raw: bytes) -> str | None:
    """``UTF-32`` or ``UTF-16`` when ``raw`` starts with that encoding's byte order mark (Notepad's
    "Unicode"), else ``None``. UTF-32's marks are tried first: the little-endian one begins with
    UTF-16's."""
    for marks, encoding in (
        ((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff"), "UTF-32"),
        ((b"\xff\xfe", b"\xfe\xff"), "UTF-16"),
    ):
        if raw.startswith(marks):
            return encoding
    return None


def _decode(path: str, raw: bytes) -> tuple[str | None, Diagnostic | None]:
    if len(raw) > MAX_FILE_BYTES:
        message = Message(
            f"Berkas terlalu besar ({len(raw):,} bita; batasnya {MAX_FILE_BYTES:,} bita).",
            f"The file is too large ({len(raw):,} bytes; the limit is {MAX_FILE_BYTES:,} bytes).",
        )
        return None, _error(CODE_ENCODING, message, path, None)
    encoding = wide_encoding(raw)
    if encoding is not None:
        message = Message(
            f"Berkas disimpan dalam {encoding}; simpan ulang sebagai UTF-8.",
            f"The file is saved as {encoding}; save it again as UTF-8.",
        )
        return None, _error(CODE_ENCODING, message, path, Span(1, 1, 1, 2))
    try:
        # A second byte order mark (a file saved twice by a careless tool) goes too: libyaml skips one
        # without counting it and the pure-Python reader counts it, so offsets would differ by loader.
        text = raw.decode("utf-8-sig").lstrip(_BYTE_ORDER_MARK)
    except UnicodeDecodeError as error:
        span = _span_at_byte(raw, error.start)
        message = Message(
            f"Bukan UTF-8 yang sah: bita 0x{raw[error.start]:02x} di posisi ini. Simpan berkas sebagai UTF-8.",
            f"Not valid UTF-8: byte 0x{raw[error.start]:02x} at this position. Save the file as UTF-8.",
        )
        return None, _error(CODE_ENCODING, message, path, span)
    found = _NOT_YAML_TEXT.search(text)
    if found is not None:
        span = SourcePositions(text).span(found.start())
        if found.group() == "\x00":
            message = Message(
                "Berkas berisi karakter NUL; apakah ini berkas biner? Standar harus berupa teks YAML.",
                "The file contains a NUL character; is it a binary file? Standards must be YAML text.",
            )
        else:
            message = _not_yaml_message(ord(found.group()))
        return None, _error(CODE_ENCODING, message, path, span)
    return text, None


def _not_yaml_message(character: object) -> Message:
    code = f"U+{character:04X}" if isinstance(character, int) else repr(character)
    return Message(
        f"Berkas memuat karakter yang tidak diperbolehkan dalam YAML ({code}).",
        f"The file contains a character that YAML does not allow ({code}).",
    )


def _span_at_byte(raw: bytes, offset: int) -> Span:
    """The position of byte ``offset`` (in a file that is not UTF-8 after it), counted as everywhere else:
    in characters, after any byte order mark."""
    before = raw[:offset].decode("utf-8", errors="replace").lstrip(_BYTE_ORDER_MARK)
    return SourcePositions(before).span(len(before))


def _too_deep(path: str, text: str) -> Diagnostic | None:
    """Refuse nesting deeper than MAX_DEPTH before a recursive composer (libyaml's in C, PyYAML's in
    Python) can overflow its stack.

    A cheap upper bound on the depth keeps ordinary files on the fast path; only a file whose bound is
    high is scanned event by event, which is iterative and safe at any depth.
    """
    if _depth_bound(text) <= MAX_DEPTH:
        return None
    event = _first_too_deep(text)
    if event is None:
        return None
    message = Message(
        f"Struktur bersarang terlalu dalam (lebih dari {MAX_DEPTH} tingkat).",
        f"The structure is nested too deeply (more than {MAX_DEPTH} levels).",
    )
    return _error(CODE_TOO_DEEP, message, path, SourcePositions(text).mark_span(event.start_mark))


def _depth_bound(text: str) -> int:
    """An upper bound on how deeply ``text`` nests: every bracket may open a level, and a block collection
    nests at most one level deeper than its line's run of indentation and indicators (a mapping's
    sequence may start in the mapping's own column). ``str.splitlines`` ends lines at every YAML 1.1 line
    break and at a few more, which can only raise the bound."""
    bound = text.count("[") + text.count("{")
    if bound > MAX_DEPTH:
        return bound
    return bound + 1 + max((len(line) - len(line.lstrip(" \t-?:")) for line in text.splitlines()), default=0)


def _too_many_nodes(path: str, text: str) -> Diagnostic | None:
    """Refuse a file of more than :data:`MAX_NODES` values before it is composed, at the first value
    past the limit.

    A value starts at the start of a line or after an indicator (``-``, ``?``, ``:``, ``[``, ``{``,
    ``,``), and a key adds at most one empty value, so twice their count bounds the values: ordinary
    files stay on the fast path; a file whose bound is high is counted event by event, stopping at the
    limit, so the count costs no more than the limit.
    """
    starts = text.count("\n") + text.count("\r") + sum(text.count(c) for c in "-?:[{,")
    if 2 * starts + 2 <= MAX_NODES:
        return None
    count = 0
    try:
        for event in yaml.parse(text, Loader=Loader):
            if isinstance(event, yaml.NodeEvent):
                count += 1
                if count > MAX_NODES:
                    message = Message(
                        f"Berkas terlalu besar: lebih dari {MAX_NODES:,} nilai (batasnya); bagi isinya ke "
                        "beberapa berkas.",
                        f"The file is too large: more than {MAX_NODES:,} values (the limit); split it into "
                        "several files.",
                    )
                    span = SourcePositions(text).mark_span(event.start_mark)
                    return _error(CODE_ENCODING, message, path, span)
    except yaml.YAMLError:
        return None  # the composer reports it, at no greater cost than the values counted so far
    return None


# How often a shorter beginning of the file is scanned again after the parser stopped early.
_RESCANS = 3


def _first_too_deep(text: str) -> yaml.Event | None:
    """The first collection nested deeper than MAX_DEPTH, or ``None``.

    A parser may stop with an error before it yields the events that would show the depth: libyaml
    refuses nesting past its own limit (1,000 in PyYAML 6.0.4's) while it is still reading ahead for a
    possible key, and reports that as an ordinary syntax error. Whatever the message, the text before
    the error parsed, so that beginning is scanned again on its own: if it already nests deeper than
    MAX_DEPTH, that is the problem to report. Any other error is left to the composer to report.
    """
    source = text
    for _ in range(_RESCANS + 1):
        depth = reached = 0
        try:
            for event in yaml.parse(source, Loader=Loader):
                reached = event.end_mark.index
                if isinstance(event, yaml.CollectionStartEvent):
                    depth += 1
                    if depth > MAX_DEPTH:
                        return event
                elif isinstance(event, yaml.CollectionEndEvent):
                    depth -= 1
            return None
        except yaml.MarkedYAMLError as error:
            mark = error.problem_mark or error.context_mark
            stop = mark.index if mark is not None else len(source)
            # Each level takes at least one character: a parser that stopped closer than that to the
            # last event it gave cannot have hidden a level too many.
            if stop >= len(source) or stop - reached <= MAX_DEPTH - depth:
                return None
            source = source[:stop]
        except yaml.YAMLError:
            return None
    return None


_SYNTAX_PROBLEMS: tuple[tuple[str, str, str], ...] = (
    (
        "found character that cannot start any token",
        "Karakter ini tidak dapat mengawali nilai YAML; beri tanda kutip pada teksnya.",
        "This character cannot start a YAML value; put the text in quotes.",
    ),
    (
        "mapping values are not allowed",
        'Titik dua di sini dibaca sebagai kunci baru; beri tanda kutip pada teks yang memuat ": ".',
        'The colon here starts a new key; quote text that contains ": ".',
    ),
    (
        "could not find expected ':'",
        "Tanda titik dua (:) setelah kunci tidak ditemukan.",
        "The colon (:) after a key is missing.",
    ),
    (
        "did not find expected key",
        "Indentasi tidak konsisten: baris ini tidak sejajar dengan kunci di atasnya.",
        "Inconsistent indentation: this line is not aligned with the keys above it.",
    ),
    (
        "did not find expected '-' indicator",
        'Indentasi daftar tidak konsisten: diharapkan butir daftar yang diawali "-".',
        'Inconsistent list indentation: a list item starting with "-" was expected.',
    ),
    (
        "did not find expected node content",
        "Nilai tidak ditemukan di sini; periksa tanda baca YAML.",
        "A value was expected here; check the YAML punctuation.",
    ),
    (
        "found unexpected end of stream",
        "Berkas berakhir sebelum struktur YAML selesai (tanda kutip atau kurung belum ditutup?).",
        "The file ends before the YAML structure is complete (an unclosed quote or bracket?).",
    ),
    (
        "found undefined alias",
        "Alias merujuk ke anchor yang tidak ada; anchor dan alias tidak dipakai dalam standar.",
        "The alias refers to an undefined anchor; anchors and aliases are not used in standards.",
    ),
    (
        "but found another document",
        "Berkas memuat lebih dari satu dokumen YAML (---); satu berkas hanya boleh satu dokumen.",
        "The file holds more than one YAML document (---); one file holds one document.",
    ),
    (
        "found unknown escape character",
        "Karakter escape tidak dikenal di dalam teks bertanda kutip ganda; gunakan tanda kutip tunggal.",
        "Unknown escape character inside double quotes; use single quotes instead.",
    ),
    (
        "found invalid Unicode character escape code",
        "Escape Unicode ini tidak menghasilkan karakter yang sah (misalnya \\ud800, separuh pasangan surrogate).",
        "This Unicode escape does not make a valid character (such as \\ud800, half of a surrogate pair).",
    ),
    (
        "control characters are not allowed",
        "Berkas memuat karakter kontrol yang tidak diperbolehkan dalam YAML.",
        "The file contains a control character that YAML does not allow.",
    ),
    (
        "found unexpected ':'",
        "Titik dua tidak terduga; beri tanda kutip pada teks yang memuat titik dua.",
        "Unexpected colon; quote text that contains a colon.",
    ),
    (
        "did not find expected ',' or ']'",
        'Daftar dalam kurung siku belum ditutup dengan "]" atau butirnya tidak dipisah koma.',
        'A bracketed list is not closed with "]" or its items are not separated by commas.',
    ),
    (
        "did not find expected ',' or '}'",
        'Peta dalam kurung kurawal belum ditutup dengan "}" atau butirnya tidak dipisah koma.',
        'A braced mapping is not closed with "}" or its items are not separated by commas.',
    ),
    (
        "found a tab character",
        "Karakter tab dipakai untuk indentasi; YAML hanya menerima spasi.",
        "A tab character is used for indentation; YAML accepts only spaces.",
    ),
)


_TAB_PROBLEM = Message(
    "Karakter tab dipakai untuk indentasi atau pemisah; YAML hanya menerima spasi.",
    "A tab character is used for indentation or separation; YAML accepts only spaces.",
)


def _tab_diagnostic(path: str, text: str) -> Diagnostic | None:
    """The syntax error of the first tab used as indentation or separation, or ``None``.

    PyYAML's own reader refuses a tab anywhere but inside quoted or block text and comments, as does
    the round-trip reader ``kompiler fmt`` uses; libyaml accepts one after ``key:``, at the end of a
    line or inside unquoted text. So that a file passes ``check`` on every loader exactly when ``fmt``
    can read it, such a tab is the same syntax error as the one PyYAML reports, at the tab.
    """
    found = _first_separating_tab(text)
    if found < 0:
        return None
    return _error(CODE_SYNTAX, _TAB_PROBLEM, path, SourcePositions(text).span(found))


_BYTE_ORDER_MARK_PROBLEM = Message(
    "Di sini ada karakter tak terlihat U+FEFF (tanda urutan byte, biasanya terbawa saat menempel teks "
    "dari berkas lain) yang merusak struktur YAML; hapus karakter itu.",
    "There is an invisible character U+FEFF here (a byte order mark, usually carried along when text is "
    "pasted from another file) that breaks the YAML structure; delete it.",
)


def _byte_order_mark_diagnostic(path: str, text: str, error: yaml.MarkedYAMLError) -> Diagnostic | None:
    """The syntax error at a byte order mark inside the file, at or before where YAML stumbled, or
    ``None``. One at the start of a pasted line reads to YAML as text there, so the error comes later
    ("inconsistent indentation" on the next line) at a place where nothing is visibly wrong."""
    found = text.find(_BYTE_ORDER_MARK)
    stumbled = error.problem_mark.index if error.problem_mark is not None else len(text)
    if found < 0 or found > stumbled:
        return None
    return _error(CODE_SYNTAX, _BYTE_ORDER_MARK_PROBLEM, path, SourcePositions(text).span(found))


def _first_separating_tab(text: str) -> int:
    """The offset of the first tab outside quoted and block scalars and comments, or -1.

    Between two tokens there is only white space, line breaks and comments (a ``#`` there always starts
    one); a plain scalar's token holds its words and the white space between them. Tokens are read only
    as far as the last tab, and only as far as the text scans: a syntax error after a tab leaves the tab
    the first problem.
    """
    last = text.rfind("\t")
    if last < 0:
        return -1
    end = 0
    try:
        for token in yaml.scan(text, Loader=Loader):
            start = token.start_mark.index
            found = _tab_between_tokens(text, end, start)
            if found >= 0 or start > last:
                return found
            end = max(end, token.end_mark.index)
            if isinstance(token, yaml.ScalarToken) and token.plain:
                inside = text.find("\t", start, end)
                if inside >= 0:
                    return inside
    except yaml.YAMLError:
        return -1
    return -1


def _tab_between_tokens(text: str, start: int, end: int) -> int:
    """The first tab in ``text[start:end]``, white space between tokens, that is not in a comment, or -1."""
    found = text.find("\t", start, end)
    while found >= 0:
        line_start = max(text.rfind("\n", start, found), text.rfind("\r", start, found), start - 1) + 1
        if text.find("#", line_start, found) < 0:
            return found
        found = text.find("\t", found + 1, end)
    return -1


def _syntax_diagnostic(path: str, text: str, error: yaml.MarkedYAMLError) -> Diagnostic:
    problem = error.problem or str(error)
    mark = error.problem_mark or error.context_mark
    if "end of stream" in problem and error.context_mark is not None:
        mark = error.context_mark  # where the unclosed quote or bracket began, not the end of the file
    quote = _unclosed_quote(text, error, mark)
    if quote is not None:
        return quote.diagnostic(path, text)
    if "mapping values are not allowed" in problem and mark is not None:
        indented = _over_indented_key(path, text, mark.index)
        if indented is not None:
            return indented
    span = SourcePositions(text).mark_span(mark) if mark is not None else None
    if mark is not None and text[mark.index : mark.index + 1] == "\t":
        return _error(CODE_SYNTAX, _TAB_PROBLEM, path, span)
    for needle, id_text, en_text in _SYNTAX_PROBLEMS:
        if needle in problem:
            message = Message(id_text, en_text)
            break
    else:
        message = Message(f"Kesalahan sintaks YAML: {problem}.", f"YAML syntax error: {problem}.")
    return _error(CODE_SYNTAX, message, path, span)


# A line that reads as a key or a list item (``  level: 2``, ``- kode: M.01``): found inside a quoted text,
# it is structure the text swallowed.
_KEY_LIKE_LINE = re.compile(r"(?:\r\n?|\n)[ ]*(?:-[ ]+)?[^\s:#'\"][^\s:]*:(?:[ ]|$)", re.MULTILINE)


@dataclass(frozen=True)
class _UnclosedQuote:
    """A quote the drafter opened and did not close: where it opens and, when a later quote closed it by
    mistake, where that one is."""

    start: int
    closed_at: int | None

    def diagnostic(self, path: str, text: str) -> Diagnostic:
        positions = SourcePositions(text)
        line, column = positions.at(self.start)
        quote = text[self.start]
        message = Message(
            f"Tanda kutip {quote} yang dibuka di baris {line} kolom {column} tidak ditutup; tutup dengan "
            f"{quote} di akhir teksnya.",
            f"The quote {quote} opened at line {line}, column {column} is not closed; close it with {quote} "
            "where the text ends.",
        )
        if self.closed_at is not None:
            closing = positions.at(self.closed_at)[0]
            message = Message(
                f"{message.id} Semua sampai tanda kutip di baris {closing} terbaca sebagai satu teks.",
                f"{message.en} Everything up to the quote on line {closing} reads as one text.",
            )
        return _error(CODE_SYNTAX, message, path, positions.span(self.start))


def _unclosed_quote(text: str, error: yaml.MarkedYAMLError, mark: Any) -> _UnclosedQuote | None:
    """The quote behind a syntax error, or ``None``.

    Left open, a quote runs to the end of the file (the parser names where it began), or to the next
    quote of its kind, often the opening one of a later value: the parser then stops after that one,
    dozens of lines below, with a complaint about indentation there. The text it read as one value
    then holds lines that read as keys or list items, which is what tells this from a long text
    quoted over several lines on purpose.
    """
    if error.context == "while scanning a quoted scalar" and error.context_mark is not None:
        return _UnclosedQuote(error.context_mark.index, None)
    if mark is None:
        return None
    swallowing = _quoted_text_ending_at(text, mark.index)
    if swallowing is None:
        return None
    start, end = swallowing
    if _KEY_LIKE_LINE.search(text, start, end) is None:
        return None
    return _UnclosedQuote(start, end - 1)


def _quoted_text_ending_at(text: str, stop: int) -> tuple[int, int] | None:
    """The span of the last quoted scalar that ends on the line of offset ``stop`` and starts on an
    earlier line, from the tokens read before ``stop``."""
    found: tuple[int, int] | None = None
    for token in _tokens_before(text, stop):
        start, end = token.start_mark.index, token.end_mark.index
        quoted = isinstance(token, yaml.ScalarToken) and token.style in ("'", '"')
        if quoted and _LINE_BREAK.search(text, start, end) and not _LINE_BREAK.search(text, end, stop):
            found = (start, end)
    return found


def _tokens_before(text: str, stop: int) -> Iterator[yaml.Token]:
    """The tokens of ``text`` that start before offset ``stop``, as far as the text scans."""
    try:
        for token in yaml.scan(text, Loader=Loader):
            if token.start_mark.index >= stop:
                return
            yield token
    except yaml.YAMLError:
        return


# What stands before the colon on a line that only holds a key (``        level: 2``): its indentation and
# one word.
_KEY_AT_LINE_START = re.compile(r"[ ]*([^\s:#'\"][^\s:]*)")


def _over_indented_key(path: str, text: str, colon: int) -> Diagnostic | None:
    """The syntax error of a key indented deeper than the key above it, or ``None``.

    ``- kode: M.02`` followed by ``level: 2`` two spaces too deep makes ``level`` the second line of the
    value ``M.02``, so the parser stops at its colon as at a colon inside text. Unquoted text that goes
    on over lines and meets a colon looks the same to the parser; a line holding nothing but one word
    before the colon is taken for a key, and the advice is its indentation, with quoting as the other way.
    """
    line_start = max(text.rfind("\n", 0, colon), text.rfind("\r", 0, colon)) + 1
    word = _KEY_AT_LINE_START.fullmatch(text, line_start, colon)
    if word is None:
        return None
    recent = deque(_tokens_before(text, colon), maxlen=3)
    if len(recent) < 3:
        return None
    key, value_indicator, value = recent
    continued = isinstance(value, yaml.ScalarToken) and value.plain and value.start_mark.index < line_start
    if not (continued and isinstance(key, yaml.ScalarToken) and isinstance(value_indicator, yaml.ValueToken)):
        return None
    positions = SourcePositions(text)
    key_column = positions.at(key.start_mark.index)[1]
    name, column = word.group(1), word.start(1) - line_start + 1
    message = Message(
        f"Kunci {name!r} menjorok lebih dalam (kolom {column}) daripada kunci {key.value!r} di atasnya "
        f"(kolom {key_column}), sehingga dibaca sebagai lanjutan nilai {key.value!r}. Mulailah {name!r} di "
        f"kolom {key_column}; bila ini memang teks, beri tanda kutip pada nilai {key.value!r}.",
        f"The key {name!r} is indented deeper (column {column}) than the key {key.value!r} above it "
        f"(column {key_column}), so it reads as part of the value of {key.value!r}. Start {name!r} at "
        f"column {key_column}; if this is text, put the value of {key.value!r} in quotes.",
    )
    return _error(CODE_SYNTAX, message, path, positions.span(word.start(1), word.end(1)))


def _error(code: str, message: Message, path: str, span: Span | None) -> Diagnostic:
    return Diagnostic(Severity.ERROR, code, message, Location(path, span))


# What :meth:`_Converter._scalar` returns for a value it reported and could not read.
_UNREAD = object()


class _Ambiguous(str):
    """What :meth:`_Converter._scalar` returns for a plain value it reported as ambiguous (KMP004): the
    text YAML 1.2 reads, marked so that its place is known to hold a reported mistake."""


class _Converter:
    """Turn a composed node tree into Python values, collecting every strictness problem on the way."""

    def __init__(self, path: str, text: str) -> None:
        self.path = path
        self.text = text
        self.diagnostics: list[Diagnostic] = []
        self._seen: set[int] = set()
        self._alias_reported = False
        self._positions: SourcePositions | None = None
        self.omitted = 0
        self.first_omitted: Span | None = None
        self.replaced: set[Pointer] = set()
        # Searching every scalar costs a fifth of the loading time; a file that can hold no forbidden
        # character in any value (nearly all) skips it.
        self._check_characters = "\\" in text or _first_forbidden(text, _FORBIDDEN_AS_WRITTEN) >= 0

    @property
    def positions(self) -> SourcePositions:
        if self._positions is None:
            self._positions = SourcePositions(self.text)
        return self._positions

    def convert(self, node: yaml.Node, pointer: Pointer) -> Any:
        if id(node) in self._seen:
            self._report_alias(node)
            self.replaced.add(pointer)
            return None
        self._seen.add(id(node))
        if self._refused_properties(node):
            self.replaced.add(pointer)
            return None
        if node.tag not in _ALLOWED_TAGS:
            self.replaced.add(pointer)
            self._report(
                CODE_UNSUPPORTED,
                node,
                Message(
                    f"Tag YAML {node.tag!r} tidak didukung; tulis nilainya sebagai teks biasa.",
                    f"The YAML tag {node.tag!r} is not supported; write the value as plain text.",
                ),
            )
            return None
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, pointer)
        if isinstance(node, yaml.SequenceNode):
            return [self.convert(item, (*pointer, index)) for index, item in enumerate(node.value)]
        if self._forbidden(node):
            # Kept as written, but its schema errors are not told: "does not have the expected format"
            # at the same place would be a second error for the character KMP017 names.
            self.replaced.add(pointer)
        value = self._scalar(node)
        if value is _UNREAD:
            self.replaced.add(pointer)
            return None
        if isinstance(value, _Ambiguous):
            # Kept as the text YAML 1.2 reads, but its schema errors are not told: "must be an integer,
            # not text" at the same place would be a second error for the one mistake KMP004 names.
            self.replaced.add(pointer)
            return str(value)
        return value

    def _refused_properties(self, node: yaml.Node) -> bool:
        """Report an anchor (``&name``) or an explicit tag (``!!str``, ``!!float``) written on ``node``;
        ``True`` when the node's value is not read because of a tag.

        The parser resolves a tagged node by its tag: ``!!str 3`` is text and ``!!float 3`` a float to
        YAML, while kompiler reads every value by the YAML 1.2 core rules alone. Rather than read a
        tagged value otherwise than the editor's YAML extension does, every tag is refused.
        """
        tag, anchored = _written_properties(self.text, node.start_mark.index)
        if anchored:
            self._report_alias(node)
        if tag is None:
            return False
        self._report(
            CODE_UNSUPPORTED,
            node,
            Message(
                f"Tag YAML {tag!r} tidak didukung; tulis nilainya tanpa tag (teks dengan tanda kutip).",
                f"The YAML tag {tag!r} is not supported; write the value without a tag (text in quotes).",
            ),
        )
        return True

    def _mapping(self, node: yaml.MappingNode, pointer: Pointer) -> dict[str, Any]:
        result: dict[str, Any] = {}
        first_seen: dict[str, yaml.Node] = {}
        for key_node, value_node in node.value:
            key = self._key(key_node)
            if key is None:
                # A merge key (<<) or a key that is no text: what the mapping holds is not known, so
                # "required key missing" from the schema would be a second error, maybe a wrong one.
                self.replaced.add(pointer)
                continue
            if key in first_seen:
                first = first_seen[key]
                self._report(
                    CODE_DUPLICATE_KEY,
                    key_node,
                    Message(
                        f"Kunci {key!r} ditulis dua kali dalam peta yang sama (pertama di baris "
                        f"{first.start_mark.line + 1}); hanya yang pertama dipakai.",
                        f"The key {key!r} appears twice in the same mapping (first on line "
                        f"{first.start_mark.line + 1}); only the first is used.",
                    ),
                )
                continue
            first_seen[key] = key_node
            result[key] = self.convert(value_node, (*pointer, key))
        return result

    def _key(self, node: yaml.Node) -> str | None:
        if not isinstance(node, yaml.ScalarNode):
            self._report(
                CODE_UNSUPPORTED,
                node,
                Message(
                    "Kunci peta harus berupa teks, bukan daftar atau peta.",
                    "A mapping key must be text, not a list or a mapping.",
                ),
            )
            return None
        if node.tag == "tag:yaml.org,2002:merge" or (node.style is None and node.value == "<<"):
            self._report(
                CODE_ALIAS,
                node,
                Message(
                    "Kunci gabung YAML (<<) tidak diizinkan; tulis setiap nilai secara lengkap.",
                    "YAML merge keys (<<) are not allowed; write every value out in full.",
                ),
            )
            return None
        if self._refused_properties(node):
            return None
        self._forbidden(node)
        value = self._scalar(node)
        if value is _UNREAD:
            value = None
        elif isinstance(value, _Ambiguous):
            value = str(value)
        if not isinstance(value, str):
            self._report(
                CODE_UNSUPPORTED,
                node,
                Message(
                    f"Kunci peta harus berupa teks; {node.value!r} dibaca sebagai {_kind_id(value)}.",
                    f"A mapping key must be text; {node.value!r} reads as {_kind_en(value)}.",
                ),
            )
            return None
        return value

    def _forbidden(self, node: yaml.ScalarNode) -> bool:
        """Report a character no text of a standard may hold in ``node``; ``True`` when there is one."""
        if not self._check_characters:
            return False
        forbidden = _first_forbidden(node.value, _FORBIDDEN_IN_TEXT)
        if forbidden >= 0:
            self._report(CODE_CHARACTER, node, _forbidden_message(node.value, forbidden))
        return forbidden >= 0

    def _scalar(self, node: yaml.ScalarNode) -> Any:
        value: str = node.value
        if node.style or (node.tag == _STR_TAG and len(value) > _LONGEST_SPECIAL_PLAIN):
            return value
        if _NULL.match(value):
            return None
        if value in _BOOL:
            return _BOOL[value]
        if _INT.match(value):
            if len(value) > _LONGEST_INTEGER:  # int() refuses (ValueError) past 4,300 digits anyway
                self._report(
                    CODE_UNSUPPORTED,
                    node,
                    Message(
                        f"Bilangan ini terlalu panjang ({len(value):,} digit); beri tanda kutip jika yang "
                        "dimaksud teks.",
                        f"This number is too long ({len(value):,} digits); quote it if you mean text.",
                    ),
                )
                return _UNREAD
            return int(value)
        if _FLOAT.match(value):
            number = float(value)
            if math.isinf(number):  # 1e999: JSON, the schemas and the documents have no infinity
                self._report(
                    CODE_UNSUPPORTED,
                    node,
                    Message(
                        f"Bilangan {value} terlalu besar untuk dibaca (melampaui batas bilangan); beri tanda "
                        "kutip jika yang dimaksud teks.",
                        f"The number {value} is too large to read (past the largest number); quote it if "
                        "you mean text.",
                    ),
                )
                return _UNREAD
            return number
        reading = _yaml11_reading(value)
        if reading is None:
            return value
        reading_id, reading_en = reading
        number_id = number_en = ""
        if value.isdigit() and value.isascii():  # 02: the number, if one was meant, is written 2
            number = value.lstrip("0") or "0"
            number_id, number_en = (
                f", atau {number} jika yang dimaksud bilangan",
                f", or {number} if you mean a number",
            )
        self._report(
            CODE_AMBIGUOUS,
            node,
            Message(
                f"Nilai {value!r} tanpa tanda kutip bermakna ganda: YAML 1.1 membacanya sebagai "
                f'{reading_id}. Tulis "{value}" dengan tanda kutip jika yang dimaksud teks{number_id}.',
                f"The unquoted value {value!r} is ambiguous: YAML 1.1 reads it as {reading_en}. "
                f'Write "{value}" in quotes if you mean text{number_en}.',
            ),
        )
        return _Ambiguous(value)

    def _report_alias(self, node: yaml.Node) -> None:
        if self._alias_reported:
            return
        self._alias_reported = True
        span = _first_alias_span(self.text) or self.positions.mark_span(node.start_mark, node.end_mark)
        self._add(
            _error(
                CODE_ALIAS,
                Message(
                    "Anchor dan alias YAML (&nama, *nama) tidak diizinkan; tulis setiap nilai secara lengkap.",
                    "YAML anchors and aliases (&name, *name) are not allowed; write every value out in full.",
                ),
                self.path,
                span,
            )
        )

    def _report(self, code: str, node: yaml.Node, message: Message) -> None:
        span = self.positions.mark_span(node.start_mark, node.end_mark)
        self._add(_error(code, message, self.path, span))

    def _add(self, diagnostic: Diagnostic) -> None:
        if len(self.diagnostics) < MAX_DIAGNOSTICS:
            self.diagnostics.append(diagnostic)
            return
        self.omitted += 1
        if self.first_omitted is None:
            self.first_omitted = diagnostic.location.span


def _written_properties(text: str, index: int) -> tuple[str | None, bool]:
    """The tag written before the node that starts at ``index`` (``None``: none) and whether an anchor
    is: a node's properties, a tag and an anchor in either order, are where its mark starts."""
    tag: str | None = None
    anchored = False
    for _ in range(2):
        found = _PROPERTY.match(text, index)
        if found is None:
            break
        if found.group(1).startswith("!"):
            tag = found.group(1)
        else:
            anchored = True
        index = found.end()
    return tag, anchored


def _first_forbidden(text: str, pattern: re.Pattern[str]) -> int:
    """Where the first character of ``text`` that no standard may hold is, or -1."""
    for found in pattern.finditer(text):
        point = ord(found.group())
        if point < 0x1FFFE or point & 0xFFFE == 0xFFFE:
            return found.start()
    return -1


def _forbidden_message(value: str, index: int) -> Message:
    character = value[index]
    code = f"U+{ord(character):04X}"
    what_id, what_en = _character_kind(character)
    place = index + 1
    return Message(
        f"Karakter ke-{place} teks ini adalah {what_id} {code}, yang tidak boleh ada dalam teks standar "
        '(biasanya berasal dari escape seperti "\\x01" atau teks yang ditempel). Hapus karakter itu.',
        f"Character {place} of this text is {what_en} {code}, which standards text may not contain "
        '(it usually comes from an escape such as "\\x01" or pasted text). Remove it.',
    )


def _character_kind(character: str) -> tuple[str, str]:
    point = ord(character)
    if point < 0x20 or 0x7F <= point <= 0x9F:
        return "karakter kendali", "a control character"
    if 0xD800 <= point <= 0xDFFF:
        return "separuh pasangan surrogate", "a lone surrogate"
    if character in "\u2028\u2029":
        return "pemisah baris atau paragraf Unicode", "a Unicode line or paragraph separator"
    if character == _BYTE_ORDER_MARK:
        return "tanda urutan bita (BOM)", "a byte order mark"
    if 0x202A <= point <= 0x202E or 0x2066 <= point <= 0x2069:
        return "pengatur arah teks", "a bidirectional control"
    return "nonkarakter Unicode", "a Unicode noncharacter"


def reads_as_text(value: str) -> bool:
    """Whether this loader reads ``value``, written as a plain (unquoted) scalar, as that very text and
    with nothing to report: no null, boolean or number of YAML 1.2, nothing YAML 1.1 reads otherwise.

    For code that writes YAML, which must quote what this refuses: PyYAML decides quoting by YAML 1.1
    alone, and writes ``1e3`` plain, which YAML 1.2 (and so this loader) reads as a number.
    """
    return not (
        _NULL.match(value)
        or value in _BOOL
        or _INT.match(value)
        or _FLOAT.match(value)
        or _yaml11_reading(value) is not None
    )


def _yaml11_reading(value: str) -> tuple[str, str] | None:
    if _YAML11_BOOL.match(value):
        truth = value.lower() in {"yes", "on"}
        return (f"boolean {'true' if truth else 'false'}", f"the boolean {'true' if truth else 'false'}")
    if _YAML11_TIMESTAMP.match(value):
        return ("tanggal/waktu, bukan teks", "a date/time, not text")
    if value.lstrip("+-").lower() in (".inf", ".nan"):
        return ("bilangan tak hingga atau bukan-bilangan (NaN), bukan teks", "infinity or not-a-number")
    if _YAML11_NUMBER.match(value):
        return (
            "bilangan (oktal, heksadesimal, atau seksagesimal), bukan teks",
            "a number (octal, hex or base 60)",
        )
    return None


def _kind_id(value: Any) -> str:
    return {bool: "boolean", int: "bilangan bulat", float: "bilangan", type(None): "kosong (null)"}.get(
        type(value), "bukan teks"
    )


def _kind_en(value: Any) -> str:
    return {bool: "a boolean", int: "an integer", float: "a number", type(None): "null"}.get(
        type(value), "not text"
    )


def _first_alias_span(text: str) -> Span | None:
    try:
        for event in yaml.parse(text, Loader=Loader):
            if isinstance(event, yaml.AliasEvent):
                return SourcePositions(text).mark_span(event.start_mark, event.end_mark)
    except yaml.YAMLError:
        return None
    return None


class _SpanTree:
    """Where each node of a text is: found from the parser's events for the first request, and from the
    YAML node tree, composed once, for any later one.

    A pointer is followed from the root, so a lookup costs its depth, not the size of the file: an
    imported dictionary of 10 MB with one finding per level (waived, but located all the same) once spent
    seconds indexing every node for the few thousand it was asked about. The first request is answered
    by reading events only as far as the node it names: a file with one finding near its top (the first
    waived finding of an imported dictionary, see :func:`kompiler.rules.engine.run_rules`) is not
    composed at all. Of a key written twice, the first counts, as the loader reports the second.
    """

    def __init__(self, text: str) -> None:
        self._text = text
        # Composed on the second request (``None`` when the text does not compose); a flag, not a
        # sentinel object, since a document travels pickled (the cache) and a sentinel would not.
        self._root: yaml.Node | None = None
        self._composed_yet = False
        self._positions = SourcePositions(text)
        self._found: dict[tuple[Pointer, bool], Span | None] = {}

    def span(self, pointer: Pointer, *, key: bool) -> Span | None:
        found = self._found.get((pointer, key), _UNSEEN)
        if found is _UNSEEN:
            found = _UNSEEN if self._found else self._streamed(pointer, key)
            if found is _UNSEEN:
                found = self._walk(pointer, key)
            self._found[pointer, key] = found  # type: ignore[assignment]
        return found  # type: ignore[return-value]

    def _composed(self) -> yaml.Node | None:
        if not self._composed_yet:
            self._composed_yet = True
            try:
                self._root = yaml.compose(self._text, Loader=Loader)
            except yaml.YAMLError:
                self._root = None
        return self._root

    def _walk(self, pointer: Pointer, key: bool) -> Span | None:
        """The span at ``pointer``, or the value span of the deepest ancestor it reaches."""
        node = self._composed()
        if node is None:
            return None
        for depth, step in enumerate(pointer):
            child = _child(node, step)
            if child is None:
                return self._positions.mark_span(node.start_mark, node.end_mark)
            key_node, node = child
            if key and depth == len(pointer) - 1 and key_node is not None:
                return self._positions.mark_span(key_node.start_mark, key_node.end_mark)
        return self._positions.mark_span(node.start_mark, node.end_mark)

    def _streamed(self, pointer: Pointer, key: bool) -> object:
        """What :meth:`_walk` finds, from the events up to the node; ``_UNSEEN`` where an alias (a node
        that stands for another) is met on the way, which only the composed tree resolves."""
        try:
            events = yaml.parse(self._text, Loader=Loader)
            node = next(
                e for e in events if not isinstance(e, (yaml.StreamStartEvent, yaml.DocumentStartEvent))
            )
            if isinstance(node, yaml.StreamEndEvent):
                return None
            return _follow(events, node, pointer, key, self._positions)
        except (_AliasMet, yaml.YAMLError, StopIteration):
            return _UNSEEN


_UNSEEN = object()


class _AliasMet(Exception):
    """An alias met on the way to a node: the composed tree resolves it to the node it stands for."""


def _follow(
    events: Iterator[yaml.Event], node: yaml.Event, pointer: Pointer, key: bool, positions: SourcePositions
) -> Span:
    """The span :meth:`_SpanTree._walk` gives for ``pointer`` below the node that starts with ``node``,
    reading no more events than it takes."""
    for depth, step in enumerate(pointer):
        if isinstance(node, yaml.AliasEvent):
            raise _AliasMet
        child = _child_event(events, node, step)
        if not isinstance(child, tuple):  # none: the node has been read to its end, which this is
            return positions.mark_span(node.start_mark, child)
        key_event, node = child
        if key and depth == len(pointer) - 1 and key_event is not None:
            return positions.mark_span(key_event.start_mark, key_event.end_mark)
    if isinstance(node, yaml.AliasEvent):
        raise _AliasMet
    return positions.mark_span(node.start_mark, _skip(events, node))


def _child_event(
    events: Iterator[yaml.Event], node: yaml.Event, step: str | int
) -> tuple[yaml.Event | None, yaml.Event] | yaml.Mark:
    """As :func:`_child`, from the events: the key event (in a mapping) and the first event of the node
    under ``step``; where there is none, the end mark of ``node``, read to its end."""
    if isinstance(node, yaml.MappingStartEvent):
        while True:
            key_event = next(events)
            if isinstance(key_event, yaml.MappingEndEvent):
                return key_event.end_mark
            if isinstance(key_event, yaml.AliasEvent):
                raise _AliasMet
            if not isinstance(key_event, yaml.ScalarEvent):
                _skip(events, key_event)
                _skip(events, next(events))
                continue
            value = next(events)
            if key_event.value == step:
                return key_event, value
            _skip(events, value)
    if isinstance(node, yaml.SequenceStartEvent):
        wanted = step if isinstance(step, int) and not isinstance(step, bool) else -1
        index = 0
        while True:
            item = next(events)
            if isinstance(item, yaml.SequenceEndEvent):
                return item.end_mark
            if index == wanted:
                return None, item
            _skip(events, item)
            index += 1
    return _skip(events, node)


def _skip(events: Iterator[yaml.Event], node: yaml.Event) -> yaml.Mark:
    """Read the events of the node that starts with ``node``; its end mark."""
    if not isinstance(node, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
        return node.end_mark
    depth = 1
    while True:
        event = next(events)
        if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            depth += 1
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            depth -= 1
            if depth == 0:
                return event.end_mark


def _child(node: yaml.Node, step: str | int) -> tuple[yaml.Node | None, yaml.Node] | None:
    """The key node (for a mapping) and the value node under ``step``, or None when there is none."""
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            if isinstance(key_node, yaml.ScalarNode) and key_node.value == step:
                return key_node, value_node
        return None
    if isinstance(node, yaml.SequenceNode) and isinstance(step, int) and not isinstance(step, bool):
        return (None, node.value[step]) if 0 <= step < len(node.value) else None
    return None

"""Compiler-style text: ``file:line:col: severity CODE: message``, the source line, and a caret."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping

from kompiler.diagnostics import Diagnostic, Location, Message, Severity, count_by_severity, grouped
from kompiler.report import UNSHOWABLE, ReportInput, escaped

_COLORS = {Severity.ERROR: "\x1b[1;31m", Severity.WARNING: "\x1b[1;33m", Severity.INFO: "\x1b[1;36m"}
_BOLD, _DIM, _RESET = "\x1b[1m", "\x1b[2m", "\x1b[0m"


def _paint(text: str, code: str, color: bool) -> str:
    return f"{code}{text}{_RESET}" if color else text


def _shown_line(line: str) -> str:
    """A source line as it can be printed under a diagnostic: a tab as a space and every character a
    terminal would act on (a control, a bidirectional override) as one visible stand-in, so the line
    cannot drive the terminal and a column still names the same character."""
    return UNSHOWABLE.sub(_stand_in, line.replace("\t", " "))


def _stand_in(found: re.Match[str]) -> str:
    point = ord(found.group())
    if point < 0x20:
        return chr(0x2400 + point)  # the Control Pictures block: U+2401 SYMBOL FOR START OF HEADING, ...
    return "\u2421" if point == 0x7F else "\ufffd"


def _display_width(text: str) -> int:
    """How many terminal cells ``text`` takes: two for a wide (East Asian) character, none for a
    combining mark, so the caret stands under its character after such text."""
    width = 0
    for character in text:
        if unicodedata.combining(character) or unicodedata.category(character) in ("Mn", "Me", "Cf"):
            continue
        width += 2 if unicodedata.east_asian_width(character) in ("W", "F") else 1
    return width


# A source line longer than this many characters is quoted as a window around the column, cut ends marked
# with "…": a 5,000-character key quoted whole puts the caret past any terminal's or CI log's width.
EXCERPT_LENGTH = 120
# Characters shown before the column when the line is cut.
EXCERPT_BEFORE = 40
_CUT = "…"


def _excerpt(diagnostic: Diagnostic, report: ReportInput) -> list[str]:
    span = diagnostic.location.span
    if span is None:
        return []
    line = report.source_line(diagnostic.location.file, span.line)
    if not line.strip():
        return []
    start = span.column - 1
    end = span.end_column - 1 if span.end_line == span.line else len(line)
    line, start, end = _window(line, start, end)
    line = _shown_line(line)  # one character for one: cut first, so a huge line is not mapped whole
    lead = _display_width(line[:start]) + max(0, start - len(line))
    width = max(1, _display_width(line[start:end]))
    gutter = f"{span.line:>5} | "
    caret = " " * (len(gutter) - 2) + "| " + " " * lead + "^" * width
    return [
        _paint(gutter, _DIM, report.color) + line,
        _paint(caret, _COLORS[diagnostic.severity], report.color),
    ]


def _window(line: str, start: int, end: int) -> tuple[str, int, int]:
    """``line`` cut to :data:`EXCERPT_LENGTH` characters when it is longer (from its start, or around
    ``start`` when that lies further in), each cut end marked with "…", and ``start`` and ``end`` moved
    to point at the same characters in the cut line (``end`` at most its end), so the caret always
    stands under something shown."""
    if len(line) <= EXCERPT_LENGTH:
        return line, start, end
    # A column the line's start already shows keeps the start in view: the key the drafter wrote.
    keep_start = start <= EXCERPT_LENGTH - EXCERPT_BEFORE
    first = 0 if keep_start else max(0, min(start - EXCERPT_BEFORE, len(line) - EXCERPT_LENGTH))
    last = min(len(line), first + EXCERPT_LENGTH)
    head = _CUT if first > 0 else ""
    tail = _CUT if last < len(line) else ""
    shift = len(head) - first
    return head + line[first:last] + tail, start + shift, min(end, last) + shift


def _place(location: Location) -> str:
    """``file:line:column``, the file name escaped: a line break in it would split the report line."""
    place = escaped(location.file)
    if location.span is not None:
        place += f":{location.span.line}:{location.span.column}"
    return place


def _header(diagnostic: Diagnostic, report: ReportInput) -> str:
    severity = diagnostic.severity.label(report.locale)
    return (
        f"{_paint(_place(diagnostic.location), _BOLD, report.color)}: "
        f"{_paint(severity, _COLORS[diagnostic.severity], report.color)} "
        f"{diagnostic.code}: {escaped(diagnostic.message.text(report.locale))}"
    )


def summary(
    report: ReportInput, where: Message | None = None, counts: Mapping[Severity, int] | None = None
) -> str:
    """The count line: the diagnostics by severity (or ``counts``, when some problems stand behind one
    diagnostic: the people stage's KMP216) and the files they were found in, ``where`` when given (a
    command that reads more than one kind of file says which, and how many of each), else "in
    ``files_checked`` file(s)". Numbers are grouped in the locale's way (1.200 / 1,200)."""
    counts = counts or count_by_severity(report.diagnostics)
    where = where or Message(f"dalam {report.files_checked} berkas", f"in {report.files_checked} file(s)")
    errors, warnings = grouped(counts[Severity.ERROR]), grouped(counts[Severity.WARNING])
    parts = [
        Message(f"{errors.id} galat", f"{errors.en} error(s)"),
        Message(f"{warnings.id} peringatan", f"{warnings.en} warning(s)"),
    ]
    if counts[Severity.INFO]:
        info = grouped(counts[Severity.INFO])
        parts.append(Message(f"{info.id} info", f"{info.en} info"))
    return f"{', '.join(part.text(report.locale) for part in parts)} {where.text(report.locale)}."


def render(report: ReportInput, *, with_summary: bool = True) -> str:
    """The diagnostics, each with its source line, then (``with_summary``) the count line; a command
    whose count is not of files (``kompiler people check``) writes its own."""
    lines: list[str] = []
    for diagnostic in report.diagnostics:
        lines.append(_header(diagnostic, report))
        lines.extend(_excerpt(diagnostic, report))
        for related in diagnostic.related:
            lines.append(f"  {_place(related.location)}: {escaped(related.message.text(report.locale))}")
    if with_summary:
        lines.append(summary(report))
    return "\n".join(lines) + "\n" if lines else ""

"""Compiler-style text: ``file:line:col: severity CODE: message``, the source line, and a caret."""

from __future__ import annotations

from kompiler.diagnostics import Diagnostic, Severity, count_by_severity
from kompiler.report import ReportInput

_COLORS = {Severity.ERROR: "\x1b[1;31m", Severity.WARNING: "\x1b[1;33m", Severity.INFO: "\x1b[1;36m"}
_BOLD, _DIM, _RESET = "\x1b[1m", "\x1b[2m", "\x1b[0m"


def _paint(text: str, code: str, color: bool) -> str:
    return f"{code}{text}{_RESET}" if color else text


def _excerpt(diagnostic: Diagnostic, report: ReportInput) -> list[str]:
    span = diagnostic.location.span
    if span is None:
        return []
    line = report.source_line(diagnostic.location.file, span.line)
    if not line.strip():
        return []
    line = line.replace("\t", " ")
    width = (span.end_column - span.column) if span.end_line == span.line else len(line) - span.column + 1
    width = max(1, min(width, len(line) - span.column + 1))
    gutter = f"{span.line:>5} | "
    caret = " " * (len(gutter) - 2) + "| " + " " * (span.column - 1) + "^" * width
    return [
        _paint(gutter, _DIM, report.color) + line,
        _paint(caret, _COLORS[diagnostic.severity], report.color),
    ]


def _header(diagnostic: Diagnostic, report: ReportInput) -> str:
    location = diagnostic.location
    place = location.file
    if location.span is not None:
        place += f":{location.span.line}:{location.span.column}"
    severity = diagnostic.severity.label(report.locale)
    return (
        f"{_paint(place, _BOLD, report.color)}: {_paint(severity, _COLORS[diagnostic.severity], report.color)} "
        f"{diagnostic.code}: {diagnostic.message.text(report.locale)}"
    )


def summary(report: ReportInput) -> str:
    counts = count_by_severity(report.diagnostics)
    if report.locale == "en":
        parts = [f"{counts[Severity.ERROR]} error(s)", f"{counts[Severity.WARNING]} warning(s)"]
        if counts[Severity.INFO]:
            parts.append(f"{counts[Severity.INFO]} info")
        return f"{', '.join(parts)} in {report.files_checked} file(s)."
    parts = [f"{counts[Severity.ERROR]} galat", f"{counts[Severity.WARNING]} peringatan"]
    if counts[Severity.INFO]:
        parts.append(f"{counts[Severity.INFO]} info")
    return f"{', '.join(parts)} dalam {report.files_checked} berkas."


def render(report: ReportInput) -> str:
    lines: list[str] = []
    for diagnostic in report.diagnostics:
        lines.append(_header(diagnostic, report))
        lines.extend(_excerpt(diagnostic, report))
        for related in diagnostic.related:
            where = related.location
            place = where.file + (f":{where.line}:{where.column}" if where.span else "")
            lines.append(f"  {place}: {related.message.text(report.locale)}")
    lines.append(summary(report))
    return "\n".join(lines) + "\n"

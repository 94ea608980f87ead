"""GitHub Actions workflow commands, so problems appear as annotations on the pull request's lines."""

from __future__ import annotations

from kompiler.diagnostics import Diagnostic, Severity
from kompiler.report import ReportInput, escaped
from kompiler.report.text import summary

_COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}
# Line breaks travel as %0D and %0A, which the runner decodes, so an annotation still names its file;
# every other character a log cannot show is written as an escape.
_RUNNER_DECODES = "\r\n"


def _escape_data(text: str) -> str:
    return escaped(text, keep=_RUNNER_DECODES).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _command(diagnostic: Diagnostic, report: ReportInput) -> str:
    location = diagnostic.location
    properties = [f"file={_escape_property(report.repository_name(location.file))}"]
    if location.span is not None:
        span = location.span
        properties += [f"line={span.line}", f"col={span.column}"]
        if span.end_line != span.line:
            properties.append(f"endLine={span.end_line}")
        else:
            properties.append(f"endColumn={span.end_column}")
    properties.append(f"title={_escape_property(diagnostic.code)}")
    message = _escape_data(diagnostic.message.text(report.locale))
    return f"::{_COMMANDS[diagnostic.severity]} {','.join(properties)}::{message}"


def render(report: ReportInput) -> str:
    lines = [_command(d, report) for d in report.diagnostics]
    lines.append(summary(report))
    return "\n".join(lines) + "\n"

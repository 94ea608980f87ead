"""Machine-readable JSON: a versioned object with one entry per diagnostic, both positions 1-based."""

from __future__ import annotations

import json
from typing import Any

from kompiler.diagnostics import Diagnostic, Location, count_by_severity
from kompiler.report import ReportInput

FORMAT_VERSION = 1


def _location(location: Location) -> dict[str, Any]:
    span = location.span
    return {
        "file": location.file,
        "line": span.line if span else None,
        "column": span.column if span else None,
        "end_line": span.end_line if span else None,
        "end_column": span.end_column if span else None,
    }


def diagnostic_dict(diagnostic: Diagnostic, locale: str) -> dict[str, Any]:
    return {
        "severity": diagnostic.severity.key,
        "code": diagnostic.code,
        "message": diagnostic.message.text(locale),
        **_location(diagnostic.location),
        "related": [{"message": r.message.text(locale), **_location(r.location)} for r in diagnostic.related],
    }


def render(report: ReportInput) -> str:
    counts = count_by_severity(report.diagnostics)
    payload = {
        "version": FORMAT_VERSION,
        "files_checked": report.files_checked,
        "summary": {severity.key: count for severity, count in sorted(counts.items(), reverse=True)},
        "diagnostics": [diagnostic_dict(d, report.locale) for d in report.diagnostics],
    }
    return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"

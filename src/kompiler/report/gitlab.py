"""GitLab Code Quality JSON, so problems appear in a merge request's Code Quality widget and diff view.

GitLab keys each issue on its ``fingerprint`` to tell new problems from fixed ones between pipelines
(:mod:`kompiler.report.fingerprint`).
"""

from __future__ import annotations

import json
from typing import Any

from kompiler.diagnostics import Diagnostic, Severity
from kompiler.report import ReportInput
from kompiler.report.fingerprint import fingerprints

_SEVERITIES = {Severity.ERROR: "major", Severity.WARNING: "minor", Severity.INFO: "info"}


def _issue(diagnostic: Diagnostic, report: ReportInput, fingerprint: str) -> dict[str, Any]:
    return {
        "description": diagnostic.message.text(report.locale),
        "check_name": diagnostic.code,
        "fingerprint": fingerprint,
        "severity": _SEVERITIES[diagnostic.severity],
        "location": {
            "path": report.repository_name(diagnostic.location.file),
            "lines": {"begin": max(diagnostic.location.line, 1)},
        },
    }


def render(report: ReportInput) -> str:
    found = fingerprints(report.diagnostics, report.repository_name)
    issues = [_issue(d, report, digest) for d, digest in zip(report.diagnostics, found, strict=True)]
    return json.dumps(issues, ensure_ascii=False, indent=2) + "\n"

"""GitLab Code Quality JSON, so problems appear in a merge request's Code Quality widget and diff view.

GitLab keys each issue on its ``fingerprint`` to tell new problems from fixed ones between pipelines, so the
fingerprint hashes what identifies the problem (code, file, message) and not its line, which moves with
unrelated edits above it.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from typing import Any

from kompiler.diagnostics import Diagnostic, Severity
from kompiler.report import ReportInput

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
    seen: Counter[str] = Counter()
    issues = []
    for diagnostic in report.diagnostics:
        identity = "\0".join((diagnostic.code, diagnostic.location.file, diagnostic.message.en))
        seen[identity] += 1
        digest = hashlib.sha256(f"{identity}\0{seen[identity]}".encode()).hexdigest()
        issues.append(_issue(diagnostic, report, digest))
    return json.dumps(issues, ensure_ascii=False, indent=2) + "\n"

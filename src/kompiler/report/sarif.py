"""SARIF 2.1.0, the format code-scanning services read, with one rule entry per code that occurs.

A finding a waiver comment silenced is reported too, with an ``inSource`` suppression carrying the
waiver's reason and place: code scanning then shows it as dismissed with its justification, instead of
the finding vanishing without a trace. Every result carries the fingerprint GitLab's report gives the same
problem, so a waived finding keeps its alert.

GitHub's code scanning rejects a whole upload whose run holds more than 25,000 results. A run that
would hold more keeps the 25,000 that matter most (errors, then warnings, then notes, then suppressed
findings; each in the report's order) and says in a tool notification how many it left out, so that a
project with that many problems still gets its most important ones annotated instead of none.

A region's columns are counted in UTF-16 code units, SARIF's default ``columnKind`` and the only one code
scanning reads, while kompiler counts characters: a character beyond U+FFFF (an emoji pasted into a name)
takes two units, so every column after it on its line is converted, or the region would start too early.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any
from urllib.parse import quote

from kompiler import __version__
from kompiler.diagnostics import Diagnostic, Location, Message, Severity, Span
from kompiler.report import ReportInput
from kompiler.report.fingerprint import fingerprints
from kompiler.rules.suppress import Suppressed

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
# What RFC 3986 allows as it is in a path besides letters, digits and -._~; anything else (a space, a
# line break, a letter beyond ASCII) is percent-encoded, since SARIF's uri must be a URI reference.
_URI_PATH_SAFE = "/!$&'()*+,;=:@"
MAX_RESULTS = 25_000
# The key of each result's fingerprint (kompiler.report.fingerprint), versioned as SARIF asks, so that
# code scanning keeps one alert per problem across pushes even when the SARIF is uploaded without the
# upload action's own line hashes.
FINGERPRINT = "kompilerFinding/v1"
_RANK = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}


SourceLine = Callable[[str, int], str]


def _utf16_column(column: int, line: str) -> int:
    """``column`` (1-based, in characters of ``line``) in UTF-16 code units; a column past the line's end
    (an exclusive end) counts one unit for each character beyond it."""
    before = line[: column - 1]
    if before.isascii():
        return column
    return 1 + len(before.encode("utf-16-le", "surrogatepass")) // 2 + max(0, column - 1 - len(line))


def _region(file: str, span: Span, source_line: SourceLine) -> dict[str, int]:
    text = source_line(file, span.line)
    start = _utf16_column(span.column, text)
    end_text = text if span.end_line == span.line else source_line(file, span.end_line)
    return {
        "startLine": span.line,
        "startColumn": start,
        "endLine": span.end_line,
        "endColumn": _utf16_column(span.end_column, end_text),
    }


def _physical(location: Location, report: ReportInput) -> dict[str, Any]:
    name = report.repository_name(location.file)
    uri = quote(name, safe=_URI_PATH_SAFE, errors="surrogateescape")
    physical: dict[str, Any] = {"artifactLocation": {"uri": uri}}
    if location.span is not None:
        physical["region"] = _region(location.file, location.span, report.source_line)
    return physical


def _result(
    diagnostic: Diagnostic, fingerprint: str, index: dict[str, int], report: ReportInput
) -> dict[str, Any]:
    locale = report.locale
    result: dict[str, Any] = {
        "ruleId": diagnostic.code,
        "ruleIndex": index[diagnostic.code],
        "level": _LEVELS[diagnostic.severity],
        "message": {"text": diagnostic.message.text(locale)},
        "locations": [{"physicalLocation": _physical(diagnostic.location, report)}],
        "partialFingerprints": {FINGERPRINT: fingerprint},
    }
    if diagnostic.related:
        result["relatedLocations"] = [
            {
                "id": n,
                "physicalLocation": _physical(r.location, report),
                "message": {"text": r.message.text(locale)},
            }
            for n, r in enumerate(diagnostic.related)
        ]
    return result


def _suppressed_result(
    waived: Suppressed, fingerprint: str, index: dict[str, int], report: ReportInput
) -> dict[str, Any]:
    result = _result(waived.diagnostic, fingerprint, index, report)
    suppression: dict[str, Any] = {
        "kind": "inSource",
        "status": "accepted",
        "location": {"physicalLocation": _physical(waived.directive.location, report)},
    }
    if waived.directive.reason:
        suppression["justification"] = waived.directive.reason
    result["suppressions"] = [suppression]
    return result


def _rule_descriptor(code: str, locale: str) -> dict[str, Any]:
    from kompiler.codes import BUILTIN
    from kompiler.rules import registry

    descriptor: dict[str, Any] = {"id": code}
    rule = registry().get(code)
    info = rule or BUILTIN.get(code)
    if info is not None:
        descriptor["name"] = "".join(word.capitalize() for word in info.title.en.split())
        descriptor["shortDescription"] = {"text": info.title.text(locale)}
        descriptor["fullDescription"] = {"text": info.explanation.text(locale)}
    if rule is not None:
        descriptor["defaultConfiguration"] = {"level": _LEVELS[rule.severity]}
    return descriptor


def _kept(
    diagnostics: list[tuple[Diagnostic, str]], suppressed: list[tuple[Suppressed, str]]
) -> tuple[list[tuple[Diagnostic, str]], list[tuple[Suppressed, str]], int]:
    """The diagnostics and suppressed findings, each with its fingerprint, a run holds (at most
    :data:`MAX_RESULTS`, the most important first, each list in its own order), and how many were left
    out."""
    omitted = len(diagnostics) + len(suppressed) - MAX_RESULTS
    if omitted <= 0:
        return diagnostics, suppressed, 0
    ranked = sorted(range(len(diagnostics)), key=lambda n: _RANK[diagnostics[n][0].severity])
    chosen = sorted(ranked[:MAX_RESULTS])
    room = MAX_RESULTS - len(chosen)
    return [diagnostics[n] for n in chosen], suppressed[:room], omitted


def _left_out(omitted: int, locale: str) -> dict[str, Any]:
    message = Message(
        f"{omitted:,} hasil lain tidak dimuat: code scanning menerima paling banyak {MAX_RESULTS:,} hasil "
        "per run. Jalankan `kompiler check` untuk daftar lengkapnya.",
        f"{omitted:,} more results left out: code scanning accepts at most {MAX_RESULTS:,} results per run. "
        "Run `kompiler check` for the whole list.",
    )
    notification = {"level": "warning", "message": {"text": message.text(locale)}}
    return {"executionSuccessful": True, "toolExecutionNotifications": [notification]}


def render(report: ReportInput) -> str:
    codes = sorted({d.code for d in report.diagnostics} | {s.diagnostic.code for s in report.suppressed})
    index = {code: n for n, code in enumerate(codes)}
    every = [*report.diagnostics, *(s.diagnostic for s in report.suppressed)]
    found = fingerprints(every, report.repository_name)
    flagged = len(report.diagnostics)
    diagnostics, suppressed, omitted = _kept(
        list(zip(report.diagnostics, found[:flagged], strict=True)),
        list(zip(report.suppressed, found[flagged:], strict=True)),
    )
    run: dict[str, Any] = {
        "tool": {
            "driver": {
                "name": "kompiler",
                "version": __version__,
                "rules": [_rule_descriptor(code, report.locale) for code in codes],
            }
        },
        "results": [_result(d, digest, index, report) for d, digest in diagnostics]
        + [_suppressed_result(s, digest, index, report) for s, digest in suppressed],
    }
    if omitted:
        run["invocations"] = [_left_out(omitted, report.locale)]
    payload = {"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [run]}
    return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"

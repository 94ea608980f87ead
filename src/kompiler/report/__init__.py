"""Reporters: one module per output format, each turning diagnostics into text. None of them prints."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from kompiler.diagnostics import Diagnostic


@dataclass(frozen=True)
class ReportInput:
    """What every reporter receives: the diagnostics, the locale, and a way to read source lines."""

    diagnostics: list[Diagnostic]
    locale: str
    files_checked: int
    source_line: Callable[[str, int], str]
    color: bool = False
    verbose: bool = False


def formats() -> dict[str, Callable[[ReportInput], str]]:
    """Reporter functions by format name (imported lazily: each run needs only one)."""
    from kompiler.report import github, gitlab, json_report, sarif, text

    return {
        "text": text.render,
        "json": json_report.render,
        "github": github.render,
        "sarif": sarif.render,
        "gitlab": gitlab.render,
    }

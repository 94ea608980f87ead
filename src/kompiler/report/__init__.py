"""Reporters: one module per output format, each turning diagnostics into text. None of them prints."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from kompiler.diagnostics import Diagnostic
from kompiler.rules.suppress import Suppressed

# Characters a terminal or a line-based format does not show as themselves: control characters (a line
# break in a file name starts what looks like another report, an escape sequence drives the terminal),
# lone surrogates (the bytes of a name that is not UTF-8), line and paragraph separators, bidirectional
# controls that reorder the rest of the line, and a byte order mark.
UNSHOWABLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff\ud800-\udfff]")
_NAMED_ESCAPES = {"\t": "\\t", "\n": "\\n", "\r": "\\r"}


@dataclass(frozen=True)
class ReportInput:
    """What every reporter receives: the diagnostics, the locale, and a way to read source lines.

    ``suppressed`` holds the findings a waiver comment silenced, with the waiver: formats that can say
    so (SARIF's ``suppressions``) report them as waived rather than dropping them. ``repository_name``
    is how the formats a CI service reads (github, gitlab, sarif) name a file shown as ``file``
    (:func:`kompiler.project.repository_names`); the others print it as shown.
    """

    diagnostics: list[Diagnostic]
    locale: str
    files_checked: int
    source_line: Callable[[str, int], str]
    color: bool = False
    verbose: bool = False
    suppressed: Sequence[Suppressed] = ()
    repository_name: Callable[[str], str] = str


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


def escaped(text: str, keep: str = "") -> str:
    """``text`` with every character that cannot be shown as itself (but those in ``keep``, which the
    format escapes its own way) written as an escape: ``\\n``, ``\\x1b``, ``\\u202e``; a surrogate that
    stands for a byte of a name that is not UTF-8 as that byte, ``\\xe9``."""
    if UNSHOWABLE.search(text) is None:
        return text
    return UNSHOWABLE.sub(
        lambda found: found.group() if found.group() in keep else _escape(found.group()), text
    )


def _escape(character: str) -> str:
    point = ord(character)
    if character in _NAMED_ESCAPES:
        return _NAMED_ESCAPES[character]
    if 0xDC80 <= point <= 0xDCFF:
        return f"\\x{point - 0xDC00:02x}"
    if point <= 0xFF:
        return f"\\x{point:02x}"
    return f"\\u{point:04x}"

"""Inline suppression: reviewers turn a rule off for one line, one block or one file, with a reason in git.

Directives live in YAML comments, in Indonesian with English aliases::

    level: 2  # kompiler: abaikan KMP102 -- disetujui Biro Organisasi, 2026-03-01
    # kompiler: abaikan KMP102 -- alasan        (alone on its line: applies to the next line)
    # kompiler: abaikan-mulai KMP104 -- alasan
    # kompiler: abaikan-selesai KMP104
    # kompiler: abaikan-berkas KMP108 -- alasan

(``disable``, ``disable-start``, ``disable-end``, ``disable-file``). Only rule diagnostics can be
suppressed: a syntax or schema error means the file is wrong, not that a rule does not fit. A directive
that suppresses nothing, and one that cannot be understood, is itself reported, so suppressions do not
outlive the problem they were written for. Only lines that contain ``kompiler:`` are looked at, so
files without directives cost one substring search.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from kompiler.check.load import Document, split_lines
from kompiler.diagnostics import Diagnostic, Location, Message, Severity, Span
from kompiler.project import RuleSettings
from kompiler.rules import Rule
from kompiler.rules.common import closest_hint, did_you_mean, similar_codes
from kompiler.rules.settings_check import configuration_broken

CODE_UNUSED = "KMP090"
CODE_MALFORMED = "KMP091"

MARKER = "kompiler:"
_DIRECTIVE = re.compile(r"(?:^|(?<=\s))#\s*kompiler:(?P<body>.*)$")
_BODY = re.compile(r"^\s*(?P<action>\S*)(?P<codes>.*?)(?:\s--\s*(?P<reason>.*?))?\s*$")
_CODE = re.compile(r"^KMP[0-9]{3}$")
_LAST_LINE = 10**9


class Action(StrEnum):
    LINE = "abaikan"
    START = "abaikan-mulai"
    END = "abaikan-selesai"
    FILE = "abaikan-berkas"


_ACTIONS = {
    "abaikan": Action.LINE,
    "disable": Action.LINE,
    "abaikan-mulai": Action.START,
    "disable-start": Action.START,
    "abaikan-selesai": Action.END,
    "disable-end": Action.END,
    "abaikan-berkas": Action.FILE,
    "disable-file": Action.FILE,
}


@dataclass(frozen=True)
class Directive:
    """One suppression comment and the lines it covers (``first``..``last``, inclusive)."""

    location: Location
    action: Action
    codes: tuple[str, ...]
    reason: str | None
    first: int
    last: int

    def covers(self, code: str, line: int) -> bool:
        if code not in self.codes:
            return False
        return self.action is Action.FILE or self.first <= line <= self.last


@dataclass(frozen=True)
class Suppressed:
    """A diagnostic a directive silenced, kept so that reports can show what was waived and why."""

    diagnostic: Diagnostic
    directive: Directive


@dataclass
class Outcome:
    """Rule diagnostics after suppression: those that stand, those silenced, and problems with directives."""

    kept: list[Diagnostic] = field(default_factory=list)
    suppressed: list[Suppressed] = field(default_factory=list)
    problems: list[Diagnostic] = field(default_factory=list)
    directives: list[Directive] = field(default_factory=list)


Parsed = tuple[list[Directive], list[Diagnostic]]


def directives_of(documents: Iterable[Document], rules: Mapping[str, Rule]) -> dict[str, Parsed]:
    """The directives (and directive problems) of every document that has any, by file shown."""
    return {d.path: parse(d, rules) for d in documents if MARKER in d.text}


def whole_file(parsed: Mapping[str, Parsed]) -> dict[str, frozenset[str]]:
    """The codes each file waives as a whole (``abaikan-berkas``), by file shown: the rules may stop
    there at their first finding (see :func:`kompiler.rules.engine.run_rules`)."""
    waived = {
        file: frozenset(code for d in directives if d.action is Action.FILE for code in d.codes)
        for file, (directives, _) in parsed.items()
    }
    return {file: codes for file, codes in waived.items() if codes}


def partly_checked(stage: Iterable[Diagnostic]) -> frozenset[str]:
    """The files (as shown) that the per-file stage ``stage`` found an error in."""
    return frozenset(d.location.file for d in stage if d.severity is Severity.ERROR)


def apply_parsed(
    diagnostics: Iterable[Diagnostic],
    parsed: Mapping[str, Parsed],
    settings: RuleSettings,
    partly_checked: Collection[str] = frozenset(),
) -> Outcome:
    """Silence the rule diagnostics that a directive covers and report directives that do no work;
    ``parsed`` is :func:`directives_of` the documents (kept by a check that reuses unchanged files' parse).

    Under a configuration that cannot be used no rule ran, so a directive covering nothing says nothing
    about its rule and is not reported; nor in a file of ``partly_checked`` (shown names of files with
    a syntax or schema error): the rules skipped what the schema rejected, so a directive there may
    cover nothing only because of that error, which is the one thing to report.
    """
    diagnostics = list(diagnostics)
    rules_ran = not configuration_broken(diagnostics)
    outcome = Outcome()
    by_file: dict[str, list[Directive]] = {}
    for file, (directives, problems) in parsed.items():
        by_file[file] = directives
        outcome.directives.extend(directives)
        outcome.problems.extend(problems)
    used: set[tuple[int, str]] = set()
    for diagnostic in diagnostics:
        directive = _covering(by_file.get(diagnostic.location.file, ()), diagnostic)
        if directive is None:
            outcome.kept.append(diagnostic)
            continue
        used.add((id(directive), diagnostic.code))
        outcome.suppressed.append(Suppressed(diagnostic, directive))
    for directive in outcome.directives:
        if directive.action is Action.END:
            continue
        for code in directive.codes:
            if (
                rules_ran
                and directive.location.file not in partly_checked
                and (id(directive), code) not in used
                and settings.enabled(code)
            ):
                outcome.problems.append(_unused(directive, code))
    outcome.problems = [_configured(d, settings) for d in outcome.problems if settings.enabled(d.code)]
    # In the order of the diagnostics, whichever order the rules found them in (an incremental check
    # gathers them file by file): reports list them as they are.
    outcome.suppressed.sort(key=lambda s: Diagnostic.sort_key(s.diagnostic))
    return outcome


def _covering(directives: Iterable[Directive], diagnostic: Diagnostic) -> Directive | None:
    """The narrowest directive covering the diagnostic: a line before a block before the whole file."""
    matches = [d for d in directives if d.covers(diagnostic.code, diagnostic.location.line)]
    if not matches:
        return None
    order = {Action.LINE: 0, Action.START: 1, Action.FILE: 2}
    return min(matches, key=lambda d: order[d.action])


def _configured(diagnostic: Diagnostic, settings: RuleSettings) -> Diagnostic:
    override = settings.severity.get(diagnostic.code)
    if not override:
        return diagnostic
    return Diagnostic(Severity.parse(override), diagnostic.code, diagnostic.message, diagnostic.location)


def parse(document: Document, rules: Mapping[str, Rule]) -> tuple[list[Directive], list[Diagnostic]]:
    """The directives of one document, and a diagnostic for every directive that cannot be understood."""
    lines = split_lines(document.text)
    directives: list[Directive] = []
    problems: list[Diagnostic] = []
    open_blocks: dict[str, list[Directive]] = {}
    for number, text in enumerate(lines, start=1):
        if MARKER not in text:
            continue
        match = _DIRECTIVE.search(text)
        if match is None:
            continue
        location = Location(document.path, Span(number, match.start() + 1, number, len(text) + 1))
        body = _BODY.match(match.group("body"))
        assert body is not None  # the pattern matches any text
        keyword = body.group("action")
        action = _ACTIONS.get(keyword)
        if action is None:
            problems.append(_malformed(location, *_unknown_action(keyword)))
            continue
        codes, bad = _codes(body.group("codes"), rules, location)
        problems.extend(bad)
        if not codes:
            if not bad:
                problems.append(_malformed(location, *_no_codes(keyword)))
            continue
        reason = (body.group("reason") or "").strip() or None
        if action is Action.END:
            problems.extend(_close(open_blocks, codes, number, location, directives))
            continue
        first, last = _span_of(action, number, text, match.start(), lines)
        directive = Directive(location, action, codes, reason, first, last)
        if action is Action.START:
            for code in codes:
                open_blocks.setdefault(code, []).append(directive)
        else:
            directives.append(directive)
    for code, started in open_blocks.items():
        for directive in started:
            problems.append(_malformed(directive.location, *_unclosed(code)))
            directives.append(_narrowed(directive, code, _LAST_LINE))
    return directives, problems


def _span_of(action: Action, number: int, text: str, hash_at: int, lines: list[str]) -> tuple[int, int]:
    if action is Action.FILE:
        return 1, _LAST_LINE
    if action is Action.START:
        return number, _LAST_LINE
    if text[:hash_at].strip():
        return number, number
    for following in range(number, len(lines)):
        stripped = lines[following].strip()
        if stripped and not stripped.startswith("#"):
            return following + 1, following + 1
    return number, number


def _close(
    open_blocks: dict[str, list[Directive]],
    codes: tuple[str, ...],
    number: int,
    location: Location,
    directives: list[Directive],
) -> list[Diagnostic]:
    problems = []
    for code in codes:
        started = open_blocks.get(code)
        if not started:
            problems.append(_malformed(location, *_unopened(code)))
            continue
        directives.append(_narrowed(started.pop(), code, number))
    return problems


def _narrowed(directive: Directive, code: str, last: int) -> Directive:
    """A block directive for one of its codes, ending where that code's block ends."""
    return Directive(directive.location, directive.action, (code,), directive.reason, directive.first, last)


def _codes(
    text: str, rules: Mapping[str, Rule], location: Location
) -> tuple[tuple[str, ...], list[Diagnostic]]:
    codes: list[str] = []
    problems: list[Diagnostic] = []
    for word in filter(None, re.split(r"[\s,]+", text)):
        code = word.upper()
        if code in rules:
            if code not in codes:
                codes.append(code)
        elif _CODE.match(code):
            problems.append(_malformed(location, *_not_a_rule(code, rules)))
        else:
            problems.append(_malformed(location, *_not_a_code(word, rules)))
    return tuple(codes), problems


def _malformed(location: Location, id_: str, en: str) -> Diagnostic:
    return Diagnostic(Severity.WARNING, CODE_MALFORMED, Message(id_, en), location)


def _unused(directive: Directive, code: str) -> Diagnostic:
    where_id = {Action.LINE: "baris itu", Action.START: "blok itu", Action.FILE: "berkas ini"}[
        directive.action
    ]
    where_en = {Action.LINE: "on that line", Action.START: "in that block", Action.FILE: "in this file"}[
        directive.action
    ]
    return Diagnostic(
        Severity.WARNING,
        CODE_UNUSED,
        Message(
            f"Penanda abaikan {code} tidak mengabaikan apa pun: {code} tidak melaporkan masalah di {where_id}. "
            "Hapus penanda ini.",
            f"The suppression of {code} suppresses nothing: {code} reports no problem {where_en}. "
            "Remove this directive.",
        ),
        directive.location,
    )


_FORMS = (
    "abaikan, abaikan-mulai, abaikan-selesai, abaikan-berkas "
    "(disable, disable-start, disable-end, disable-file)"
)


def _unknown_action(keyword: str) -> tuple[str, str]:
    hint_id, hint_en = closest_hint(keyword, _ACTIONS)
    return (
        f"Penanda kompiler {keyword!r} tidak dikenal; bentuk yang dikenal: {_FORMS}.{hint_id}",
        f"Unknown kompiler directive {keyword!r}; known forms: {_FORMS}.{hint_en}",
    )


def _no_codes(keyword: str) -> tuple[str, str]:
    return (
        f"Penanda {keyword} harus menyebut kode aturan, misalnya '# kompiler: {keyword} KMP101 -- alasan'; "
        "semua aturan tidak dapat diabaikan sekaligus.",
        f"The directive {keyword} must name rule codes, for instance '# kompiler: {keyword} KMP101 -- reason'; "
        "all rules cannot be suppressed at once.",
    )


def _suggestion(word: str, rules: Mapping[str, Rule]) -> tuple[str, str]:
    return did_you_mean(similar_codes(word, rules))


def _not_a_rule(code: str, rules: Mapping[str, Rule]) -> tuple[str, str]:
    hint_id, hint_en = _suggestion(code, rules)
    return (
        f"{code} bukan kode aturan, sehingga tidak dapat diabaikan; galat sintaks dan skema diperbaiki di "
        f"berkasnya.{hint_id}",
        f"{code} is not a rule code, so it cannot be suppressed; syntax and schema errors are fixed in the "
        f"file.{hint_en}",
    )


def _not_a_code(word: str, rules: Mapping[str, Rule]) -> tuple[str, str]:
    hint_id, hint_en = _suggestion(word, rules)
    return (
        f"{word!r} bukan kode aturan (bentuknya KMPnnn); alasan ditulis sesudah ' -- '.{hint_id}",
        f"{word!r} is not a rule code (they look like KMPnnn); a reason goes after ' -- '.{hint_en}",
    )


def _unopened(code: str) -> tuple[str, str]:
    return (
        f"abaikan-selesai {code} tanpa abaikan-mulai {code} sebelumnya.",
        f"disable-end {code} without an earlier disable-start {code}.",
    )


def _unclosed(code: str) -> tuple[str, str]:
    return (
        f"abaikan-mulai {code} tidak ditutup dengan abaikan-selesai {code}; penanda ini berlaku sampai akhir "
        "berkas.",
        f"disable-start {code} is not closed by disable-end {code}; it applies to the end of the file.",
    )

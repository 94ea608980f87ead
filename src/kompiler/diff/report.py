"""Diff reports: the changes as text for a terminal, JSON for tools, and Markdown for a pull-request comment.

Changes are grouped by entity, so a reviewer reads "Jabatan X: level of M.01 raised from 2 to 3; task
added: …" instead of scattered lines. Text edits show their word diff: ``[-old-]{+new+}`` in text, struck
and bold words in Markdown. The text and Markdown reports are line-based: each of their lines is written
through :func:`kompiler.report.escaped`, so a control character in a name or a revision (a line break, an
escape sequence) is printed as ``\n`` or ``\x1b`` and can neither start a line nor drive a terminal. The
Markdown, posted by a bot on a pull request nobody has reviewed yet, writes every text from the standards
through :mod:`kompiler.report.markdown`: it neither mentions, links nor references anything.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from itertools import groupby

from kompiler.diagnostics import Message
from kompiler.diff.changes import Change, Kind, Subject
from kompiler.diff.notes import review_notes
from kompiler.diff.wording import SUBJECTS, SUBJECTS_PLURAL, entity_name, headline, is_short
from kompiler.diff.words import Op, Segment
from kompiler.report import escaped
from kompiler.report.markdown import code_span, inline

FORMATS = ("text", "json", "markdown")


@dataclass(frozen=True)
class DiffReport:
    """What every diff formatter receives: the two sides' labels, the changes, and the locale."""

    before: str
    after: str
    changes: list[Change]
    locale: str = "id"


def render(report: DiffReport, output_format: str) -> str:
    return _FORMATTERS[output_format](report)


def groups(changes: list[Change]) -> list[tuple[Subject, str, str, list[Change]]]:
    """Changes grouped per entity, subjects in reading order, entities by code."""
    order = {subject: index for index, subject in enumerate(Subject)}
    ordered = sorted(changes, key=lambda c: (order[c.subject], c.code))
    return [
        (subject, code, items[-1].name, items)
        for (subject, code), group in groupby(ordered, key=lambda c: (c.subject, c.code))
        for items in [list(group)]
    ]


def counts(changes: list[Change]) -> dict[Subject, int]:
    """Number of changed entities per subject."""
    result: dict[Subject, int] = {}
    for subject, _, _, _ in groups(changes):
        result[subject] = result.get(subject, 0) + 1
    return result


def _summary(report: DiffReport) -> str:
    locale = report.locale
    if not report.changes:
        return Message("Tidak ada perubahan makna.", "No changes in meaning.").text(locale)
    parts = ", ".join(
        f"{SUBJECTS_PLURAL[subject].text(locale).lower()}: {number}"
        for subject, number in counts(report.changes).items()
    )
    return Message(
        f"{len(report.changes)} perubahan pada entitas berikut — {parts}.",
        f"{len(report.changes)} change(s) to these entities — {parts}.",
    ).text(locale)


_MARKS = {
    Kind.ADDED: "+",
    Kind.REMOVED: "-",
    Kind.ITEM_ADDED: "+",
    Kind.ITEM_REMOVED: "-",
    Kind.LEVEL_ADDED: "+",
    Kind.LEVEL_REMOVED: "-",
    Kind.INDICATOR_ADDED: "+",
    Kind.INDICATOR_REMOVED: "-",
    Kind.REQUIREMENT_ADDED: "+",
    Kind.REQUIREMENT_REMOVED: "-",
}


def _words(
    segments: tuple[Segment, ...],
    deleted: Callable[[str], str],
    inserted: Callable[[str], str],
    kept: Callable[[str], str] = str,
) -> str:
    """The segments joined, deletions and insertions marked (and the kept text written by ``kept``);
    spaces at a segment's ends stay unmarked."""
    marks = {Op.DELETE: deleted, Op.INSERT: inserted}
    out = []
    for segment in segments:
        if segment.op is Op.EQUAL:
            out.append(kept(segment.text))
            continue
        core = segment.text.strip()
        lead = segment.text[: len(segment.text) - len(segment.text.lstrip())]
        trail = segment.text[len(segment.text.rstrip()) :]
        out.append(f"{lead}{marks[segment.op](core)}{trail}" if core else segment.text)
    return " ".join("".join(out).split())


def _shows_words(change: Change) -> bool:
    """Long text edits show their word diff; short values are already in the sentence."""
    return bool(change.words) and change.kind is Kind.CHANGED and not is_short(change)


# --- text -------------------------------------------------------------------------------------------


def _text(report: DiffReport) -> str:
    locale = report.locale
    title = Message("Perubahan standar", "Changes to the standards").text(locale)
    lines = [f"{title} {report.before} → {report.after}: {_summary(report)}"]
    warning = Message("peringatan", "warning").text(locale)
    lines += [f"{warning}: {note.text(locale)}" for note in review_notes(report.changes)]
    for subject, code, name, items in groups(report.changes):
        lines.append("")
        lines.append(" ".join(filter(None, (SUBJECTS[subject].text(locale), code, entity_name(code, name)))))
        for change in items:
            lines.append(f"  {_MARKS.get(change.kind, '~')} {headline(change).text(locale)}")
            if _shows_words(change):
                lines.append("      " + _words(change.words, lambda t: f"[-{t}-]", lambda t: f"{{+{t}+}}"))
    return _joined(lines)


def _joined(lines: list[str]) -> str:
    """The report's lines, each with its unshowable characters escaped, as one text."""
    return "".join(escaped(line) + "\n" for line in lines)


# --- markdown ---------------------------------------------------------------------------------------


def _markdown(report: DiffReport) -> str:
    locale = report.locale
    title = Message("Perubahan standar kompetensi", "Changes to the competency standards").text(locale)
    lines = [
        f"### {title}",
        "",
        f"{code_span(report.before)} → {code_span(report.after)}: {inline(_summary(report))}",
    ]
    warning = Message("Peringatan", "Warning").text(locale)
    for note in review_notes(report.changes):
        lines += ["", f"> **{warning}:** {inline(note.text(locale))}"]
    for subject, group in groupby(groups(report.changes), key=lambda g: g[0]):
        lines += ["", f"#### {SUBJECTS_PLURAL[subject].text(locale)}", ""]
        for _, code, name, items in group:
            shown = entity_name(code, name)
            lines.append(f"- **{inline(code)}** {inline(shown)}" if shown else f"- **{inline(code)}**")
            for change in items:
                lines.append(f"  - {inline(headline(change).text(locale))}")
                if _shows_words(change):
                    lines.append(
                        "    > "
                        + _words(
                            change.words, lambda t: f"~~{inline(t)}~~", lambda t: f"**{inline(t)}**", inline
                        )
                    )
    return _joined(lines)


# --- json -------------------------------------------------------------------------------------------


def _change_dict(change: Change, locale: str) -> dict:
    data = {
        "jenis": change.kind.value,
        "subjek": change.subject.value,
        "kode": change.code,
        "nama": change.name,
        "bidang_isian": change.field,
        "level": change.level,
        "butir": change.item,
        "sebelum": change.before,
        "sesudah": change.after,
        "kode_lama": change.old_code,
        "anggota": list(change.members),
        "kemiripan": change.similarity,
        "kata": [{"op": s.op.value, "teks": s.text} for s in change.words],
        "uraian": headline(change).text(locale),
    }
    return {key: value for key, value in data.items() if value not in (None, [])}


def _json(report: DiffReport) -> str:
    data = {
        "dari": report.before,
        "ke": report.after,
        "jumlah": {subject.value: number for subject, number in counts(report.changes).items()},
        "perubahan": [_change_dict(change, report.locale) for change in report.changes],
    }
    notes = review_notes(report.changes)
    if notes:
        data["peringatan"] = [note.text(report.locale) for note in notes]
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


_FORMATTERS: dict[str, Callable[[DiffReport], str]] = {"text": _text, "json": _json, "markdown": _markdown}

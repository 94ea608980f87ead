"""The agency view: a competency × unit gap heatmap and the share of employees whose plans reach the
minimum JP, as Markdown, CSV and HTML. The only people output that may reach the public site.

It prints only what :func:`kompiler.people.aggregate.suppress` lets through (groups under the minimum
and those that would give one away by difference are already ``None`` there): no person's id or value
is ever part of an :class:`AgencyView`, only counts, mean gaps and shares of groups.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping
from dataclasses import dataclass

from kompiler.people.aggregate import Figure, Suppressed, UnitFigure
from kompiler.render.environment import markdown_escape
from kompiler.render.labels import number
from kompiler.render.people.labels import people_labels
from kompiler.spreadsheet import spreadsheet_text

_SHADES = 5  # colour steps of the heatmap
PAGE = "people/agregat.html"  # the heatmap as one page of the private folder


@dataclass(frozen=True)
class Cell:
    text: str
    shade: int  # 0 (no gap) … _SHADES - 1; -1 suppressed or nobody there


@dataclass(frozen=True)
class Row:
    label: str
    people: str
    cells: tuple[Cell, ...]
    share: str


@dataclass(frozen=True)
class AgencyView:
    """The suppressed aggregates as printed: only group figures the people stage let through."""

    minimum: int
    minimum_jp: str
    version: str
    columns: tuple[tuple[str, str], ...]
    rows: tuple[Row, ...]
    total: Row
    has_plans: bool


def agency_view(
    figures: Suppressed,
    names: Mapping[str, str],
    *,
    has_plans: bool,
    minimum_jp: float,
    version: str,
    locale: str,
) -> AgencyView:
    """The printable view of ``figures`` (:func:`kompiler.people.aggregate.suppress`'s result).

    A suppressed figure prints —, a cell nobody's position requires prints nothing, and a unit whose
    figures are all suppressed is left out whole: even its name would say that it has a few people. So is
    a competency none of whose figures is shown: a technical competency only one unit's positions require
    (T.WAS.* in the Inspektorat) would name the unit left out, and one position's would say its holder was
    assessed.
    """
    t = people_labels(locale)
    hidden = t["disembunyikan"]
    means = [f.mean_gap for row in figures.cells for f in row if f.mean_gap is not None]
    top = max(means, default=0.0)

    def cell(figure: Figure) -> Cell:
        if figure.people == 0:
            return Cell("", -1)
        if figure.mean_gap is None:
            return Cell(hidden, -1)
        shade = 0 if top <= 0 else min(_SHADES - 1, int(figure.mean_gap / top * (_SHADES - 1) + 0.5))
        return Cell(number(figure.mean_gap, locale, 2), shade)

    def row(label: str, unit: UnitFigure, cells: tuple[Figure, ...]) -> Row:
        share = ""
        if has_plans:
            share = hidden if unit.share_reaching is None else number(unit.share_reaching, locale) + " %"
        return Row(label, hidden if unit.people is None else str(unit.people), tuple(map(cell, cells)), share)

    units = [
        (unit, cells)
        for unit, cells in zip(figures.units, figures.cells, strict=True)
        if unit.people is not None or any(f.mean_gap is not None for f in cells)
    ]
    kept = [
        c
        for c, total in enumerate(figures.totals)
        if total.mean_gap is not None or any(cells[c].mean_gap is not None for _, cells in units)
    ]
    return AgencyView(
        minimum=figures.minimum,
        minimum_jp=number(minimum_jp, locale),
        version=version,
        columns=tuple((code, names.get(code, code)) for code in (figures.competencies[c] for c in kept)),
        rows=tuple(row(unit.unit, unit, tuple(cells[c] for c in kept)) for unit, cells in units),
        total=row(t["keseluruhan"], figures.agency, tuple(figures.totals[c] for c in kept)),
        has_plans=has_plans,
    )


def markdown(view: AgencyView, locale: str) -> str:
    """The view as Markdown tables (no template: a fixed, machine-checked shape). Every text from the
    standards, the policy or the file (a unit's or competency's name, a code, the formula version) is
    escaped as every Markdown output escapes it (:func:`~kompiler.render.environment.markdown_escape`):
    a ``|`` would split a table cell, HTML would run in a Markdown viewer."""
    t = people_labels(locale)
    head = [t["unit"], t["jumlah_orang"], *(markdown_escape(code) for code, _ in view.columns)]
    if view.has_plans:
        head.append(t["porsi_20jp"].format(minimum=view.minimum_jp))
    lines = [f"# {t['title_summary']}", "", t["agregat_note"].format(minimum=view.minimum), ""]
    lines += ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for row in (*view.rows, view.total):
        cells = [markdown_escape(row.label), row.people, *(c.text for c in row.cells)]
        if view.has_plans:
            cells.append(row.share)
        lines.append("| " + " | ".join(cells) + " |")
    lines += ["", *(f"- {markdown_escape(code)}: {markdown_escape(name)}" for code, name in view.columns), ""]
    lines += [f"*{t['dukungan'].format(version=markdown_escape(view.version or '—'))}*", ""]
    return "\n".join(lines)


def csv_text(view: AgencyView) -> str:
    """The view as CSV: ``unit_kerja, jumlah_pegawai, <competency codes…>, porsi_mencapai_jp,
    versi_rumus, keterangan`` with the suppressed cells empty, a decimal point in numbers, and the whole
    agency's row last; every row names the formula version and carries the notice."""
    notice = (
        f"Agregat; kelompok di bawah {view.minimum} orang disembunyikan; hasil rumus mendukung dan tidak "
        "menggantikan keputusan manusia (UU 27/2022 Pasal 10)"
    )
    stream = io.StringIO()
    writer = csv.writer(stream, lineterminator="\r\n")
    codes = [code for code, _ in view.columns]
    writer.writerow(
        ["unit_kerja", "jumlah_pegawai", *codes, "porsi_mencapai_jp", "versi_rumus", "keterangan"]
    )
    for row in (*view.rows, view.total):
        cells = [_machine(c.text) for c in row.cells]
        share = _machine(row.share.removesuffix(" %"))
        writer.writerow(
            [spreadsheet_text(row.label), _machine(row.people), *cells, share, view.version, notice]
        )
    return stream.getvalue()


def _machine(text: str) -> str:
    return "" if text in ("—", "") else text.replace(",", ".")


def page_context(view: AgencyView, locale: str) -> dict[str, object]:
    """What ``people/agregat.html`` and the site's ``site/asesmen.html`` print."""
    t = people_labels(locale)
    return {
        "v": view,
        "pt": t,
        "note": t["agregat_note"].format(minimum=view.minimum),
        "share_head": t["porsi_20jp"].format(minimum=view.minimum_jp),
        "support": t["dukungan"].format(version=view.version or "—"),
    }

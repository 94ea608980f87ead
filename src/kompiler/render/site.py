"""The static website (``output/site/``): a page per position, family and competency, search, graph, proposals.

Everything is relative links and local files, so the folder works from an intranet file server or
straight from disk: no CDN, no font or script from elsewhere, the search index is a script file (not a
JSON fetch, which browsers refuse over ``file://``). Each template is compiled once and rendered per
page; all lists arrive sorted from the view, so the site is byte-identical for the same standards.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from kompiler.render.downloads import Downloads
from kompiler.render.environment import Page, Templates
from kompiler.render.labels import labels, long_date
from kompiler.render.people.labels import people_labels
from kompiler.render.view import TYPE_ORDER, CompetencyView, FamilySection, PositionView, Publication

STATIC = ("site/gaya.css", "site/situs.js", "site/ikon.svg")
GRAPH_PAGES = ("graf.html", "usulan.html")  # written by graph_pages, once the graph stage is done
AGENCY_PAGE = "asesmen.html"
_TYPE_RANK = {t.value: rank for rank, t in enumerate(TYPE_ORDER)}

if TYPE_CHECKING:  # the graph stage's picture arrives as data; rendering never runs the graph stage
    from kompiler.graph.picture import GraphData


@dataclass(frozen=True, slots=True)
class HeatmapRow:
    position: PositionView
    cells: tuple[int | None, ...]


@dataclass(frozen=True, slots=True)
class Heatmap:
    columns: tuple[CompetencyView, ...]
    rows: tuple[HeatmapRow, ...]

    def extent(self) -> int:
        """How much the heatmap prints, in cells (the family page's allowance grows with it:
        :mod:`kompiler.render.limits`)."""
        return len(self.rows) * max(1, len(self.columns))


@dataclass(frozen=True, slots=True)
class Usage:
    """A position that requires a competency, at a level (for the competency's page)."""

    position: PositionView
    level: int


def heatmap(family: FamilySection, competencies: dict[str, CompetencyView]) -> Heatmap:
    """Positions × competencies of one family: the level each position requires (``None``: not required)."""
    levels = [{row.code: row.level for row in p.requirements()} for p in family.positions]
    columns = tuple(
        sorted(
            (competencies[c] for c in set().union(*levels) if c in competencies),
            key=lambda c: (_TYPE_RANK[c.type], c.code),
        )
    )
    rows = [
        HeatmapRow(position, tuple(required.get(c.code) for c in columns))
        for position, required in zip(family.positions, levels, strict=True)
    ]
    return Heatmap(columns, tuple(rows))


def search_index(pub: Publication) -> str:
    """The client-side search index as a script assigning one array: code, name, family, competencies, page."""
    entries = [
        [
            p.code,
            p.name,
            p.family_name,
            " ".join(f"{row.code} {row.name}" for row in p.requirements()),
            f"jabatan/{p.code}.html",
        ]
        for p in pub.positions()
    ]
    body = json.dumps(entries, ensure_ascii=False, separators=(",", ":"))
    return f"window.KOMPILER_INDEKS = {body};\n"


def static_files(templates: Templates, pub: Publication) -> list[tuple[str, str]]:
    """The stylesheet, the script and the search index, as (path in the output folder, text)."""
    assets = [(f"site/aset/{name.split('/')[-1]}", templates.source(name)) for name in STATIC]
    return [*assets, ("site/aset/indeks.js", search_index(pub))]


def _page(base: dict[str, Any], template: str, path: str, **context: Any) -> Page:
    return (f"site/{path}", template, {**base, "root": "../" * path.count("/"), **context})


def _base(pub: Publication, built: datetime | None, agency: bool = False) -> dict[str, Any]:
    """What every page's frame prints: the labels, the regulation (in the footer), the build date, and
    the navigation's link to the assessment aggregates when the build has them (``agency_nav``)."""
    day = built.strftime("%Y-%m-%d") if built else ""
    return {
        "t": labels(pub.locale),
        "locale": pub.locale,
        "built": day,
        "built_long": long_date(day, pub.locale),
        "regulation": pub.regulation,
        "agency_nav": people_labels(pub.locale)["site_nav"] if agency else "",
    }


def pages(
    pub: Publication, *, built: datetime | None, downloads: Downloads | None = None, agency: bool = False
) -> list[Page]:
    """Every page of the site except the graph and the proposals (those wait for the graph stage);
    ``downloads`` says which of the build's documents the pages link to, ``agency`` whether the site
    has the assessment aggregates' page (:func:`agency_page`)."""
    base = {**_base(pub, built, agency), "downloads": downloads or Downloads()}
    competencies = {c.code: c for c in pub.competencies}
    families = {f.code: f for f in pub.families}
    children: dict[str, list[FamilySection]] = defaultdict(list)
    for family in pub.families:
        if family.parent:
            children[family.parent].append(family)
    usage: dict[str, list[Usage]] = defaultdict(list)
    for position in pub.positions():
        for row in position.requirements():
            usage[row.code].append(Usage(position, row.level))

    out = [_page(base, "site/index.html", "index.html", pub=pub, current="home")]
    for position in pub.positions():
        out.append(
            _page(
                base,
                "site/position.html",
                f"jabatan/{position.code}.html",
                position=position,
                family=families.get(position.family_code),
                current="positions",
            )
        )
    for family in pub.families:
        out.append(
            _page(
                base,
                "site/family.html",
                f"rumpun/{family.code}.html",
                family=family,
                parent=families.get(family.parent) if family.parent else None,
                children=children.get(family.code, ()),
                heatmap=heatmap(family, competencies),
                current="families",
            )
        )
    for competency in pub.competencies:
        out.append(
            _page(
                base,
                "site/competency.html",
                f"kompetensi/{competency.code}.html",
                competency=competency,
                usage=sorted(usage.get(competency.code, ()), key=lambda u: (-u.level, u.position.code)),
                current="competencies",
            )
        )
    return out


def graph_pages(
    pub: Publication, *, built: datetime | None, graph: GraphData, agency: bool = False
) -> list[Page]:
    """The graph picture and the merge proposals pages."""
    base = _base(pub, built, agency)
    picture = graph.picture
    names = {p.code: p.name for p in pub.positions()}
    graph_page, proposals_page = GRAPH_PAGES
    return [
        _page(
            base,
            "site/graph.html",
            graph_page,
            picture=picture,
            coords={node.code: node for node in picture.nodes},
            family_colour={family.code: family.colour for family in picture.families},
            neighbours=picture.neighbours(),
            current="graph",
        ),
        _page(
            base,
            "site/proposals.html",
            proposals_page,
            proposals=graph.proposals,
            names=names,
            current="proposals",
        ),
    ]


def agency_page(pub: Publication, *, built: datetime | None, context: dict[str, Any]) -> Page:
    """The agency's assessment aggregates (``kompiler build --asesmen``): suppressed group figures only,
    as :mod:`kompiler.render.people.summary` prints them; no person's id or value is in ``context``."""
    return _page(
        _base(pub, built, agency=True), "site/asesmen.html", AGENCY_PAGE, current="agency", **context
    )

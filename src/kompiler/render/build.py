"""Everything ``kompiler build`` writes, in one entry point: :func:`build_outputs`.

The CLI compiles, opens an :class:`~kompiler.render.output.OutputWriter`, calls this, and commits the
writer only if it returns, so a template error or an interrupted build leaves the previous output as
it was. Progress is reported through a small callback protocol, because the library never prints.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from kompiler.compiler import CompileResult
from kompiler.render import documents, site
from kompiler.render.environment import Templates
from kompiler.render.graph_view import graph_data
from kompiler.render.model_json import model_dict
from kompiler.render.output import OutputWriter
from kompiler.render.view import publication

if TYPE_CHECKING:
    from kompiler.graph.merge import MergeResult

FORMATS = ("json", "graph", "md", "html", "pdf", "docx", "site")


class Progress(Protocol):
    """Receives the steps of a build: ``step`` announces one with its number of units, ``advance`` one unit."""

    def step(self, label: str, total: int) -> None: ...

    def advance(self, amount: int = 1) -> None: ...


class _Silent:
    def step(self, label: str, total: int) -> None:
        return None

    def advance(self, amount: int = 1) -> None:
        return None


@dataclass(frozen=True)
class BuildOptions:
    """What to build: the locale, the formats, and optionally a single position (``only``)."""

    locale: str = "id"
    only: str | None = None
    formats: tuple[str, ...] = FORMATS
    built: datetime | None = None
    project_templates: Path | None = None


def source_date() -> datetime | None:
    """The build moment from ``SOURCE_DATE_EPOCH`` (reproducible builds), or ``None`` when unset."""
    value = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not value.isdigit():
        return None
    return datetime.fromtimestamp(int(value), tz=UTC)


def build_outputs(
    result: CompileResult,
    writer: OutputWriter,
    options: BuildOptions,
    progress: Progress | None = None,
) -> list[str]:
    """Render every requested output of ``result`` into ``writer``; return the relative paths written.

    With ``options.only`` only that position's SKJ is written (``<KODE>.pdf``, ``.docx``, ``.md``,
    ``.html``). Raises :class:`~kompiler.render.environment.TemplateProblem` on a template error.
    """
    progress = progress or _Silent()
    templates = Templates(options.project_templates)
    pub = publication(result.corpus, options.locale, only=options.only)
    single = options.only is not None
    stem = options.only or "lampiran"
    # (label, units, run, whether run advances the progress itself)
    steps: list[tuple[str, int, Callable[[], object], bool]] = []

    if "json" in options.formats and not single:
        steps.append(("model.json", 1, lambda: _json(writer, result), False))
    if "md" in options.formats:

        def markdown() -> None:
            writer.write_text(f"{stem}.md", documents.appendix_markdown(templates, pub, single=single))
            progress.advance()
            if not single:
                for position in pub.positions():
                    writer.write_text(
                        f"jabatan/{position.code}.md",
                        documents.position_markdown(templates, position, pub.locale),
                    )
                    progress.advance()

        steps.append(("Markdown", 1 + (0 if single else len(pub.positions())), markdown, True))
    html_cache: dict[str, str] = {}

    def html() -> str:
        if "html" not in html_cache:
            html_cache["html"] = documents.appendix_html(templates, pub, single=single, built=options.built)
            writer.write_text(f"{stem}.html", html_cache["html"])
        return html_cache["html"]

    if "pdf" in options.formats or "html" in options.formats:
        steps.append(("HTML", 1, html, False))
    if "pdf" in options.formats:
        steps.append(
            ("PDF", 1, lambda: writer.write_bytes(f"{stem}.pdf", documents.appendix_pdf(html())), False)
        )
    if "docx" in options.formats:
        steps.append(
            (
                "Word",
                1,
                lambda: writer.write_bytes(
                    f"{stem}.docx", documents.appendix_word(pub, single=single, built=options.built)
                ),
                False,
            )
        )
    merge: list[MergeResult] = []

    def graph() -> None:
        # The graph stage imports numpy and scipy: only a build that needs it pays for them.
        from kompiler.graph.merge import run_merge
        from kompiler.graph.render import render_graph_outputs

        if "graph" in options.formats:
            merge.append(render_graph_outputs(result.corpus, writer, options.locale))
        else:
            merge.append(run_merge(result.corpus))

    if not single and ("graph" in options.formats or "site" in options.formats):
        steps.append(("Graf", 1, graph, False))
    if "site" in options.formats and not single:
        steps.append(
            (
                "Situs",
                site.page_count(pub),
                lambda: site.build_site(
                    templates,
                    pub,
                    writer,
                    built=options.built,
                    advance=progress.advance,
                    graph=graph_data(result.corpus, merge[0]),
                ),
                True,
            )
        )
    for label, total, run, advances in steps:
        progress.step(label, total)
        run()
        if not advances:
            progress.advance(total)
    return list(writer.written)


def _json(writer: OutputWriter, result: CompileResult) -> None:
    writer.write_text(
        "model.json", json.dumps(model_dict(result.corpus), ensure_ascii=False, indent=2) + "\n"
    )

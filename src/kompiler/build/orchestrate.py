"""Everything ``kompiler build`` writes, in one entry point: :func:`build_outputs`.

The CLI compiles, opens an :class:`~kompiler.build.output.OutputWriter`, calls this, and commits the
writer only if it returns, so a template error or an interrupted build leaves the previous output as
it was. Progress is reported through a small callback protocol, because the library never prints.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Protocol

from kompiler.runtime.collector import paused, return_free_memory
from kompiler.pipeline import CompileResult, compile_path
from kompiler.render import documents, site
from kompiler.render.environment import Templates
from kompiler.runtime.forked import Forked
from kompiler.graph.picture import GraphData, graph_data
from kompiler.render.model_json import model_dict
from kompiler.build.output import OutputWriter
from kompiler.build.pages import PageWriter
from kompiler.render.environment import Page
from kompiler.render.view import publication

FORMATS = ("json", "graph", "md", "html", "pdf", "docx", "site")
# Above this many positions the appendix as one document (``lampiran.md``, ``.html``, ``.pdf``,
# ``.docx``) is written only on request: nobody prints or reviews thousands of SKJ as one file, and
# laying it out takes minutes (PDF, Word) and gigabytes. Each position's SKJ and the site are still
# written, so nothing is lost that a reader of a large corpus would use.
APPENDIX_LIMIT = 1000


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
    """What to build: the locale, the formats, and optionally a single position (``only``).

    ``appendix`` says whether the whole appendix is written as one document (see ``APPENDIX_LIMIT``);
    ``None`` decides by the corpus's size.
    """

    locale: str = "id"
    only: str | None = None
    formats: tuple[str, ...] = FORMATS
    appendix: bool | None = None
    built: datetime | None = None
    project_templates: Path | None = None


def source_date() -> datetime | None:
    """The build moment from ``SOURCE_DATE_EPOCH`` (reproducible builds), or ``None`` when unset."""
    value = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not value.isdigit():
        return None
    return datetime.fromtimestamp(int(value), tz=UTC)


def wants_appendix(options: BuildOptions, positions: int) -> bool:
    """Whether the build writes the whole appendix as one document (always for ``--only``)."""
    if options.only is not None:
        return True
    return options.appendix if options.appendix is not None else positions <= APPENDIX_LIMIT


def compile_for_build(
    path: Path, *, cache: bool = True, executor: str | None = None, jobs: int | None = None
) -> CompileResult:
    """Compile ``path`` for a build, in a forked process; the result has its sources released.

    ``cache``, ``executor`` and ``jobs`` are those of :func:`~kompiler.pipeline.compile_path`: with the
    cache, a build after ``kompiler check`` reads every unchanged file's checked content from it. The
    build only reads it: nothing is written outside the output folder.

    Why apart: loading fills memory with every file's text and parsed data, and once those are released
    the entities that stay are scattered over the memory they took (at 50,000 positions, 130 MB of
    objects spread over 870 MB that Python's allocator never hands back, then shared with and partly
    copied into every process the build forks). Sent back through a pipe, the result is laid out
    compactly in this process, and the loading process's memory is gone with it. The texts of the files
    that diagnostics point at are kept, so the report still quotes their lines; the caller releases them
    (:meth:`~kompiler.pipeline.CompileResult.release_sources`) after the report. Without fork it is
    compiled here, with the same result.
    """
    with Forked(lambda: _compiled(path, cache, executor, jobs)) as compiling:
        return compiling.result()


def _compiled(path: Path, cache: bool, executor: str | None, jobs: int | None) -> CompileResult:
    result = compile_path(path, cache=cache, cache_read_only=True, executor=executor, jobs=jobs)
    result.release_sources(keep_quoted=True)
    return result


def build_outputs(
    result: CompileResult,
    writer: OutputWriter,
    options: BuildOptions,
    progress: Progress | None = None,
) -> list[str]:
    """Render every requested output of ``result`` into ``writer``; return the relative paths written.

    With ``options.only`` only that position's SKJ is written (``<KODE>.pdf``, ``.docx``, ``.md``,
    ``.html``). Raises :class:`~kompiler.render.environment.TemplateProblem` on a template error.

    The cyclic garbage collector is paused meanwhile (:mod:`kompiler.runtime.collector`): views, pages and the
    graph hold no cycles, and at national scale its walks over them cost more than the graph stage.
    """
    with paused():
        return _build(result, writer, options, progress or _Silent())


def _build(
    result: CompileResult, writer: OutputWriter, options: BuildOptions, progress: Progress
) -> list[str]:
    wants_site = "site" in options.formats
    if options.only is not None or not ("graph" in options.formats or wants_site):
        return _render(result, writer, options, progress, None)
    # Started first, before this process grows by the views and pages (see kompiler.runtime.forked),
    # and with what the caller freed (CompileResult.release_sources) handed back, not inherited.
    return_free_memory()
    with Forked(lambda: _graph_stage(result, writer, options, picture=wants_site)) as graph:
        return _render(result, writer, options, progress, graph)


def _graph_stage(
    result: CompileResult, writer: OutputWriter, options: BuildOptions, *, picture: bool
) -> tuple[list[str], GraphData | None]:
    """The graph files and merge proposals (when asked for) and the site's picture (when the site is).

    Returns the paths written and the picture. It runs in a forked process (:mod:`kompiler.runtime.forked`),
    so the paths are returned for this process's writer to record.
    """
    # The graph stage imports numpy and scipy: only a build that needs it pays for them.
    from kompiler.graph.merge import run_merge
    from kompiler.build.graph_files import render_graph_outputs

    before = len(writer.written)
    if "graph" in options.formats:
        merge = render_graph_outputs(result.corpus, writer, options.locale)
    else:
        merge = run_merge(result.corpus)
    return writer.written[before:], graph_data(result.corpus, merge) if picture else None


def _render(
    result: CompileResult,
    writer: OutputWriter,
    options: BuildOptions,
    progress: Progress,
    graph: Forked[tuple[list[str], GraphData | None]] | None,
) -> list[str]:
    templates = Templates(options.project_templates)
    pub = publication(result.corpus, options.locale, only=options.only)
    single = options.only is not None
    stem = options.only or "lampiran"
    appendix = wants_appendix(options, len(result.corpus.positions))
    wants_html = appendix and ("pdf" in options.formats or "html" in options.formats)
    wants_site = "site" in options.formats and not single
    html_page = (f"{stem}.html", *documents.appendix_html_page(pub, single=single, built=options.built))

    # Every page that does not wait for the graph stage, rendered (in worker processes, for a large
    # corpus) while the graph stage runs. The two appendices are single large pages and come first,
    # so that each gets a worker of its own.
    markdown: list[Page] = []
    if "md" in options.formats:
        if appendix:
            markdown.append((f"{stem}.md", *documents.appendix_markdown_page(pub, single=single)))
        if not single:
            markdown += [
                (f"jabatan/{position.code}.md", *documents.position_markdown_page(position, pub.locale))
                for position in pub.positions()
            ]
    html = [html_page] if wants_html else []
    site_pages = site.pages(pub, built=options.built) if wants_site else []
    alone = len(html) + (1 if markdown and appendix else 0)
    ordered = [*markdown[:1], *html, *markdown[1:]] if alone == 2 else [*html, *markdown]

    with PageWriter(templates, writer, [*ordered, *site_pages], alone=alone) as background:
        pages = background.written()

        def take(count: int) -> None:
            for _ in range(count):
                next(pages)
                progress.advance()

        # (label, units, run, whether run advances the progress itself)
        steps: list[tuple[str, int, Callable[[], object], bool]] = []
        if "json" in options.formats and not single:
            steps.append(("model.json", 1, lambda: _json(writer, result), False))

        def wait_for_graph() -> None:
            assert graph is not None
            paths, _ = graph.result()
            if graph.forked:
                for path in paths:
                    writer.record(path)

        if graph is not None:
            steps.append(("Graf", 1, wait_for_graph, False))
        if ordered:
            label = "Markdown, HTML" if html and markdown else ("HTML" if html else "Markdown")
            steps.append((label, len(ordered), lambda: take(len(ordered)), True))
        if "pdf" in options.formats and appendix:
            steps.append(
                (
                    "PDF",
                    1,
                    lambda: writer.write_bytes(
                        f"{stem}.pdf",
                        documents.appendix_pdf(
                            writer.path_of(html_page[0]).read_text(encoding="utf-8"), templates, html_page[1:]
                        ),
                    ),
                    False,
                )
            )
        if "docx" in options.formats and appendix:
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

        def write_site() -> None:
            # This process's share first (the graph picture is a large page at national scale), while
            # the workers finish theirs.
            for path, text in site.static_files(templates, pub):
                writer.write_text(path, text)
            assert graph is not None
            picture = graph.result()[1]  # kept by the graph step, which waited for it
            assert picture is not None
            last = site.graph_pages(pub, built=options.built, graph=picture)
            with PageWriter(templates, writer, last) as rest:
                for _ in rest.written():
                    progress.advance()
            take(len(site_pages))

        if wants_site:
            steps.append(("Situs", len(site_pages) + len(site.GRAPH_PAGES), write_site, True))
        for label, total, run, advances in steps:
            progress.step(label, total)
            run()
            if not advances:
                progress.advance(total)
    return list(writer.written)


def _json(writer: OutputWriter, result: CompileResult) -> None:
    relative = {source.display: source.relative for source in result.files}
    writer.write_json("model.json", model_dict(result.corpus, relative), indent=2)

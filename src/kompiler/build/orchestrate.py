"""Everything ``kompiler build`` writes, in one entry point: :func:`build_outputs`.

The CLI compiles, opens an :class:`~kompiler.build.output.OutputWriter`, calls this, and commits the
writer only if it returns, so a template error or an interrupted build leaves the previous output as
it was. Progress is reported through a small callback protocol, because the library never prints.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, NamedTuple, Protocol

from kompiler.build.output import OutputWriter
from kompiler.build.pages import PageWriter
from kompiler.check.result import CompileResult
from kompiler.graph.picture import GraphData, graph_data
from kompiler.pipeline import compile_path
from kompiler.render import documents, site
from kompiler.render.downloads import Downloads
from kompiler.render.environment import Page, Templates
from kompiler.render.model_json import model_dict
from kompiler.render.view import Publication, publication
from kompiler.runtime.collector import paused, return_free_memory
from kompiler.runtime.forked import Forked

FORMATS = ("json", "graph", "md", "html", "pdf", "docx", "site")
# Above this many positions the appendix as one document (``lampiran.md``, ``.html``, ``.pdf``,
# ``.docx``) is written only on request: nobody prints or reviews thousands of SKJ as one file, and
# laying it out takes minutes (PDF, Word) and gigabytes. Each position's SKJ and the site are still
# written, so nothing is lost that a reader of a large corpus would use.
APPENDIX_LIMIT = 1000


class Progress(Protocol):
    """Receives the steps of a build: ``step`` announces one with its number of units, ``advance`` one unit.

    A total of ``None`` is a step whose units are not known beforehand (the PDF's pages): it advances
    as it goes, and a display counts instead of filling a bar.
    """

    def step(self, label: str, total: int | None) -> None: ...

    def advance(self, amount: int = 1) -> None: ...


class _Silent:
    def step(self, label: str, total: int | None) -> None:
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
    agency: dict[str, Any] | None = None  # the site page of assessment aggregates (``--asesmen``)


def source_date() -> datetime | None:
    """The build moment from ``SOURCE_DATE_EPOCH`` (reproducible builds), or ``None`` when unset."""
    value = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not value.isdigit():
        return None
    return datetime.fromtimestamp(int(value), tz=UTC)


def build_day() -> datetime:
    """Today at midnight UTC: the day a build without ``SOURCE_DATE_EPOCH`` is dated, so that builds of the
    same standards on one day are still byte-identical."""
    return datetime.now(UTC).replace(hour=0, minute=0, second=0, microsecond=0)


def build_moment() -> datetime:
    """The moment a build and the people documents are dated (the site's footer, the documents' metadata,
    the date a people document carries): :func:`source_date` when ``SOURCE_DATE_EPOCH`` is set, else
    :func:`build_day`."""
    return source_date() or build_day()


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
    (:meth:`~kompiler.check.result.CompileResult.release_sources`) after the report. Without fork it is
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
) -> tuple[list[tuple[str, bytes]], GraphData | None]:
    """The graph files and merge proposals (when asked for) and the site's picture (when the site is).

    Returns the paths written, each with its SHA-256, and the picture. It runs in a forked process
    (:mod:`kompiler.runtime.forked`), so the paths are returned for this process's writer to record.
    """
    # The graph stage imports numpy and scipy: only a build that needs it pays for them.
    from kompiler.build.graph_files import render_graph_outputs
    from kompiler.graph.merge import run_merge

    before = len(writer.written)
    if "graph" in options.formats:
        merge = render_graph_outputs(result.corpus, writer, options.locale)
    else:
        merge = run_merge(result.corpus)
    return writer.written_since(before), graph_data(result.corpus, merge) if picture else None


@dataclass(frozen=True)
class _Plan:
    """What a build renders, decided before anything is written.

    ``ordered`` are the pages that do not wait for the graph stage, in the order the page workers take
    them: the appendices (``alone`` of them) are single large pages and come first, so that each gets a
    worker of its own. ``site_pages`` follow them in the same workers; the site's graph pages wait for
    the graph stage's picture (:meth:`_Steps.site`).
    """

    templates: Templates
    pub: Publication
    single: bool
    stem: str
    appendix: bool
    html_page: Page
    wants_site: bool
    markdown: list[Page]
    html: list[Page]
    site_pages: list[Page]
    alone: int
    ordered: list[Page]


def _plan(result: CompileResult, options: BuildOptions) -> _Plan:
    templates = Templates(options.project_templates)
    pub = publication(result.corpus, options.locale, only=options.only)
    single = options.only is not None
    stem = options.only or "lampiran"
    appendix = wants_appendix(options, len(result.corpus.positions))
    downloads = Downloads.of(options.formats, appendix=appendix)
    wants_site = "site" in options.formats and not single
    html_page = (f"{stem}.html", *documents.appendix_html_page(pub, single=single, built=options.built))
    markdown = _markdown_pages(pub, stem, appendix=appendix, single=single) if "md" in options.formats else []
    # The print HTML is written exactly when the site is told it is (the PDF is laid out from it).
    html = [html_page] if "html" in downloads.appendix else []
    site_pages = (
        site.pages(pub, built=options.built, downloads=downloads, agency=options.agency is not None)
        if wants_site
        else []
    )
    if wants_site and options.agency is not None:
        site_pages.append(site.agency_page(pub, built=options.built, context=options.agency))
    alone = len(html) + (1 if markdown and appendix else 0)
    ordered = [*markdown[:1], *html, *markdown[1:]] if alone == 2 else [*html, *markdown]
    return _Plan(
        templates,
        pub,
        single,
        stem,
        appendix,
        html_page,
        wants_site,
        markdown,
        html,
        site_pages,
        alone,
        ordered,
    )


def _markdown_pages(pub: Publication, stem: str, *, appendix: bool, single: bool) -> list[Page]:
    """The appendix as one Markdown document (when written) and, but for ``--only``, each position's."""
    markdown: list[Page] = []
    if appendix:
        markdown.append((f"{stem}.md", *documents.appendix_markdown_page(pub, single=single)))
    if not single:
        markdown += [
            (f"jabatan/{position.code}.md", *documents.position_markdown_page(position, pub.locale))
            for position in pub.positions()
        ]
    return markdown


class _Step(NamedTuple):
    """One step the progress announces: ``total`` units, and whether ``run`` advances them itself."""

    label: str
    total: int | None
    run: Callable[[], object]
    advances: bool


def _render(
    result: CompileResult,
    writer: OutputWriter,
    options: BuildOptions,
    progress: Progress,
    graph: Forked[tuple[list[tuple[str, bytes]], GraphData | None]] | None,
) -> list[str]:
    """Render the pages in the background (worker processes, for a large corpus) while this process
    writes model.json, waits for the graph stage and lays out the PDF and Word appendices, step by step.
    """
    plan = _plan(result, options)
    with PageWriter(
        plan.templates, writer, [*plan.ordered, *plan.site_pages], alone=plan.alone
    ) as background:
        steps = _Steps(result, writer, options, progress, graph, plan, background.written())
        for step in steps.wanted():
            progress.step(step.label, step.total)
            step.run()
            if not step.advances and step.total is not None:
                progress.advance(step.total)
    return list(writer.written)


@dataclass
class _Steps:
    """The steps of :func:`_render` in the order they run, each writing its share into ``writer``."""

    result: CompileResult
    writer: OutputWriter
    options: BuildOptions
    progress: Progress
    graph: Forked[tuple[list[tuple[str, bytes]], GraphData | None]] | None
    plan: _Plan
    pages: Iterator[str]

    def wanted(self) -> list[_Step]:
        formats, plan = self.options.formats, self.plan
        steps: list[_Step] = []
        if "json" in formats and not plan.single:
            steps.append(_Step("model.json", 1, self.model_json, False))
        if self.graph is not None:
            steps.append(_Step("Graf", 1, self.wait_for_graph, False))
        if plan.ordered:
            html, markdown = plan.html, plan.markdown
            label = "Markdown, HTML" if html and markdown else ("HTML" if html else "Markdown")
            steps.append(_Step(label, len(plan.ordered), lambda: self.take(len(plan.ordered)), True))
        if "pdf" in formats and plan.appendix:
            steps.append(_Step("PDF", None, self.pdf, True))
        if "docx" in formats and plan.appendix:
            steps.append(_Step("Word", 1, self.word, False))
        if plan.wants_site:
            steps.append(_Step("Situs", len(plan.site_pages) + len(site.GRAPH_PAGES), self.site, True))
        return steps

    def take(self, count: int) -> None:
        """Wait for ``count`` more pages from the workers, advancing the progress by each."""
        for _ in range(count):
            next(self.pages)
            self.progress.advance()

    def model_json(self) -> None:
        relative = {source.display: source.relative for source in self.result.files}
        self.writer.write_json("model.json", model_dict(self.result.corpus, relative), indent=2)

    def wait_for_graph(self) -> None:
        """Wait for the graph stage; a forked one wrote its files through its own copy of the writer."""
        assert self.graph is not None
        paths, _ = self.graph.result()
        if self.graph.forked:
            for path, digest in paths:
                self.writer.record(path, digest)

    def pdf(self) -> None:
        """Lay out the appendix's print HTML, which the page workers wrote, as PDF, advancing the progress
        by each page laid out."""
        name, template, context = self.plan.html_page
        html = self.writer.path_of(name).read_text(encoding="utf-8")
        pdf = documents.appendix_pdf(html, self.plan.templates, (template, context), self.progress.advance)
        self.writer.write_bytes(f"{self.plan.stem}.pdf", pdf)

    def word(self) -> None:
        plan = self.plan
        docx = documents.appendix_word(plan.pub, single=plan.single, built=self.options.built)
        self.writer.write_bytes(f"{plan.stem}.docx", docx)

    def site(self) -> None:
        """This process's share first (the graph picture is a large page at national scale), while the
        workers finish theirs."""
        plan = self.plan
        for path, text in site.static_files(plan.templates, plan.pub):
            self.writer.write_text(path, text)
        assert self.graph is not None
        picture = self.graph.result()[1]  # kept by the graph step, which waited for it
        assert picture is not None
        last = site.graph_pages(
            plan.pub, built=self.options.built, graph=picture, agency=self.options.agency is not None
        )
        with PageWriter(plan.templates, self.writer, last) as rest:
            for _ in rest.written():
                self.progress.advance()
        self.take(len(plan.site_pages))

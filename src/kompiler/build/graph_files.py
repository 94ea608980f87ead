"""Everything the graph stage writes: the graph (GraphML, node-link JSON) and the merge proposals.

``render_graph_outputs`` is what ``kompiler build`` calls; ``merge_text`` and ``merge_markdown`` are the
human-readable reports of ``kompiler merge``.
"""

from __future__ import annotations

import json

from kompiler.build.output import OutputWriter
from kompiler.graph.export import write_graph_files
from kompiler.graph.merge import MergeResult, result_dict, run_merge
from kompiler.graph.structure import build_graph, similarity_edges
from kompiler.model import Corpus
from kompiler.render.labels import labels, number
from kompiler.report import escaped
from kompiler.report.markdown import code_span, fence, inline, list_item, table_cell
from kompiler.runtime.collector import paused, return_free_memory


def merge_json(result: MergeResult) -> str:
    return json.dumps(result_dict(result), ensure_ascii=False, indent=2) + "\n"


def _label(locale: str, indonesian: str, english: str) -> str:
    return indonesian if locale == "id" else english


def _status(status: str, locale: str) -> str:
    """A proposal's review status in the reader's language (``baru`` is "new, not yet reviewed" in
    English), as the site's proposals page names it; a status without a label is printed as recorded."""
    return labels(locale).get(f"status_{status}", status)


def merge_text(result: MergeResult, locale: str = "id") -> str:
    """The proposals for a terminal, one line per position or finding. Each line is written through
    :func:`kompiler.report.escaped`, as the check's and the diff's text reports are: the loader refuses an
    escape sequence in a name (KMP017), but a line break in a name (``"\\n"`` in a quoted value, a ``|``
    block) is allowed and would otherwise start a line of its own, one that may read as another proposal."""
    lines = []
    for rank, p in enumerate(result.proposals, 1):
        status = f" [{_status(p.status, locale)}]" if p.status != "baru" else ""
        lines.append(
            f"{rank}. {p.code}{status}  {_label(locale, 'skor', 'score')} {number(p.similarity.mean, locale, 2)} "
            f"(min {number(p.similarity.minimum, locale, 2)})  → {p.suggested_name} ({p.suggested_family})"
        )
        for member in p.members:
            lines.append(f"   - {member.code}  {member.name}")
        core = ", ".join(c.code for c in p.core) or "-"
        lines.append(f"   {_label(locale, 'kompetensi inti', 'core competencies')}: {core}")
        if p.optional:
            lines.append(
                f"   {_label(locale, 'berbeda', 'differing')}: " + ", ".join(c.code for c in p.optional)
            )
    total = len(result.proposals)
    lines.append(
        _label(locale, f"{total} usulan penggabungan.", f"{total} merge proposal(s).")
        if total
        else _label(locale, "Tidak ada usulan penggabungan.", "No merge proposals.")
    )
    if result.levelless:
        lines.append(_levelless_note(result, locale))
    return "".join(escaped(line) + "\n" for line in lines)


def _levelless_note(result: MergeResult, locale: str) -> str:
    """Why the threshold is not ``ambang_gabung``'s default: a reviewer comparing runs, or wondering why
    few positions merged, reads it beside the proposals."""
    used, default = number(result.threshold, locale, 2), number(result.settings.threshold, locale, 2)
    return _label(
        locale,
        f"Semua persyaratan teknis berada pada satu level, sehingga kompetensi hanya dibandingkan sebagai "
        f"himpunan: ambang gabung {used} dipakai, bukan {default}. Tetapkan ambang_gabung di kompiler.yaml "
        "untuk memilih sendiri.",
        f"Every technical requirement is at one level, so competencies compare only as sets: merge "
        f"threshold {used} is used instead of {default}. Set ambang_gabung in kompiler.yaml to choose one.",
    )


def merge_markdown(result: MergeResult, locale: str = "id") -> str:
    """The proposals as Markdown for a reviewer, a pull-request comment or a job summary: every name,
    task and code from the standards is written through :mod:`kompiler.report.markdown` (it neither
    mentions, links nor breaks out of its table cell or code block), and control characters are escaped."""
    out = [f"# {_label(locale, 'Usulan penggabungan jabatan', 'Position merge proposals')}", ""]
    for p in result.proposals:
        draft = p.draft_yaml().rstrip()
        ticks = fence(draft)
        out += [
            f"## {inline(p.suggested_name)} — {code_span(p.code)}",
            "",
            f"- {_label(locale, 'Status', 'Status')}: {inline(_status(p.status, locale))}",
            f"- {_label(locale, 'Skor rata-rata / minimum', 'Mean / minimum score')}: "
            f"{number(p.similarity.mean, locale, 2)} / {number(p.similarity.minimum, locale, 2)}",
            f"- {_label(locale, 'Rumpun usulan', 'Suggested family')}: {inline(p.suggested_family)}",
            "",
            f"| {_label(locale, 'Kode', 'Code')} | {_label(locale, 'Nama jabatan', 'Position')} | "
            f"{_label(locale, 'Jenjang', 'Grade')} |",
            "|---|---|---|",
            *[f"| {table_cell(m.code)} | {table_cell(m.name)} | {table_cell(m.grade)} |" for m in p.members],
            "",
            f"**{_label(locale, 'Kompetensi inti', 'Core competencies')}:** "
            + (", ".join(inline(f"{c.code} {c.name} (level {c.highest})") for c in p.core) or "-"),
            "",
            f"**{_label(locale, 'Kompetensi berbeda', 'Differing competencies')}:** "
            + (", ".join(inline(f"{c.code} {c.name}") for c in p.optional) or "-"),
            "",
            f"**{_label(locale, 'Tugas bersama', 'Common tasks')}:**" + ("" if p.common_tasks else " -"),
            "",
            *[f"- {list_item(task)}" for task in p.common_tasks],
            *([""] if p.common_tasks else []),
            f"<details><summary>{_label(locale, 'Rancangan standar', 'Draft standard')}</summary>",
            "",
            f"{ticks}yaml",
            draft,
            ticks,
            "",
            "</details>",
            "",
        ]
    if not result.proposals:
        out.append(_label(locale, "Tidak ada usulan penggabungan.", "No merge proposals."))
    if result.levelless:
        out += ["", _levelless_note(result, locale)]
    return escaped("\n".join(out).rstrip(), keep="\n\t") + "\n"


def render_graph_outputs(corpus: Corpus, writer: OutputWriter, locale: str = "id") -> MergeResult:
    """Write ``graph/graph.graphml``, ``graph/graph.json``, ``merge/proposals.json`` and ``.md``.

    The cyclic garbage collector is paused meanwhile, as ``kompiler build`` already pauses it around
    this stage, so that ``kompiler merge`` gets the same: the merge arrays, the networkx graph's
    million edge dictionaries and the formatted lines hold no cycles, and its walks over them took
    seconds at national scale.
    """
    with paused():
        result = run_merge(corpus)
        return_free_memory()  # the merge's arrays, before the structural graph takes as much again
        graph = build_graph(corpus, result)
        similar = similarity_edges(result.similarities)
        with writer.binary("graph/graph.graphml") as graphml, writer.binary("graph/graph.json") as node_link:
            write_graph_files(graph, similar, graphml, node_link)
        del graph, similar
        writer.write_json("merge/proposals.json", result_dict(result), indent=2)
        writer.write_text("merge/proposals.md", merge_markdown(result, locale))
    return result

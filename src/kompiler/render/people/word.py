"""One person's document as Word (.docx), from the same view as the Markdown and the PDF.

Real Word tables an HR officer can edit; "RAHASIA — data pribadi" in every page's header; reproducible
bytes (:func:`kompiler.render.word.reproducible_docx`), so the same assessment gives the same file.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt, RGBColor

from kompiler.render.people.view import PersonView, Setting
from kompiler.render.word import FONT, reproducible_docx

RED = RGBColor(0xAA, 0, 0)


def person_docx(view: PersonView, setting: Setting, kind: str, built: datetime | None) -> bytes:
    """The .docx of ``view``'s document of ``kind`` (``gaps``, ``plan`` or ``moves``)."""
    t = setting.t
    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.left_margin = section.right_margin = Cm(1.8)
    style = document.styles["Normal"]
    style.font.name, style.font.size = FONT, Pt(10.5)
    header = section.header.paragraphs[0]
    header.alignment = WD_ALIGN_PARAGRAPH.CENTER
    marked = header.add_run(t["rahasia"])
    marked.bold, marked.font.color.rgb = True, RED
    notice = document.add_paragraph().add_run(f"{t['rahasia']} — {t['rahasia_note']}")
    notice.bold, notice.font.color.rgb = True, RED
    title = document.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.add_run(t[f"title_{kind}"]).bold = True
    facts = [
        (t["pegawai"], view.person),
        (t["jabatan"], f"{view.position_name} ({view.position})"),
        (t["unit"], view.unit),
        (t["tanggal"], view.date),
        (t["tujuan"], view.purpose),
        (t["kecocokan"], f"{view.percentage} %"),
        (t["kategori"], view.band_name),
        (t["rumus"], setting.formula_text),
        (t["versi"], setting.version),
    ]
    if view.talent_box:
        facts.append((t["kotak_talenta"], view.talent_box))
    _table(document, None, facts)
    if kind == "gaps":
        _gaps(document, view, t)
    elif kind == "plan":
        _plan(document, view, t)
    else:
        _moves(document, view, t)
    document.add_paragraph().add_run(setting.support).italic = True
    properties = document.core_properties
    properties.title = f"{t[f'title_{kind}']} — {view.person}"
    properties.keywords = t["rahasia"]
    return reproducible_docx(document, built)


def _table(document: object, heads: Sequence[str] | None, rows: Sequence[Sequence[object]]) -> None:
    width = len(heads) if heads else len(rows[0]) if rows else 1
    table = document.add_table(rows=0, cols=width)  # type: ignore[attr-defined]
    table.style = document.styles["Table Grid"]  # type: ignore[attr-defined]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    if heads:
        cells = table.add_row().cells
        for cell, text in zip(cells, heads, strict=True):
            cell.paragraphs[0].add_run(str(text)).bold = True
    for values in rows:
        cells = table.add_row().cells
        for cell, value in zip(cells, values, strict=True):
            cell.paragraphs[0].add_run(str(value))
    document.add_paragraph()  # type: ignore[attr-defined]


def _gaps(document: object, view: PersonView, t: dict[str, str]) -> None:
    heads = [
        t[k] for k in ("no", "kompetensi", "jenis", "standar", "aktual", "kesenjangan", "bobot", "prioritas")
    ]
    rows = [
        (
            g.number,
            f"{g.name} ({g.competency})",
            g.type,
            g.required,
            g.actual,
            g.gap,
            g.importance,
            g.priority,
        )
        for g in view.gaps
    ]
    _table(document, heads, rows)


def _plan(document: object, view: PersonView, t: dict[str, str]) -> None:
    plan = view.plan
    if plan is None:
        document.add_paragraph(t["tanpa_rencana"])  # type: ignore[attr-defined]
        return
    heads = [t[k] for k in ("no", "kompetensi", "kesenjangan", "kegiatan", "bentuk", "jp", "tahun")]
    rows: list[tuple[object, ...]] = [
        (
            r.number,
            f"{r.competency_name} ({r.competency})",
            r.gap,
            r.activity_name,
            f"{r.form_name} ({r.bucket} %)",
            r.jp,
            r.year,
        )
        for r in plan.rows
    ]
    rows.append(("", t["jumlah_jp"], "", "", "", plan.total_jp, ""))
    _table(document, heads, rows)
    shares = [
        (s.label, f"{s.share} %", f"{s.target} %", t["sesuai"] if s.within else t["tidak_sesuai"])
        for s in plan.shares
    ]
    _table(document, [t["komponen"], t["realisasi"], t["target"], ""], shares)
    lines = [
        f"{t['memenuhi_jp']} ({t['minimum_jp']} {plan.minimum_jp} JP): {t['ya' if plan.meets_minimum else 'tidak']}",
        f"{t['seimbang']} ({t['toleransi']} {plan.tolerance}): {t['ya' if plan.balanced else 'tidak']}",
    ]
    if plan.uncovered:
        lines.append(f"{t['tanpa_kegiatan']}: {', '.join(plan.uncovered)}")
    for line in lines:
        document.add_paragraph(line, style="List Bullet")  # type: ignore[attr-defined]


def _moves(document: object, view: PersonView, t: dict[str, str]) -> None:
    if not view.moves:
        document.add_paragraph(t["tanpa_mutasi"])  # type: ignore[attr-defined]
        return
    heads = [
        t[k]
        for k in (
            "no",
            "jabatan_target",
            "unit",
            "jenis_mutasi",
            "penyetaraan",
            "keterkaitan",
            "kesiapan",
            "penjelasan",
        )
    ]
    rows = [
        (
            m.number,
            f"{m.name} ({m.position})",
            m.unit,
            m.kind_name,
            t["ya"] if m.by_equivalence else "",
            f"{m.relatedness} %",
            f"{m.readiness} %",
            m.explanation,
        )
        for m in view.moves
    ]
    _table(document, heads, rows)

"""The appendix as a Word document (.docx) for the legal drafting office, built with python-docx.

Real Word tables and named styles, so the drafters can edit it in Word or LibreOffice as they would a
document of their own: header rows repeat on every page, rows never split across pages, pages are
numbered "- n -" at the top as in regulations. The file is reproducible: fixed core properties and fixed
timestamps inside the zip, so the same standards give the same bytes.
"""

from __future__ import annotations

import io
import zipfile
from datetime import UTC, datetime
from typing import Any

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from kompiler.render.labels import letter, roman
from kompiler.render.view import CompetencyView, IndicatorView, PositionView, Publication

FONT = "Times New Roman"
HEADER_FILL = "D9D9D9"
GROUP_FILL = "F2F2F2"
EPOCH = datetime(2000, 1, 1, tzinfo=UTC)
# A core property of a .docx (title, subject, author) holds at most this many characters: python-docx
# refuses more, and a regulation's title may be longer. The document's own text prints it whole.
MAX_PROPERTY = 255


def appendix_docx(pub: Publication, t: Any, *, single: bool, built: datetime | None) -> bytes:
    """Build the appendix (or one position's SKJ when ``single``) and return the .docx bytes."""
    document = Document()
    _setup(document, pub, t, built)
    writer = _Writer(document, t)
    if single:
        for position in pub.positions():
            writer.title(t["skj_title"])
            writer.position(position)
    else:
        writer.appendix(pub)
    return reproducible_docx(document, built)


def _setup(document: Any, pub: Publication, t: Any, built: datetime | None) -> None:
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.top_margin, section.bottom_margin = Cm(2.5), Cm(2.5)
    section.left_margin, section.right_margin = Cm(2.5), Cm(2)
    section.different_first_page_header_footer = True
    _page_number(section.header.paragraphs[0])
    styles = document.styles
    for name, size, bold, centred in (
        ("Normal", 11, False, False),
        ("Title", 11, True, True),
        ("Heading 1", 12, True, True),
        ("Heading 2", 11, True, False),
        ("Heading 3", 11, True, False),
    ):
        style = styles[name]
        style.font.name = FONT
        style.font.size = Pt(size)
        style.font.bold = bold
        style.font.italic = False
        style.font.color.rgb = RGBColor(0, 0, 0)
        style.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), FONT)
        rfonts = style.element.rPr.rFonts
        for attribute in ("w:ascii", "w:hAnsi", "w:cs"):
            rfonts.set(qn(attribute), FONT)
        for attribute in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
            rfonts.attrib.pop(qn(attribute), None)
        paragraph = style.paragraph_format
        paragraph.space_before = Pt(0 if name in ("Normal", "Title") else 8)
        paragraph.space_after = Pt(4)
        if centred:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title_element = styles["Title"].element.pPr
    if title_element is not None:
        for border in title_element.findall(qn("w:pBdr")):
            title_element.remove(border)
    properties = document.core_properties
    properties.title = _property(
        f"{t['lampiran']} {pub.regulation.title.upper()} {t['nomor']} {pub.regulation.number} "
        f"{t['tahun']} {pub.regulation.year}"
    )
    properties.subject = _property(pub.regulation.about)
    properties.author = _property(pub.regulation.agency)
    properties.last_modified_by = "kompiler"
    properties.comments = ""
    properties.keywords = ""
    properties.category = ""
    properties.language = pub.locale


def _property(text: str) -> str:
    """``text`` as a core property can hold it: shortened to :data:`MAX_PROPERTY` characters, marked by
    an ellipsis."""
    return text if len(text) <= MAX_PROPERTY else text[: MAX_PROPERTY - 1] + "\u2026"


def _page_number(paragraph: Any) -> None:
    """``- n -`` centred at the top, with a PAGE field Word and LibreOffice both update."""
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.add_run("- ")
    run = paragraph.add_run()
    for kind, text in (("begin", None), (None, "PAGE"), ("end", None)):
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        else:
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = text
        run._r.append(element)
    paragraph.add_run(" -")


def _shade(cell: Any, fill: str) -> None:
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    cell._tc.get_or_add_tcPr().append(shading)


def _merge(first: Any, last: Any) -> Any:
    """Merge two cells and drop the empty paragraphs python-docx carries over from the absorbed ones."""
    merged = first.merge(last)
    paragraphs = merged.paragraphs
    for paragraph in paragraphs[1:]:
        if not paragraph.text:
            paragraph._p.getparent().remove(paragraph._p)
    return merged


def _span(row: Any) -> Any:
    """Make a fresh row one cell spanning the whole table (cheaper than a general cell merge)."""
    cells = row._tr.tc_lst
    width = sum((tc.width or 0 for tc in cells), 0)
    for extra in cells[1:]:
        row._tr.remove(extra)
    cells[0].grid_span = len(cells)
    cells[0].width = width
    return row.cells[0]


def _row_flags(row: Any, *, header: bool) -> None:
    """Keep a row on one page; repeat header rows at the top of every page."""
    properties = row._tr.get_or_add_trPr()
    properties.append(OxmlElement("w:cantSplit"))
    if header:
        properties.append(OxmlElement("w:tblHeader"))


class _Writer:
    """Appends the appendix to a python-docx document, section by section."""

    def __init__(self, document: Any, t: Any) -> None:
        self.document = document
        self.t = t

    def paragraph(self, text: str = "", style: str | None = None, *, bold: bool = False) -> Any:
        paragraph = self.document.add_paragraph(style=style)
        if text:
            paragraph.add_run(text).bold = bold or None
        return paragraph

    def title(self, text: str, *, page_break: bool = False) -> None:
        paragraph = self.paragraph(text, "Title")
        paragraph.paragraph_format.page_break_before = page_break

    def appendix(self, pub: Publication) -> None:
        t, reg = self.t, pub.regulation
        for line in (
            t["lampiran"],
            reg.title.upper(),
            f"{t['nomor']} {reg.number} {t['tahun']} {reg.year}",
            t["tentang"],
            reg.about.upper(),
        ):
            paragraph = self.paragraph(line)
            paragraph.paragraph_format.left_indent = Cm(8.5)
            paragraph.paragraph_format.space_after = Pt(0)
        self.paragraph()
        chapter = 0
        if pub.dictionaries:
            chapter += 1
            self.chapter(chapter, t["chapter_dictionary"], page_break=False)
            for index, dictionary in enumerate(pub.dictionaries):
                self.document.add_heading(f"{letter(index)}. {dictionary.title}", level=2)
                for competency in dictionary.competencies:
                    self.competency(competency)
        chapter += 1
        self.chapter(chapter, t["chapter_positions"], page_break=bool(pub.dictionaries))
        first = True
        for index, family in enumerate(f for f in pub.families if f.positions):
            for position_index, position in enumerate(family.positions):
                if position_index == 0:
                    heading = f"{letter(index)}. {t['rumpun']} {family.name}"
                    paragraph = self.document.add_heading(heading, level=2)
                    paragraph.paragraph_format.page_break_before = not first
                self.title(t["skj_title"], page_break=position_index > 0)
                self.position(position)
                first = False
        if reg.signer:
            self.signature(pub)

    def chapter(self, number: int, title: str, *, page_break: bool) -> None:
        paragraph = self.document.add_heading(f"{self.t['bab']} {roman(number)}", level=1)
        paragraph.paragraph_format.page_break_before = page_break
        paragraph.add_run().add_break(WD_BREAK.LINE)
        paragraph.add_run(title)

    def table(self, widths: list[float]) -> Any:
        table = self.document.add_table(rows=0, cols=len(widths))
        table.style = self.document.styles["Table Grid"]
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        table.autofit = False
        for column, width in zip(table.columns, widths, strict=True):
            column.width = Cm(width)
        return table

    def header_row(self, table: Any, texts: list[str]) -> Any:
        row = table.add_row()
        _row_flags(row, header=True)
        for cell, text in zip(row.cells, texts, strict=True):
            _shade(cell, HEADER_FILL)
            paragraph = cell.paragraphs[0]
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            paragraph.add_run(text).bold = True
        return row

    def body_row(self, table: Any, values: list[Any]) -> Any:
        row = table.add_row()
        _row_flags(row, header=False)
        for cell, value in zip(row.cells, values, strict=True):
            if isinstance(value, tuple):
                self.indicators(cell, value)
            else:
                cell.paragraphs[0].add_run(str(value))
        return row

    def indicators(self, cell: Any, indicators: tuple[IndicatorView, ...]) -> None:
        for index, indicator in enumerate(indicators):
            paragraph = cell.paragraphs[0] if index == 0 else cell.add_paragraph()
            paragraph.paragraph_format.left_indent = Cm(0.9)
            paragraph.paragraph_format.first_line_indent = Cm(-0.9)
            paragraph.paragraph_format.space_after = Pt(2)
            paragraph.add_run(f"{indicator.number}\t{indicator.text}")

    def span_row(self, table: Any, text: str, fill: str | None, *, header: bool = False) -> Any:
        row = table.add_row()
        _row_flags(row, header=header)
        merged = _span(row)
        if fill:
            _shade(merged, fill)
        merged.paragraphs[0].add_run(text).bold = True
        return row

    def competency(self, competency: CompetencyView) -> None:
        t = self.t
        widths = [1.5, 5.5, 9.5]
        table = self.table(widths)
        self.span_row(table, f"{competency.code} {competency.name}", HEADER_FILL, header=True)
        self.header_row(table, [t["level"], t["deskripsi"], t["indikator"]])
        row = table.add_row()
        _row_flags(row, header=False)
        merged = _span(row)
        merged.paragraphs[0].add_run(f"{t['definisi']}: ").bold = True
        merged.paragraphs[0].add_run(competency.definition)
        for level in competency.levels:
            row = self.body_row(table, [level.level, level.description, level.indicators])
            row.cells[0].paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
        self.paragraph()

    def position(self, position: PositionView) -> None:
        t = self.t
        identity = self.document.add_table(rows=0, cols=3)
        identity.autofit = False
        for column, width in zip(identity.columns, (4.5, 0.5, 11.5), strict=True):
            column.width = Cm(width)
        for label, value in (
            (t["nama_jabatan"], position.name),
            (t["kelompok_jabatan"], position.group),
            (t["urusan"], position.affairs),
            (t["kode_jabatan"], position.code),
        ):
            for cell, text in zip(identity.add_row().cells, (label, ":", value), strict=True):
                cell.paragraphs[0].add_run(text)
        self.document.add_heading(f"I. {t['ikhtisar']}", level=3)
        paragraph = self.paragraph(position.summary)
        paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        self.document.add_heading(f"II. {t['standar_kompetensi']}", level=3)
        widths = [1.0, 3.4, 1.3, 4.3, 6.5]
        table = self.table(widths)
        self.header_row(table, ["No", t["kompetensi"], t["level"], t["deskripsi"], t["indikator"]])
        for group in position.requirement_groups:
            self.span_row(table, t[f"group_{group.key}"], GROUP_FILL)
            for row_view in group.rows:
                row = self.body_row(
                    table,
                    [
                        row_view.number,
                        f"{row_view.name} ({row_view.code})",
                        row_view.level,
                        row_view.description,
                        row_view.indicators,
                    ],
                )
                for index in (0, 2):
                    row.cells[index].paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
        self.document.add_heading(f"III. {t['persyaratan']}", level=3)
        widths = [3.8, 7.7, 1.7, 1.7, 1.6]
        table = self.table(widths)
        top = self.header_row(table, [t["jenis_persyaratan"], t["uraian"], t["tingkat"], "", ""])
        second = self.header_row(table, ["", "", t["imp_mutlak"], t["imp_penting"], t["imp_perlu"]])
        _merge(top.cells[2], top.cells[4])
        for index in (0, 1):
            _merge(top.cells[index], second.cells[index])
        for section in position.qualification_sections:
            first_row = None
            for line in section.lines or (None,):
                marks = [
                    "√" if line and line.importance == key else "" for key in ("mutlak", "penting", "perlu")
                ]
                text = (f"{line.label}: " if line and line.label else "") + (line.text if line else t["none"])
                row = self.body_row(table, ["", text, *marks])
                for index in (2, 3, 4):
                    row.cells[index].paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
                if first_row is None:
                    first_row = row
                    row.cells[0].paragraphs[0].add_run(f"{section.letter}. {section.title}")
                else:
                    _merge(first_row.cells[0], row.cells[0])
        self.paragraph()

    def signature(self, pub: Publication) -> None:
        t, reg = self.t, pub.regulation
        lines = []
        if reg.place:
            lines += [f"{t['ditetapkan_di']} {reg.place}", f"{t['pada_tanggal']} {reg.date}", ""]
        lines += [f"{reg.office.upper()},", "", "", "", reg.signer.upper()]
        self.paragraph()
        for line in lines:
            paragraph = self.paragraph(line)
            paragraph.paragraph_format.left_indent = Cm(8.5)
            paragraph.paragraph_format.space_after = Pt(0)
            paragraph.paragraph_format.keep_with_next = True


def reproducible_docx(document: Any, built: datetime | None) -> bytes:
    """Save ``document`` so that the same content always gives the same bytes.

    python-docx stamps the current time into the core properties and into every zip member; both are set
    to the build moment (``SOURCE_DATE_EPOCH``) or a fixed epoch instead.
    """
    moment = (built or EPOCH).replace(tzinfo=None)
    properties = document.core_properties
    properties.revision = 1
    properties.created = moment
    properties.modified = moment
    properties.last_printed = moment
    buffer = io.BytesIO()
    document.save(buffer)
    return _normalise_zip(buffer.getvalue(), built or EPOCH)


def _normalise_zip(data: bytes, moment: datetime) -> bytes:
    """Rewrite the zip with one fixed timestamp on every member (python-docx stamps the current time)."""
    stamp = max(moment, datetime(1980, 1, 1, tzinfo=UTC)).timetuple()[:6]
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            member = zipfile.ZipInfo(info.filename, date_time=stamp)
            member.compress_type = zipfile.ZIP_DEFLATED
            member.external_attr = 0o644 << 16
            target.writestr(member, source.read(info.filename))
    return out.getvalue()

"""The amendment document (perubahan): the changes between two versions of the standards written as the
articles of a regulation that amends the one whose appendix holds them.

Indonesian amending regulations follow one pattern (UU 12/2011, Lampiran II): "Beberapa ketentuan dalam
Lampiran … diubah sebagai berikut:", then one numbered point per changed provision, each saying what is
changed, added ("ditambahkan") or removed ("dihapus"), with new text quoted in full "sehingga berbunyi
sebagai berikut". This module turns :class:`~kompiler.diff.changes.Change` values into those points; the
templates lay them out, and the shared render helpers make the PDF and the .docx.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from kompiler.build.orchestrate import source_date
from kompiler.build.output import OutputWriter
from kompiler.diagnostics import Message
from kompiler.diff import Comparison
from kompiler.diff.changes import Change, Kind, Subject
from kompiler.diff.report import groups
from kompiler.diff.wording import entity_name, field_label
from kompiler.model import Corpus
from kompiler.project import UNNUMBERED, regulation_number
from kompiler.render.documents import appendix_pdf
from kompiler.render.environment import Templates
from kompiler.render.view import regulation_title
from kompiler.render.word import reproducible_docx

_PROVISION = {
    Subject.SOURCE: Message("dasar hukum", "legal source"),
    Subject.GRADE: Message("ketentuan jenjang jabatan", "the grade"),
    Subject.FAMILY: Message("rumpun jabatan", "the job family"),
    Subject.DICTIONARY: Message("Kamus", "the dictionary"),
    Subject.COMPETENCY: Message("Kamus Kompetensi untuk kompetensi", "the competency dictionary entry"),
    Subject.POSITION: Message("Standar Kompetensi Jabatan", "the competency standard of the position"),
}


@dataclass(frozen=True)
class Point:
    """One numbered point of Article I: an opening sentence and, when several things change, sub-points."""

    text: str
    items: tuple[str, ...] = ()


@dataclass(frozen=True)
class AmendmentView:
    """Everything the amendment templates print."""

    locale: str
    heading: tuple[str, ...]
    title: str
    about: str
    opening: str
    points: tuple[Point, ...]
    closing: str
    place: str
    office: str
    signer: str
    labels: dict[str, str]


def amendment_view(comparison: Comparison, locale: str) -> AmendmentView:
    """The amendment of the regulation in ``comparison.before`` that brings it to ``comparison.after``."""
    project = comparison.before.corpus.project or comparison.after.corpus.project
    document = project.get("dokumen") or {}
    signer = (comparison.after.corpus.project.get("dokumen") or {}).get("penandatangan") or {}
    title = regulation_title(str(document.get("jenis_peraturan", "")), str(document.get("pejabat", "")))
    kind = str(document.get("jenis_peraturan", "Peraturan"))
    number, year, about = (
        regulation_number(project),
        str(document.get("tahun", "")),
        str(document.get("tentang", "")),
    )
    # Article I cites the amended regulation by its full name, as the heading does: "Peraturan Gubernur
    # Nomor 12 Tahun 2026" alone does not say whose, since every governor numbers regulations by year.
    cited = title or kind
    amended = (
        f"{cited} {_t('nomor', locale)} {number} {_t('tahun', locale)} {year} {_t('tentang', locale)} {about}"
    )
    opening = Message(
        f"Beberapa ketentuan dalam Lampiran {amended} diubah sebagai berikut:",
        f"The Appendix to {amended} is amended as follows:",
    ).text(locale)
    closing = Message(
        f"{kind} ini mulai berlaku pada tanggal diundangkan.",
        f"This {kind} comes into force on the date of its promulgation.",
    ).text(locale)
    names = _names(comparison.before.corpus, comparison.after.corpus)
    points = tuple(
        _point(subject, code, name, changes, names, locale)
        for subject, code, name, changes in groups(comparison.changes)
        if subject in _PROVISION  # the development policy (pengembangan/) is not in the regulation
    )
    labels = {key: _t(key, locale) for key in _LABELS}
    # The amending regulation is not enacted yet: its number and year print as the placeholder every
    # document prints for an unknown number, as the amended one's does on the next line while unnumbered.
    heading = (
        title.upper(),
        f"{labels['nomor'].upper()} {UNNUMBERED} {labels['tahun'].upper()} {UNNUMBERED}",
        labels["tentang"].upper(),
        f"{labels['perubahan_atas']} {title.upper()} {labels['nomor'].upper()} {number} "
        f"{labels['tahun'].upper()} {year} {labels['tentang'].upper()} {about.upper()}",
    )
    return AmendmentView(
        locale=locale,
        heading=heading,
        title=title,
        about=about,
        opening=opening,
        points=points,
        closing=closing,
        place=str(signer.get("tempat", "")),
        office=str(signer.get("jabatan", "")),
        signer=str(signer.get("nama", "")),
        labels=labels,
    )


_LABELS = {
    "perubahan_atas": Message("PERUBAHAN ATAS", "AMENDMENT TO"),
    "nomor": Message("Nomor", "Number"),
    "tahun": Message("Tahun", "of"),
    "tentang": Message("tentang", "on"),
    "pasal": Message("Pasal", "Article"),
    "ditetapkan_di": Message("Ditetapkan di", "Enacted in"),
    "pada_tanggal": Message("pada tanggal", "on"),
    "tidak_ada": Message("Tidak ada ketentuan yang diubah.", "No provision is amended."),
    "judul": Message("Daftar Perubahan", "List of Amendments"),
}


def _t(key: str, locale: str) -> str:
    return _LABELS[key].text(locale)


def _names(before: Corpus, after: Corpus) -> dict[str, str]:
    """Competency names by code, so a requirement reads "M.01 Integritas" as in the appendix."""
    names = {code: c.name for code, c in before.competencies.items()}
    names.update({code: c.name for code, c in after.competencies.items()})
    return names


def _quote(value: object) -> str:
    return f"“{value}”"


def _point(
    subject: Subject, code: str, name: str, changes: list[Change], names: dict[str, str], locale: str
) -> Point:
    provision = f"{_PROVISION[subject].text(locale)} {_named(code, name)}"
    if len(changes) == 1 and changes[0].kind in (Kind.ADDED, Kind.REMOVED, Kind.RENAMED, Kind.MERGED):
        return Point(_sentence(_headline(changes[0], provision, locale)))
    items = [_clause(change, names, locale) for change in changes]
    # Items of a list in a regulation end with a semicolon, the last one with a full stop.
    items[-1] = items[-1].removesuffix(";") + "."
    opening = Message(f"Ketentuan {provision} diubah sebagai berikut:", f"In {provision}:").text(locale)
    return Point(_sentence(opening), tuple(items))


def _named(code: str, name: str) -> str:
    """ "Name (code)", or the code alone when the name would only repeat it."""
    shown = entity_name(code, name)
    return f"{shown} ({code})" if shown else code


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:]


def _headline(change: Change, provision: str, locale: str) -> str:
    match change.kind:
        case Kind.ADDED:
            return Message(
                f"Ditambahkan {provision} sebagaimana tercantum dalam Lampiran.",
                f"{provision} is added as set out in the Appendix.",
            ).text(locale)
        case Kind.REMOVED:
            return Message(f"{provision} dihapus.", f"{provision} is deleted.").text(locale)
        case Kind.RENAMED:
            return Message(
                f"Kode {provision} diubah dari {change.old_code} menjadi {change.code}.",
                f"The code of {provision} is changed from {change.old_code} to {change.code}.",
            ).text(locale)
        case _:
            members = ", ".join(change.members)
            return Message(
                f"Standar Kompetensi Jabatan {members} digabung menjadi {provision}.",
                f"The competency standards of the positions {members} are merged into {provision}.",
            ).text(locale)


def _clause(change: Change, names: dict[str, str], locale: str) -> str:
    """One lettered sub-point in the register of an amending regulation."""
    match change.kind:
        case Kind.ADDED | Kind.REMOVED | Kind.RENAMED | Kind.MERGED:
            return _headline(change, _named(change.code, change.name), locale)
        case Kind.CHANGED:
            return _changed(change, locale)
        case Kind.ITEM_ADDED:
            return _added(field_label(change.field, locale), change.after, locale)
        case Kind.ITEM_REMOVED:
            return _deleted(field_label(change.field, locale), change.before, locale)
        case (
            Kind.REQUIREMENT_ADDED
            | Kind.REQUIREMENT_REMOVED
            | Kind.REQUIREMENT_RAISED
            | Kind.REQUIREMENT_LOWERED
            | Kind.REQUIREMENT_IMPORTANCE
        ):
            return _requirement(change, names, locale)
        case _:
            return _level(change, locale)


def _changed(change: Change, locale: str) -> str:
    """A field's text amended, added or deleted: an indicator's or a level's description, or another."""
    label = field_label(change.field, locale)
    level = f"level {change.level}"
    if change.field == "indikator":
        return Message(
            f"indikator {change.item} pada {level} diubah sehingga berbunyi {_quote(change.after)};",
            f"indicator {change.item} of {level} is amended to read {_quote(change.after)};",
        ).text(locale)
    if change.level is not None:
        return Message(
            f"{label} {level} diubah sehingga berbunyi {_quote(change.after)};",
            f"the {label} of {level} is amended to read {_quote(change.after)};",
        ).text(locale)
    if change.after is None:
        return _deleted(label, change.before, locale)
    if change.before is None:
        return _added(label, change.after, locale)
    return Message(
        f"{label} {_quote(change.before)} diubah sehingga berbunyi {_quote(change.after)};",
        f"the {label} {_quote(change.before)} is amended to read {_quote(change.after)};",
    ).text(locale)


def _added(label: str, after: object, locale: str) -> str:
    return Message(
        f"ditambahkan {label} yang berbunyi {_quote(after)};",
        f"a {label} is added reading {_quote(after)};",
    ).text(locale)


def _deleted(label: str, before: object, locale: str) -> str:
    return Message(
        f"{label} {_quote(before)} dihapus;",
        f"the {label} {_quote(before)} is deleted;",
    ).text(locale)


def _level(change: Change, locale: str) -> str:
    """A level or one of its behaviour indicators added, deleted or renumbered."""
    level = f"level {change.level}"
    match change.kind:
        case Kind.LEVEL_ADDED:
            return Message(
                f"ditambahkan {level} dengan deskripsi {_quote(change.after)};",
                f"{level} is added with the description {_quote(change.after)};",
            ).text(locale)
        case Kind.LEVEL_REMOVED:
            return Message(f"{level} dihapus;", f"{level} is deleted;").text(locale)
        case Kind.INDICATOR_ADDED:
            return Message(
                f"pada {level} ditambahkan indikator {change.item} yang berbunyi {_quote(change.after)};",
                f"indicator {change.item} is added to {level}, reading {_quote(change.after)};",
            ).text(locale)
        case Kind.INDICATOR_REMOVED:
            return Message(
                f"indikator {change.item} pada {level} dihapus;",
                f"indicator {change.item} of {level} is deleted;",
            ).text(locale)
        case _:
            return Message(
                f"indikator {change.before} pada {level} menjadi indikator {change.after};",
                f"indicator {change.before} of {level} becomes indicator {change.after};",
            ).text(locale)


def _requirement(change: Change, names: dict[str, str], locale: str) -> str:
    """A position's requirement of a competency added, deleted, raised, lowered or its importance rated."""
    item = f"{change.item} {names.get(change.item or '', '')}".strip()
    match change.kind:
        case Kind.REQUIREMENT_ADDED:
            return Message(
                f"ditambahkan persyaratan kompetensi {item} pada level {change.after};",
                f"competency {item} is required at level {change.after};",
            ).text(locale)
        case Kind.REQUIREMENT_REMOVED:
            return Message(
                f"persyaratan kompetensi {item} dihapus;", f"the requirement of competency {item} is deleted;"
            ).text(locale)
        case Kind.REQUIREMENT_RAISED | Kind.REQUIREMENT_LOWERED:
            raised = change.kind is Kind.REQUIREMENT_RAISED
            verb = Message("dinaikkan" if raised else "diturunkan", "raised" if raised else "lowered")
            return Message(
                f"level kompetensi {item} {verb.id} dari level {change.before} menjadi level {change.after};",
                f"the level of competency {item} is {verb.en} from {change.before} to {change.after};",
            ).text(locale)
        case Kind.REQUIREMENT_IMPORTANCE if change.before is None:
            return Message(
                f"tingkat kepentingan kompetensi {item} ditetapkan {change.after};",
                f"the importance of competency {item} is set at {change.after};",
            ).text(locale)
        case Kind.REQUIREMENT_IMPORTANCE if change.after is None:
            return Message(
                f"tingkat kepentingan kompetensi {item} dihapus;",
                f"the importance rating of competency {item} is deleted;",
            ).text(locale)
        case _:
            return Message(
                f"tingkat kepentingan kompetensi {item} diubah dari {change.before} menjadi {change.after};",
                f"the importance of competency {item} is changed from {change.before} to {change.after};",
            ).text(locale)


# --- output -----------------------------------------------------------------------------------------


AMENDMENT_HTML = "amendment/perubahan.html"


def amendment_html(templates: Templates, view: AmendmentView) -> str:
    return templates.render(AMENDMENT_HTML, {"a": view})


def amendment_markdown(templates: Templates, view: AmendmentView) -> str:
    return templates.render("markdown/perubahan.md", {"a": view}).rstrip("\n") + "\n"


def amendment_docx(view: AmendmentView) -> bytes:
    """The amendment as Word: the same text as the PDF, in the regulation's type and numbering."""
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt

    document = Document()
    style: Any = document.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(12)

    def centred(text: str, *, bold: bool = True) -> None:
        paragraph = document.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.add_run(text).bold = bold

    for line in view.heading:
        centred(line)
    centred(f"{view.labels['pasal']} I")
    document.add_paragraph(view.opening)
    if not view.points:
        document.add_paragraph(view.labels["tidak_ada"])
    for number, point in enumerate(view.points, start=1):
        paragraph = document.add_paragraph(f"{number}.\t{point.text}")
        paragraph.paragraph_format.left_indent = Cm(1)
        paragraph.paragraph_format.first_line_indent = Cm(-1)
        for letter, item in zip("abcdefghijklmnopqrstuvwxyz" * 4, point.items, strict=False):
            sub = document.add_paragraph(f"{letter}.\t{item}")
            sub.paragraph_format.left_indent = Cm(2)
            sub.paragraph_format.first_line_indent = Cm(-1)
    centred(f"{view.labels['pasal']} II")
    document.add_paragraph(view.closing)
    for line in (
        f"{view.labels['ditetapkan_di']} {view.place}",
        f"{view.labels['pada_tanggal']} …",
        "",
        f"{view.office},",
        "",
        "",
        view.signer,
    ):
        paragraph = document.add_paragraph(line)
        paragraph.paragraph_format.left_indent = Cm(8.5)
        paragraph.paragraph_format.space_after = Pt(0)
    return reproducible_docx(document, source_date())


def write_amendment(comparison: Comparison, writer: OutputWriter, locale: str) -> list[str]:
    """Write perubahan.md, perubahan.pdf and perubahan.docx into ``writer``; the caller commits it.

    Everything is rendered before anything is written. The writer is kompiler's output folder: it
    refuses a folder holding anything kompiler did not write, so a copy of perubahan.md that the legal
    bureau edited is never overwritten, and neither are the project's own folders.
    """
    view = amendment_view(comparison, locale)
    templates = Templates(comparison.after.root / "templates" if comparison.after.root else None)
    outputs = {
        "perubahan.md": amendment_markdown(templates, view).encode("utf-8"),
        "perubahan.pdf": appendix_pdf(
            amendment_html(templates, view), templates, (AMENDMENT_HTML, {"a": view})
        ),
        "perubahan.docx": amendment_docx(view),
    }
    for name, data in outputs.items():
        writer.write_bytes(name, data)
    return list(outputs)

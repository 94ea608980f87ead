"""KMP119: a ``pengembangan/`` section, a form or activity code, or a talent box is declared twice."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from kompiler.diagnostics import Location, Message, Related, Severity
from kompiler.model import Corpus
from kompiler.model.entities import TalentPolicy
from kompiler.rules.base import Context, Example, Finding, Rule, Scope

_FIRST = Message("Deklarasi pertama di sini.", "First declared here.")
_CODED = {
    "bentuk_pembelajaran": ("bentuk pembelajaran", "learning form"),
    "katalog": ("kegiatan", "activity"),
}


def _twice(again: Location, first: Location, what_id: str, what_en: str) -> Finding:
    return Finding(
        again,
        Message(
            f"{what_id} sudah dideklarasikan di {first.file}:{first.line}; hanya deklarasi pertama yang dipakai.",
            f"{what_en} is already declared at {first.file}:{first.line}; only the first declaration is used.",
        ),
        related=(Related(first, _FIRST),),
    )


def check(corpus: Corpus, context: Context) -> Iterator[Finding]:
    first_section: dict[str, Any] = {}
    for section in corpus.entities.policy_sections:
        first = first_section.setdefault(section.name, section)
        if first is not section:
            yield _twice(
                section.origin.at(key=True),
                first.origin.at(key=True),
                f"Bagian {section.name!r}",
                f"The section {section.name!r}",
            )
        elif section.name in _CODED and isinstance(section.content, tuple):
            yield from _codes(section.content, *_CODED[section.name])
        elif isinstance(section.content, TalentPolicy):
            yield from _boxes(section.content)


def _codes(items: tuple[Any, ...], name_id: str, name_en: str) -> Iterator[Finding]:
    first: dict[str, Any] = {}
    for item in items:
        original = first.setdefault(item.code, item)
        if original is not item:
            yield _twice(
                item.origin.at("kode"),
                original.origin.at("kode"),
                f"Kode {name_id} {item.code!r}",
                f"The {name_en} code {item.code!r}",
            )


def _boxes(talent: TalentPolicy) -> Iterator[Finding]:
    """Each (kinerja, potensi) pair and each box number once: nine boxes that cover the 3 × 3 matrix."""
    seen: dict[Any, int] = {}
    for index, (performance, potential, number) in enumerate(talent.written):
        for key, what_id, what_en in (
            ((performance, potential), "Kotak kinerja", "The box of performance"),
            (number, "Nomor kotak", "The box number"),
        ):
            first = seen.setdefault(key, index)
            if first == index:
                continue
            label = f"{key[0]} × potensi {key[1]}" if isinstance(key, tuple) else str(key)
            label_en = f"{key[0]} × potential {key[1]}" if isinstance(key, tuple) else str(key)
            yield _twice(
                talent.origin.at("kotak", index),
                talent.origin.at("kotak", first),
                f"{what_id} {label}",
                f"{what_en} {label_en}",
            )


RULE = Rule(
    code="KMP119",
    title=Message("Kebijakan pengembangan dideklarasikan dua kali", "Development policy declared twice"),
    severity=Severity.ERROR,
    scope=Scope.CORPUS,
    explanation=Message(
        "Setiap bagian pengembangan/ (kecocokan, rencana, bentuk_pembelajaran, katalog, talenta, penyetaraan) "
        "ditulis sekali dalam satu proyek, setiap kode bentuk pembelajaran dan kegiatan katalog sekali, dan "
        "setiap kotak matriks talenta sekali. Bila ganda, rencana dan hasil kecocokan pegawai bergantung pada "
        "urutan berkas; hanya deklarasi pertama yang dipakai.",
        "Each pengembangan/ section (kecocokan, rencana, bentuk_pembelajaran, katalog, talenta, penyetaraan) "
        "is written once in a project, each learning-form and catalogue code once, and each box of the talent "
        "matrix once. A duplicate would make plans and match results depend on file order; only the first "
        "declaration is used.",
    ),
    legal_source=Message(
        "PP 11/2017 jo. PP 17/2020, Pasal 203 (pengembangan kompetensi); PermenPANRB 3/2020",
        "PP 11/2017 as amended by PP 17/2020, Article 203 (competency development); PermenPANRB 3/2020",
    ),
    check=check,
    examples=(
        Example(
            "# pengembangan/rencana-lain.yaml\nrencana:\n  jp_minimal: 40",
            "pengembangan/rencana.yaml",
            base="standards",
        ),
        Example(
            "# pengembangan/rencana.yaml\nrencana:\n  jp_minimal: 40",
            "pengembangan/rencana.yaml",
            base="standards",
        ),
    ),
)

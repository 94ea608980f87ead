"""KMP112: a standard cites a legal source that sumber.yaml does not declare."""

from __future__ import annotations

from collections.abc import Iterator

from kompiler.diagnostics import Message, Severity
from kompiler.model import Corpus
from kompiler.project import FileKind
from kompiler.rules.base import Context, Example, Finding, Rule, Scope
from kompiler.rules.common import citations, closest_hint


def check(corpus: Corpus, context: Context) -> Iterator[Finding]:
    for cited in citations(corpus):
        code = cited.citation.code
        if code in corpus.sources or corpus.declared(code, FileKind.SOURCES):
            continue
        hint_id, hint_en = closest_hint(code, corpus.sources)
        yield Finding(
            cited.origin.at(*cited.pointer, "kode"),
            Message(
                f"{cited.what_id} merujuk sumber {code!r}, yang tidak dideklarasikan di sumber.yaml.{hint_id}",
                f"{cited.what_en} cites the source {code!r}, which sumber.yaml does not declare.{hint_en}",
            ),
        )


RULE = Rule(
    code="KMP112",
    title=Message("Merujuk sumber yang tidak dideklarasikan", "Cites an undeclared source"),
    severity=Severity.ERROR,
    scope=Scope.CORPUS,
    explanation=Message(
        "Setiap standar (jabatan, kamus, baris jenjang, dan rumpun yang menyebut sumber) merujuk dasar hukum "
        "yang dideklarasikan di sumber.yaml dengan jenis, nomor, tahun, dan judulnya, agar dokumen resmi dapat "
        "menuliskan dasar hukumnya secara lengkap.",
        "Every standard (position, dictionary, grade row, and family that names a source) cites a legal source "
        "declared in sumber.yaml with its kind, number, year and title, so that official documents can state "
        "their legal basis in full.",
    ),
    legal_source=Message(
        "UU 12/2011 jo. UU 13/2022 (dasar hukum peraturan perundang-undangan)",
        "UU 12/2011 as amended by UU 13/2022 (the legal basis of legislation)",
    ),
    check=check,
    examples=(
        Example(
            "sumber:\n  kode: PERMENPANRB-38-2071  # salah ketik",
            "jabatan/analis-keuangan.yaml",
        ),
        Example(
            "sumber:\n  kode: PERMENPANRB-38-2017",
            "jabatan/analis-keuangan.yaml",
        ),
    ),
)

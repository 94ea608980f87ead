"""KMP021: the same code is declared twice, in one file or across files.

Each further declaration is reported, pointing at the one read first: files are read in the order of
their paths, so that one need not be the older one: it is the one the corpus's index keeps (see
:mod:`kompiler.model.link`). The message says where else the code is declared, never which came first.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from kompiler.diagnostics import Message, Related, Severity
from kompiler.model import Corpus
from kompiler.rules.base import Context, Example, Finding, Rule, Scope

_KINDS = (
    ("sources", "sumber", "source"),
    ("grades", "jenjang", "grade"),
    ("families", "rumpun", "job family"),
    ("competencies", "kompetensi", "competency"),
    ("positions", "jabatan", "position"),
)


def check(corpus: Corpus, context: Context) -> Iterator[Finding]:
    for attribute, name_id, name_en in _KINDS:
        first: dict[str, Any] = {}
        for entity in getattr(corpus.entities, attribute):
            original = first.setdefault(entity.code, entity)
            if original is entity:
                continue
            where = original.origin.at("kode")
            yield Finding(
                entity.origin.at("kode"),
                Message(
                    f"Kode {name_id} {entity.code!r} juga dideklarasikan di {where.file}:{where.line}.",
                    f"The {name_en} code {entity.code!r} is also declared at {where.file}:{where.line}.",
                ),
                related=(Related(where, Message("Juga dideklarasikan di sini.", "Also declared here.")),),
            )


RULE = Rule(
    code="KMP021",
    title=Message("Kode dideklarasikan dua kali", "Code declared twice"),
    severity=Severity.ERROR,
    scope=Scope.CORPUS,
    explanation=Message(
        "Kode jabatan, kompetensi, jenjang, rumpun, dan sumber adalah pengenal tunggal: jika sama kode dipakai "
        "dua kali, rujukan kepadanya menjadi tidak pasti. Rujukan memakai deklarasi yang dibaca lebih dulu: "
        "berkas dibaca menurut urutan jalurnya, lalu isinya dari atas ke bawah; itu belum tentu yang "
        "ditulis lebih dulu.",
        "Codes of positions, competencies, grades, families and sources are identifiers: if one code is used "
        "twice, references to it become ambiguous. References use the declaration read first: files are "
        "read in the order of their paths, then each from top to bottom; that need not be the one written "
        "first.",
    ),
    legal_source=Message(
        "PermenPANRB 38/2017, Pasal 4",
        "PermenPANRB 38/2017, Article 4",
    ),
    check=check,
    examples=(
        Example(
            "# jabatan/a.yaml\nkode: NTB.PL.01\n# jabatan/b.yaml\nkode: NTB.PL.01",
            "jabatan/analis-keuangan.yaml",
        ),
        Example(
            "# jabatan/a.yaml\nkode: NTB.PL.01\nnama: Analis Anggaran Ahli Muda\n"
            "# jabatan/b.yaml\nkode: NTB.PL.02\nnama: Analis Pendapatan Ahli Muda",
            "jabatan/analis-keuangan.yaml",
        ),
    ),
)

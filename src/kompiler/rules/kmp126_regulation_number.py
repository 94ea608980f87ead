"""KMP126: the regulation number in kompiler.yaml is not filled in yet.

A regulation has no number until it is enacted, and its drafts print NOMOR ... TAHUN ...: ``kompiler init``
writes ``nomor: "..."``, never a number that looks real, which a drafter who forgot to change it would
publish in every document. A number left out, empty, or with no letter or digit is such a draft's (the
documents print what is written, or ``...`` for nothing) and is reported where it is written, or at
``dokumen`` when it is left out, as a warning: building a draft stays possible.
"""

from __future__ import annotations

from collections.abc import Iterator

from kompiler.diagnostics import Message, Severity
from kompiler.model import Corpus
from kompiler.project import UNNUMBERED as PLACEHOLDER
from kompiler.project import is_numbered, regulation_number
from kompiler.rules.base import Context, Example, Finding, Rule, Scope


def check(corpus: Corpus, context: Context) -> Iterator[Finding]:
    document = corpus.project.get("dokumen")
    origin = corpus.project_origin
    printed = regulation_number(corpus.project)
    if origin is None or not isinstance(document, dict) or is_numbered(printed):
        return
    if "nomor" in document:
        where = origin.at("dokumen", "nomor")
        written = Message(repr(document["nomor"]), repr(document["nomor"]))
    else:
        where = origin.at("dokumen", key=True)
        written = Message("tidak ditulis", "left out")
    yield Finding(
        where,
        Message(
            f"Nomor peraturan belum diisi ({written.id}); setiap dokumen yang dibuat mencetak NOMOR {printed} "
            "seperti rancangan peraturan. Isi dokumen.nomor dengan nomor peraturan begitu ditetapkan.",
            f"The regulation number is not filled in ({written.en}); every document built prints NUMBER "
            f"{printed} as a draft regulation does. Fill in dokumen.nomor with the number once the regulation "
            "is enacted.",
        ),
    )


RULE = Rule(
    code="KMP126",
    title=Message("Nomor peraturan belum diisi", "Regulation number not filled in"),
    severity=Severity.WARNING,
    scope=Scope.CORPUS,
    explanation=Message(
        f'dokumen.nomor di kompiler.yaml dicetak di judul setiap dokumen. kompiler init menulis "{PLACEHOLDER}" '
        "(seperti rancangan peraturan: NOMOR ... TAHUN ...), bukan nomor contoh yang dapat terbit tanpa "
        f'disadari; nomor yang tidak ditulis atau kosong dicetak "{PLACEHOLDER}". Nomor seperti itu, atau '
        "tanpa huruf atau angka, dilaporkan sampai nomor peraturan yang ditetapkan diisi. Peringatan ini "
        "tidak menghentikan build rancangan.",
        f'dokumen.nomor in kompiler.yaml is printed in the title of every document. kompiler init writes "'
        f'{PLACEHOLDER}" (as draft regulations read NOMOR ... TAHUN ...), not an example number that could be '
        f'published unnoticed; a number left out or empty is printed "{PLACEHOLDER}". Such a number, or one '
        "with no letter or digit, is reported until the enacted regulation's number is filled in. The "
        "warning does not stop the build of a draft.",
    ),
    legal_source=Message(
        "UU 12/2011, Lampiran II (judul peraturan: NOMOR ... TAHUN ...)",
        "UU 12/2011, Appendix II (a regulation's title: NOMOR ... TAHUN ...)",
    ),
    check=check,
    examples=(
        Example(f'nomor: "{PLACEHOLDER}"', "kompiler.yaml", ("dokumen",)),
        Example('nomor: "7"', "kompiler.yaml", ("dokumen",)),
    ),
)

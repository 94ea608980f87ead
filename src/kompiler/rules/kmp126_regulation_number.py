"""KMP126: the regulation number in kompiler.yaml is still a placeholder.

``kompiler init`` writes ``nomor: "..."`` (the number is assigned only when the regulation is enacted, and
drafts write NOMOR ... TAHUN ...), never a number that looks real: a drafter who forgot to change one
would publish the wrong regulation number in every document. A number with no letter or digit is taken
for that placeholder and reported where it is written, as a warning: building a draft stays possible.
"""

from __future__ import annotations

from collections.abc import Iterator

from kompiler.diagnostics import Message, Severity
from kompiler.model import Corpus
from kompiler.rules.base import Context, Example, Finding, Rule, Scope

# What ``kompiler init`` writes for the regulation number.
PLACEHOLDER = "..."


def check(corpus: Corpus, context: Context) -> Iterator[Finding]:
    document = corpus.project.get("dokumen")
    number = document.get("nomor") if isinstance(document, dict) else None
    origin = corpus.project_origin
    if origin is None or not isinstance(number, str) or any(c.isalnum() for c in number):
        return
    yield Finding(
        origin.at("dokumen", "nomor"),
        Message(
            f"Nomor peraturan belum diisi ({number!r}); setiap dokumen yang dibuat memuatnya sebagai nomor "
            "peraturan. Isi dokumen.nomor dengan nomor peraturan begitu ditetapkan.",
            f"The regulation number is not filled in ({number!r}); every document built shows it as the "
            "regulation's number. Fill in dokumen.nomor with the number once the regulation is enacted.",
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
        "disadari; nomor tanpa huruf atau angka dilaporkan sampai nomor peraturan yang ditetapkan diisi. "
        "Peringatan ini tidak menghentikan build rancangan.",
        f'dokumen.nomor in kompiler.yaml is printed in the title of every document. kompiler init writes "'
        f'{PLACEHOLDER}" (as draft regulations read NOMOR ... TAHUN ...), not an example number that could be '
        "published unnoticed; a number with no letter or digit is reported until the enacted regulation's "
        "number is filled in. The warning does not stop the build of a draft.",
    ),
    legal_source="UU 12/2011, Lampiran II (judul peraturan: NOMOR ... TAHUN ...)",
    check=check,
    examples=(
        Example(f'nomor: "{PLACEHOLDER}"', "kompiler.yaml", ("dokumen",)),
        Example('nomor: "7"', "kompiler.yaml", ("dokumen",)),
    ),
)

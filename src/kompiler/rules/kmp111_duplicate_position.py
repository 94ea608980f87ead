"""KMP111: two positions that are the same position: same name in the same unit, or look-alike codes."""

from __future__ import annotations

import re
from collections.abc import Iterator

from kompiler.diagnostics import Message, Related, Severity
from kompiler.model import Corpus, Position
from kompiler.rules.base import Context, Example, Finding, Rule, Scope
from kompiler.rules.common import normal_text

_SEPARATORS = re.compile(r"[\s._-]+")


def _code_key(code: str) -> str:
    return _SEPARATORS.sub("", code).casefold()


def _first_here(position: Position) -> Message:
    return Message(f"Jabatan {position.code} di sini.", f"The position {position.code} is here.")


def check(corpus: Corpus, context: Context) -> Iterator[Finding]:
    by_name: dict[tuple[str, str], Position] = {}
    by_code: dict[str, Position] = {}
    for position in corpus.entities.positions:
        if corpus.positions.get(position.code) is not position:
            continue
        first = by_name.setdefault((normal_text(position.unit), normal_text(position.name)), position)
        if first is not position:
            where = first.origin.at("nama")
            yield Finding(
                position.origin.at("nama"),
                Message(
                    f"Unit kerja {position.unit!r} sudah memiliki jabatan bernama {first.name!r} ({first.code}, "
                    f"{where.file}:{where.line}); dua jabatan dalam satu unit tidak boleh bernama sama.",
                    f"The unit {position.unit!r} already has a position named {first.name!r} ({first.code}, "
                    f"{where.file}:{where.line}); two positions in one unit cannot share a name.",
                ),
                related=(Related(where, _first_here(first)),),
            )
        twin = by_code.setdefault(_code_key(position.code), position)
        if twin is not position:
            where = twin.origin.at("kode")
            yield Finding(
                position.origin.at("kode"),
                Message(
                    f"Kode jabatan {position.code} hanya berbeda huruf besar/kecil atau pemisah dari "
                    f"{twin.code} ({where.file}:{where.line}); kode yang mirip seperti ini mudah tertukar.",
                    f"The position code {position.code} differs from {twin.code} ({where.file}:{where.line}) "
                    "only in case or separators; look-alike codes are easily confused.",
                ),
                related=(Related(where, _first_here(twin)),),
            )


RULE = Rule(
    code="KMP111",
    title=Message("Jabatan kembar", "Duplicate position"),
    severity=Severity.ERROR,
    scope=Scope.CORPUS,
    explanation=Message(
        "Dalam satu unit kerja, setiap jabatan memiliki nama yang berbeda (tanpa membedakan huruf besar/kecil "
        "dan spasi). Kode jabatan yang hanya berbeda huruf besar/kecil, spasi, titik, garis bawah, atau tanda "
        "hubung (NTB.JF.01 dan NTB-JF-01) juga dilaporkan, karena keduanya akan tertukar. Kode yang persis "
        "sama dilaporkan oleh KMP021.",
        "Within one unit, every position has a different name (ignoring case and spacing). Position codes that "
        "differ only in case, spaces, dots, underscores or hyphens (NTB.JF.01 and NTB-JF-01) are reported too, "
        "since they will be confused. Identical codes are reported by KMP021.",
    ),
    legal_source=Message(
        "PermenPANRB 38/2017 (satu standar kompetensi untuk setiap jabatan)",
        "PermenPANRB 38/2017 (one competency standard for each position)",
    ),
    check=check,
    examples=(
        Example(
            "# jabatan/a.yaml\nkode: NTB.PL.01\nnama: Pengadministrasi Perkantoran\nunit_kerja: Sekretariat\n"
            "# jabatan/b.yaml\nkode: NTB-PL-01\nnama: Pengadministrasi  perkantoran\nunit_kerja: Sekretariat",
            "jabatan/ntb-pl-adpim-dokpim.yaml",
            base="standards",
        ),
        Example(
            "# jabatan/a.yaml\nkode: NTB.PL.01\nnama: Pengadministrasi Perkantoran\nunit_kerja: Sekretariat\n"
            "# jabatan/b.yaml\nkode: NTB.PL.02\nnama: Pengadministrasi Perkantoran\nunit_kerja: Biro Hukum",
            "jabatan/ntb-pl-adpim-dokpim.yaml",
            base="standards",
        ),
    ),
)

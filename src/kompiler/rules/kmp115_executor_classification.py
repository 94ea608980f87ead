"""KMP115: an executor (pelaksana) position has a classification; other positions have none."""

from __future__ import annotations

from collections.abc import Iterator

from kompiler.diagnostics import Message, Severity
from kompiler.model import Position
from kompiler.model.entities import PositionKind
from kompiler.rules.base import Context, Example, Finding, Rule, Scope


def check(position: Position, context: Context) -> Iterator[Finding]:
    executor = position.kind is PositionKind.EXECUTOR
    if executor and position.classification is None:
        yield Finding(
            position.origin.at("jenis"),
            Message(
                f"Jabatan pelaksana {position.code} belum menyebut klasifikasi; tambahkan klasifikasi: klerek, "
                "operator, atau teknisi.",
                f"The executor position {position.code} has no classification; add klasifikasi: klerek, "
                "operator or teknisi.",
            ),
        )
    elif not executor and position.classification is not None:
        yield Finding(
            position.origin.at("klasifikasi", key=True),
            Message(
                f"Klasifikasi {position.classification} hanya berlaku untuk jabatan pelaksana, sedangkan jabatan "
                f"ini berjenis {position.kind.value}.",
                f"The classification {position.classification} applies only to executor (pelaksana) positions, "
                f"but this position is {position.kind.value}.",
            ),
        )


RULE = Rule(
    code="KMP115",
    title=Message("Klasifikasi jabatan pelaksana", "Executor position classification"),
    severity=Severity.ERROR,
    scope=Scope.POSITION,
    explanation=Message(
        "Jabatan pelaksana dikelompokkan dalam tiga klasifikasi: klerek, operator, dan teknisi. Setiap jabatan "
        "pelaksana menyebut klasifikasinya; jabatan lain tidak memiliki klasifikasi.",
        "Executor (pelaksana) positions fall into three classifications: klerek (clerk), operator and teknisi "
        "(technician). Every executor position names its classification; other positions have none.",
    ),
    legal_source=Message(
        "PermenPANRB 45/2022; KepmenPANRB 282/2025",
        "PermenPANRB 45/2022; KepmenPANRB 282/2025",
    ),
    check=check,
    examples=(
        Example(
            "jenis: pelaksana\njenjang: PELAKSANA\n# klasifikasi tidak ada",
            "jabatan/analis-keuangan.yaml",
        ),
        Example(
            "jenis: pelaksana\njenjang: PELAKSANA\nklasifikasi: klerek",
            "jabatan/ntb-pl-adpim-dokpim.yaml",
            base="standards",
        ),
    ),
    position_local=True,
)

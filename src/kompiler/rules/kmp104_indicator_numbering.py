"""KMP104: levels run 1..5 without gaps, and each level's indicators are numbered <level>.1, <level>.2, …"""

from __future__ import annotations

from collections.abc import Iterator

from kompiler.diagnostics import Message, Severity
from kompiler.model import Competency
from kompiler.rules.base import Context, Example, Finding, Option, Placement, Rule, Scope


def _levels(competency: Competency, highest: int) -> Iterator[Finding]:
    origin = competency.origin
    seen: set[int] = set()
    previous = 0
    for index, level in enumerate(competency.levels):
        number = level.level
        if number in seen:
            yield Finding(
                origin.at("level", index, "level"),
                Message(
                    f"Level {number} kompetensi {competency.code} ditulis lebih dari sekali.",
                    f"Level {number} of the competency {competency.code} is written more than once.",
                ),
            )
        elif number < previous:
            yield Finding(
                origin.at("level", index, "level"),
                Message(
                    f"Level {number} kompetensi {competency.code} ditulis setelah level {previous}; "
                    "urutkan level dari 1 sampai 5.",
                    f"Level {number} of the competency {competency.code} comes after level {previous}; "
                    "order the levels from 1 to 5.",
                ),
            )
        seen.add(number)
        previous = max(previous, number)
    missing = [n for n in range(1, highest + 1) if n not in seen]
    if missing:
        listed = ", ".join(map(str, missing))
        yield Finding(
            origin.at("level", key=True),
            Message(
                f"Kompetensi {competency.code} ({competency.name}) tidak mendefinisikan level {listed}; "
                f"level berjalan dari 1 sampai {highest} tanpa celah.",
                f"The competency {competency.code} ({competency.name}) does not define level {listed}; "
                f"levels run from 1 to {highest} without gaps.",
            ),
        )


def _indicators(competency: Competency, per_level: int) -> Iterator[Finding]:
    origin = competency.origin
    for index, level in enumerate(competency.levels):
        where = ("level", index, "indikator")
        count = len(level.indicators)
        if count == 0:
            yield Finding(
                origin.at(*where, key=True),
                Message(
                    f"Level {level.level} kompetensi {competency.code} tidak memiliki indikator; setiap level "
                    "memiliki paling sedikit satu indikator perilaku.",
                    f"Level {level.level} of the competency {competency.code} has no indicator; every level "
                    "has at least one behavioural indicator.",
                ),
            )
            continue
        for position, indicator in enumerate(level.indicators, start=1):
            expected = f"{level.level}.{position}"
            if indicator.number != expected:
                yield Finding(
                    origin.at(*where, position - 1, "nomor"),
                    Message(
                        f"Nomor indikator {indicator.number!r} seharusnya {expected!r}: indikator level "
                        f"{level.level} bernomor {level.level}.1, {level.level}.2, dan seterusnya tanpa celah.",
                        f"The indicator number {indicator.number!r} should be {expected!r}: indicators of level "
                        f"{level.level} are numbered {level.level}.1, {level.level}.2 and so on without gaps.",
                    ),
                )
                break
        if count != per_level:
            yield Finding(
                origin.at(*where, key=True),
                Message(
                    f"Level {level.level} kompetensi {competency.code} memiliki {count} indikator; "
                    f"lazimnya {per_level}.",
                    f"Level {level.level} of the competency {competency.code} has {count} indicators; "
                    f"usually it has {per_level}.",
                ),
                severity=Severity.WARNING,
            )


def check(competency: Competency, context: Context) -> Iterator[Finding]:
    yield from _levels(competency, context.options["level_tertinggi"])
    yield from _indicators(competency, context.options["indikator_per_level"])


RULE = Rule(
    code="KMP104",
    title=Message("Penomoran level dan indikator kamus", "Numbering of dictionary levels and indicators"),
    severity=Severity.ERROR,
    scope=Scope.COMPETENCY,
    explanation=Message(
        "Setiap kompetensi dalam kamus memiliki level 1 sampai 5, berurutan dan tanpa celah. Setiap level "
        "memiliki paling sedikit satu indikator perilaku, bernomor <level>.<n> mulai dari 1 tanpa celah "
        "(level 2: 2.1, 2.2, 2.3). Lazimnya setiap level memiliki tiga indikator; jumlah lain menjadi "
        "peringatan (lampiran PermenPANRB 38/2017 sendiri memuat empat indikator pada Integritas level 2, "
        "yang dapat diabaikan di baris itu dengan alasannya).",
        "Every competency of a dictionary has levels 1 to 5, in order and without gaps. Every level has at "
        "least one behavioural indicator, numbered <level>.<n> from 1 without gaps (level 2: 2.1, 2.2, 2.3). "
        "A level usually has three indicators; another count is a warning (the PermenPANRB 38/2017 appendix "
        "itself has four indicators for Integritas level 2, which can be suppressed on that line with the "
        "reason).",
    ),
    legal_source=Message(
        "PermenPANRB 38/2017, Lampiran (Kamus Kompetensi)",
        "PermenPANRB 38/2017, Appendix (Competency Dictionary)",
    ),
    check=check,
    options={
        "indikator_per_level": Option(3, minimum=1, maximum=20),
        "level_tertinggi": Option(5, minimum=1, maximum=5),
    },
    examples=(
        Example(
            'level:\n  - level: 2\n    deskripsi: ...\n    indikator:\n      - nomor: "2.1"\n        uraian: ...\n'
            '      - nomor: "2.3"  # 2.2 terlewat\n        uraian: ...',
            "kamus/teknis-keuangan.yaml",
            at=("kompetensi", "T.KEU.01"),
            placement=Placement.REPLACE,
        ),
        Example(
            'level:\n  - level: 2\n    deskripsi: ...\n    indikator:\n      - nomor: "2.1"\n        uraian: ...\n'
            '      - nomor: "2.2"\n        uraian: ...\n      - nomor: "2.3"\n        uraian: ...',
            "kamus/teknis-keuangan.yaml",
            at=("kompetensi", "T.KEU.01"),
        ),
    ),
)

"""Small helpers several rules share: which entities cite a legal source, and how names compare.

Kept out of the rule modules so that each rule reads as the regulation it enforces; the registry only
loads modules named ``kmpNNN_*``, so this module is never mistaken for a rule.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache

from kompiler.diagnostics import Message
from kompiler.model import Corpus
from kompiler.model.entities import Citation, CompetencyType, Origin, PlanPolicy

_SPACES = re.compile(r"\s+")

# The groups whose every competency the dictionary of PermenPANRB 38/2017 fixes, with their names (Indonesian,
# English) and the option that gives their count when a project has no dictionary to count (KMP101, KMP117).
COUNTED_GROUPS = (
    (CompetencyType.MANAGERIAL, "manajerial", "managerial", "jumlah_manajerial"),
    (CompetencyType.SOCIOCULTURAL, "sosial kultural", "socio-cultural", "jumlah_sosial_kultural"),
)


@dataclass(frozen=True)
class Cited:
    """One citation of a legal source: what cites it (for the message) and where its ``sumber`` block is."""

    what_id: str
    what_en: str
    citation: Citation
    origin: Origin
    pointer: tuple[str, ...]


def citations(corpus: Corpus) -> Iterator[Cited]:
    """Every citation in the corpus: positions, dictionaries, grade rows and families that name a source."""
    entities = corpus.entities
    for position in entities.positions:
        yield Cited(
            f"Jabatan {position.code}",
            f"The position {position.code}",
            position.citation,
            position.origin,
            ("sumber",),
        )
    for dictionary in entities.dictionaries:
        yield Cited(
            f"Kamus {dictionary.name!r}",
            f"The dictionary {dictionary.name!r}",
            dictionary.citation,
            dictionary.origin,
            ("sumber",),
        )
    for grade in entities.grades:
        yield Cited(
            f"Jenjang {grade.code}", f"The grade {grade.code}", grade.citation, grade.origin, ("sumber",)
        )
    for family in entities.families:
        if family.citation is not None:
            yield Cited(
                f"Rumpun {family.code}",
                f"The family {family.code}",
                family.citation,
                family.origin,
                ("sumber",),
            )
    yield from _policy_citations(corpus)


def _policy_citations(corpus: Corpus) -> Iterator[Cited]:
    """The sources ``pengembangan/`` cites: every declared section's values and list items."""
    for section in corpus.entities.policy_sections:
        content = section.content
        items = content if isinstance(content, tuple) else (content,) if content is not None else ()
        for item in items:
            what = getattr(item, "code", None) or getattr(item, "grade", None)
            label_id, label_en = (f" {what}", f" {what}") if what else ("", "")
            what_id = f"Kebijakan pengembangan ({section.name}){label_id}"
            what_en = f"The development policy ({section.name}){label_en}"
            if isinstance(item, PlanPolicy) and item.shares_citation is not None:
                yield Cited(what_id, what_en, item.shares_citation, item.origin, ("proporsi", "sumber"))
            citation = getattr(item, "citation", None)  # a catalogue activity cites no source
            if citation is not None:
                yield Cited(what_id, what_en, citation, item.origin, ("sumber",))


def no_such_rank(rank: str) -> Message:
    """The message for a rank (golongan ruang) that does not exist, such as III/e."""
    return Message(
        f"Golongan ruang {rank} tidak ada; golongan I sampai III berakhir di ruang d.",
        f"There is no rank {rank}; groups I to III end at d.",
    )


def normal_text(text: str) -> str:
    """Text compared the way a reader compares it: case and runs of spaces do not matter."""
    return _SPACES.sub(" ", text).strip().casefold()


def contains_phrase(text: str, phrase: str) -> bool:
    """True when ``phrase`` occurs in ``text`` as whole words, ignoring case and spacing."""
    return phrase_in(normal_text(text), phrase)


def phrase_in(normalized: str, phrase: str) -> bool:
    """:func:`contains_phrase` for text already passed through :func:`normal_text`, for a check that
    looks for many phrases in one text (KMP113 tries every grade's phrase on every position's name)."""
    needle, pattern = _phrase(phrase)
    return needle in normalized and pattern.search(normalized) is not None


@cache
def _phrase(phrase: str) -> tuple[str, re.Pattern[str]]:
    """The phrase as normal text, and as a whole-word pattern. The pattern can only match where the
    normal text occurs, so a substring test rules most texts out before the slower search."""
    needle = normal_text(phrase)
    return needle, re.compile(r"(?<!\w)" + re.escape(needle).replace(r"\ ", r"\s+") + r"(?!\w)")


def similar_codes(word: str, codes: Iterable[str], n: int = 1) -> list[str]:
    """The codes closest to a mistyped one, reading letters typed for look-alike digits (KMP1O1) as digits.

    Codes as close as each other keep the order given, so a caller lists what it would rather suggest
    first: "KMP8" is as close to KMP118 as to KMP218, and a setting of rules means the rule.
    """
    candidate = word.strip().upper()
    if candidate.startswith("KMP"):
        candidate = "KMP" + candidate[3:].translate(str.maketrans("OIL", "011"))
    matcher = difflib.SequenceMatcher()
    matcher.set_seq2(candidate)
    scored: list[tuple[float, str]] = []
    for code in codes:
        matcher.set_seq1(code)
        if matcher.real_quick_ratio() >= 0.6 and matcher.quick_ratio() >= 0.6 and matcher.ratio() >= 0.6:
            scored.append((matcher.ratio(), code))
    return [code for _, code in sorted(scored, key=lambda item: -item[0])[:n]]


def closest_hint(word: str, known: Iterable[str]) -> tuple[str, str]:
    """:func:`did_you_mean` with the one known name closest to ``word`` (a typo such as AHLI-MUDAA or
    T.KEU.1 is the usual cause of an unknown name)."""
    return did_you_mean(difflib.get_close_matches(word, list(known), n=1))


def not_declared(what_id: str, what_en: str, code: str, where: str, known: Iterable[str]) -> Message:
    """The message for ``code`` that nothing in ``where`` declares, with the closest of ``known`` as a
    suggestion (KMP020, KMP023, KMP120)."""
    hint_id, hint_en = closest_hint(code, known)
    return Message(
        f"{what_id} {code!r} tidak dideklarasikan di {where}.{hint_id}",
        f"{what_en} {code!r} is not declared in {where}.{hint_en}",
    )


def did_you_mean(close: list[str]) -> tuple[str, str]:
    """The (Indonesian, English) hint ending a message about a mistyped name: the first of ``close``, or
    nothing when no name came close."""
    return (f" Maksud Anda {close[0]}?", f" Did you mean {close[0]}?") if close else ("", "")

"""What a rule is: a code, a default severity, an explanation citing the regulation, and a check.

A rule checks one kind of entity at a time (its ``scope``); the engine walks the entities, so a rule
never loops over the corpus itself, and a rule that raises is contained to the one entity it failed on.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, TypeVar

from kompiler.diagnostics import Location, Message, Related, Severity
from kompiler.model import Corpus

T = TypeVar("T")


class Scope(StrEnum):
    """Which entities a rule's check receives, one at a time."""

    POSITION = "position"
    COMPETENCY = "competency"
    DICTIONARY = "dictionary"
    GRADE = "grade"
    FAMILY = "family"
    SOURCE = "source"
    DECISION = "decision"
    CORPUS = "corpus"


@dataclass(frozen=True)
class Finding:
    """One problem a rule found; ``severity`` overrides the rule's default for this finding only."""

    location: Location
    message: Message
    severity: Severity | None = None
    related: tuple[Related, ...] = ()


@dataclass(frozen=True)
class Context:
    """What a check may consult besides its entity: the whole corpus and the rule's options.

    ``derived`` holds values computed from the corpus once per run and shared by every rule and entity
    (see :meth:`once`), so that a per-position check never rescans the corpus for each position.
    """

    corpus: Corpus
    options: dict[str, Any]
    derived: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    def once(self, key: str, compute: Callable[[Corpus], T]) -> T:
        """``compute(corpus)``, computed on the first call with this ``key`` during a run."""
        if key not in self.derived:
            self.derived[key] = compute(self.corpus)
        return self.derived[key]


Check = Callable[[Any, Context], Iterator[Finding]]

OptionValue = int | float | str


@dataclass(frozen=True)
class Option:
    """One option of a rule, as ``aturan.opsi.<code>.<name>`` in kompiler.yaml may set it.

    The default's type is the option's type: an integer option takes neither ``true`` (which Python
    counts as an integer) nor ``2.5``; a number option takes integers too. A number option declares the
    range it accepts (``minimum`` to ``maximum``, both included, so NaN and infinities never pass), a
    text option the words it accepts (``choices``). A declaration without them is refused when the rule
    is defined, so that no option can take a value its rule was never written for.
    """

    default: OptionValue
    minimum: int | float | None = None
    maximum: int | float | None = None
    choices: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        kind = type(self.default)
        if kind not in (int, float, str):
            raise TypeError(f"an option is an integer, a number or a word, not {kind.__name__}")
        if kind is str and not self.choices:
            raise ValueError("a text option declares its choices")
        if kind is not str and (self.minimum is None or self.maximum is None):
            raise ValueError("a number option declares its minimum and maximum")
        if not self.accepts(self.default):
            raise ValueError(f"the default {self.default!r} is not a value the option accepts")

    def accepts(self, value: Any) -> bool:
        """Whether ``value`` (as read from YAML) is one this option takes."""
        kind = type(self.default)
        if kind is str:
            return type(value) is str and value in self.choices
        if not (type(value) is kind or (kind is float and type(value) is int)):
            return False
        assert self.minimum is not None and self.maximum is not None
        return self.minimum <= value <= self.maximum

    def expected(self) -> Message:
        """What the option takes, as a phrase for messages."""
        if self.choices:
            listing = ", ".join(self.choices)
            return Message(f"salah satu dari: {listing}", f"one of: {listing}")
        if type(self.default) is int:
            return Message(
                f"bilangan bulat dari {self.minimum} sampai {self.maximum}",
                f"an integer from {self.minimum} to {self.maximum}",
            )
        return Message(
            f"bilangan dari {self.minimum} sampai {self.maximum}",
            f"a number from {self.minimum} to {self.maximum}",
        )

    def __str__(self) -> str:
        """The default and what the option accepts, in words that need no translation (shown by
        ``kompiler explain``): ``3 (1–20)``, ``error (error | warning | info)``."""
        accepted = " | ".join(self.choices) if self.choices else f"{self.minimum}–{self.maximum}"
        return f"{self.default} ({accepted})"


class Placement(StrEnum):
    """How an example's snippet goes into its file: its lists merged entry by entry, or replacing."""

    MERGE = "merge"  # mappings key by key, list entries matched by their kode (or level, nomor)
    REPLACE = "replace"  # mappings key by key, but a list of the snippet replaces the whole list


@dataclass(frozen=True)
class Example:
    """A YAML snippet that ``kompiler explain`` shows, and where it goes, so that a test runs it.

    The test harness (tests/rules/test_examples.py) copies the ``base`` project (``minimal`` is
    tests/fixtures/minimal, ``standards`` the shipped corpus), puts the snippet's mapping into ``file`` at
    the key path ``at`` (a list entry is named by its kode) as ``placement`` says, and compiles: the bad
    example must raise the rule's code, the good one must not. A line ``# <path>.yaml`` in the snippet
    starts a part that goes into that file instead; a file the base lacks starts as a copy of ``file``.
    Declaring the place next to the snippet keeps every example shown a runnable one.
    """

    snippet: str
    file: str
    at: tuple[str, ...] = ()
    placement: Placement = Placement.MERGE
    base: str = "minimal"


@dataclass(frozen=True)
class Rule:
    """A named rule. ``examples`` are a bad and a good :class:`Example`, shown by ``kompiler explain``
    and run by the tests; ``options`` are the settings a project may change, each declared with the
    values it accepts.

    ``position_local`` declares that a position-scope check judges one position against the reference
    entities (grades, families, dictionaries, sources) and never reads another position: the incremental
    check may then keep an unchanged position's findings. Left ``False``, a rule disables that shortcut.
    """

    code: str
    title: Message
    severity: Severity
    scope: Scope
    explanation: Message
    legal_source: Message
    check: Check
    options: dict[str, Option] = field(default_factory=dict)
    examples: tuple[Example, Example] | None = None
    position_local: bool = False

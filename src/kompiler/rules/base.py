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


@dataclass(frozen=True)
class Rule:
    """A named rule. ``examples`` are (bad, good) YAML snippets shown by ``kompiler explain``.

    ``position_local`` declares that a position-scope check judges one position against the reference
    entities (grades, families, dictionaries, sources) and never reads another position: the incremental
    check may then keep an unchanged position's findings. Left ``False``, a rule disables that shortcut.
    """

    code: str
    title: Message
    severity: Severity
    scope: Scope
    explanation: Message
    legal_source: str
    check: Check
    options: dict[str, Any] = field(default_factory=dict)
    examples: tuple[str, str] = ("", "")
    position_local: bool = False

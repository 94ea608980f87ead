"""One object for each distinct value a corpus repeats: the memory side of bulk mode.

The YAML loader makes a new string for every scalar, so the same requirement code, importance word,
qualification line or task text exists once per position that writes it: at 50,000 generated positions,
3.2 million strings (262 MB) for 77 thousand distinct texts, and 700,000 requirements that are mostly
the same few thousand. The documents' views repeat in the same way: positions mostly require the same
competencies at the same levels and list the same qualification lines. Entities and views are frozen, so
sharing equal ones changes nothing but memory, in this process and in every worker forked from it.

Numbers carry their type in the key because ``3 == 3.0``: a position that wrote ``3.0`` must not print
another position's ``3``.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any, TypeVar

T = TypeVar("T")


class Shared:
    """The first of each distinct value seen; one per stage run, dropped with what it built."""

    def __init__(self) -> None:
        self._seen: dict[Hashable, Any] = {}

    def text(self, value: T) -> T:
        """The shared copy of a string or a tuple of strings (``None`` stays ``None``)."""
        if isinstance(value, str | tuple):
            return self._seen.setdefault(value, value)  # type: ignore[no-any-return]
        return value

    def value(self, key: tuple[Hashable, ...], make: Callable[[], T]) -> T:
        """The shared object for ``key`` (the object's class and fields, numbers with their types),
        made only the first time: building the entity costs more than looking its key up."""
        found = self._seen.get(key)
        if found is None:
            found = self._seen[key] = make()
        return found  # type: ignore[no-any-return]

    def one(self, value: T, *types: type) -> T:
        """The shared copy of a value already made, equal ones told apart by the ``types`` of the
        numbers inside them."""
        return self._seen.setdefault((value, *types), value)  # type: ignore[no-any-return]

"""What a migration is: a step from one format version to the next, applied file by file.

A migration edits the round-trip tree of one file in place (so comments and key order stay) and says
whether it changed anything. It never reads other files: each file's upgrade depends on that file alone,
which keeps every migration testable with a single YAML snippet.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from typing import Any

from ruamel.yaml.comments import CommentedMap

from kompiler.project import FileKind


class Migration(ABC):
    """One format step. Subclasses set ``source`` (the version they read) and ``summary``."""

    source: int
    summary: str

    @property
    def target(self) -> int:
        return self.source + 1

    @abstractmethod
    def apply(self, kind: FileKind, data: Any) -> bool:
        """Upgrade ``data`` (a file of ``kind``) in place; return True when it changed."""


def rename_key(mapping: CommentedMap, old: str, new: str, value: Any) -> None:
    """Put ``new: value`` where ``old`` stood, carrying over the comments attached to ``old``."""
    position = list(mapping).index(old)
    comment = mapping.ca.items.pop(old, None)
    del mapping[old]
    mapping.insert(position, new, value)
    if comment is not None:
        mapping.ca.items[new] = comment

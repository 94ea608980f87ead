"""Tasks of merged positions that say the same thing in other words, found so a proposal can show them.

Positions a merge groups were written by different drafters: "Menulis berita dan siaran pers kegiatan
pimpinan daerah" in one standard is "Menulis berita dan siaran pers kegiatan pemerintah daerah" in
another. Compared as exact text they share nothing, so the proposal's evidence said "no common task" and
its draft listed every wording of every task. Here the tasks are gathered into themes: a task joins the
first theme whose first task it shares at least half its content words with (by stem, the union counted, as
the Jaccard index), and a theme takes at most one task of each position, so two tasks one drafter wrote
apart stay apart. A task is compared with the theme's first task, not with any of its tasks, so a theme
cannot drift from one subject to another through tasks that each resemble the last.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from kompiler.graph.similarity import STEM_LENGTH, words

# Two tasks are one theme when at least this share of their stems (intersection over union) is common.
SAME_TASK = 0.5


@dataclass(frozen=True)
class Theme:
    """Tasks that say the same thing, each with the index of the position that wrote it, in the order
    they were met, and the most central of them."""

    tasks: tuple[tuple[int, str], ...]
    wording: str  # the task that shares most with the others, the first on a tie

    @property
    def positions(self) -> int:
        """How many positions wrote a task of this theme."""
        return len(self.tasks)


def themes(task_lists: Iterable[Iterable[str]]) -> list[Theme]:
    """The themes of the tasks of several positions (one list per position), in order of first task.

    Texts equal but for case and spacing are one task of their position. Stems are bits of one integer
    per task, so comparing two tasks is two integer operations: a proposal's members have tens of tasks,
    and a national corpus thousands of proposals.
    """
    bit_of: dict[str, int] = {}
    gathered: list[list[tuple[int, str]]] = []
    masks: list[list[int]] = []  # the stem bits of each theme's tasks, in step with ``gathered``
    first_keys: list[str] = []  # each theme's first task's text, which a task joins when equal to it
    for owner, tasks in enumerate(task_lists):
        for key, text in {_key(t): t for t in tasks}.items():
            mask = 0
            for stem in _stems(text):
                mask |= 1 << bit_of.setdefault(stem, len(bit_of))
            home = next(
                (
                    index
                    for index, first_key in enumerate(first_keys)
                    if gathered[index][-1][0] != owner  # positions come in order: its last is its newest
                    and (key == first_key or _close(mask, masks[index][0]))
                ),
                None,
            )
            if home is None:
                home = len(gathered)
                gathered.append([])
                masks.append([])
                first_keys.append(key)
            gathered[home].append((owner, text))
            masks[home].append(mask)
    return [Theme(tuple(theme), _central(theme, bits)) for theme, bits in zip(gathered, masks, strict=True)]


def _central(theme: list[tuple[int, str]], masks: list[int]) -> str:
    """The task of ``theme`` with the highest summed overlap with the others, the first on a tie."""
    if len(theme) <= 2:  # each of two tasks shares the same with the other: the first wins
        return theme[0][1]
    best = max(range(len(theme)), key=lambda i: (sum(_overlap(masks[i], m) for m in masks), -i))
    return theme[best][1]


def _key(text: str) -> str:
    return " ".join(text.lower().split())


@lru_cache(maxsize=1 << 16)
def _stems(text: str) -> frozenset[str]:
    """Kept per text: a national corpus's proposals share many tasks."""
    return frozenset(word[:STEM_LENGTH] for word in words(text))


def _overlap(a: int, b: int) -> float:
    """The Jaccard index of two stem sets given as bits; 0 for two empty sets."""
    union = (a | b).bit_count()
    return (a & b).bit_count() / union if union else 0.0


def _close(a: int, b: int) -> bool:
    """Whether two tasks share enough stems to be one theme (never two without a content word)."""
    return _overlap(a, b) >= SAME_TASK

"""Tasks of merged positions that say the same thing in other words, found so a proposal can show them.

Positions a merge groups were written by different drafters: "Menulis berita dan siaran pers kegiatan
pimpinan daerah" in one standard is "Menulis berita dan siaran pers kegiatan pemerintah daerah" in
another. Compared as exact text they share nothing, so the proposal's evidence said "no common task" and
its draft listed every wording of every task. Here the tasks are gathered into themes: a task joins the
first theme whose tasks it shares at least half its content words with (by stem, the union counted, as
the Jaccard index), and a theme takes at most one task of each position, so two tasks one drafter wrote
apart stay apart.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from kompiler.graph.similarity import STEM_LENGTH, words

# Two tasks are one theme when at least this share of their stems (intersection over union) is common.
SAME_TASK = 0.5


@dataclass(frozen=True)
class Theme:
    """Tasks that say the same thing, each with the index of the position that wrote it, in the order
    they were met."""

    tasks: tuple[tuple[int, str], ...]

    @property
    def positions(self) -> int:
        """How many positions wrote a task of this theme."""
        return len({owner for owner, _ in self.tasks})

    @property
    def wording(self) -> str:
        """The theme's most central wording: the task that shares most with the others, first on a tie."""
        stems = [_stems(text) for _, text in self.tasks]
        return max(
            enumerate(text for _, text in self.tasks),
            key=lambda it: (sum(_overlap(stems[it[0]], other) for other in stems), -it[0]),
        )[1]


def themes(task_lists: Iterable[Iterable[str]]) -> list[Theme]:
    """The themes of the tasks of several positions (one list per position), in order of first task.

    Texts equal but for case and spacing are one task of their position.
    """
    gathered: list[list[tuple[int, str]]] = []
    keys: list[list[tuple[str, frozenset[str]]]] = []  # of each theme's tasks: its text's key and stems
    for owner, tasks in enumerate(task_lists):
        for key, text in {_key(t): t for t in tasks}.items():
            mine = (key, _stems(text))
            home = next(
                (
                    index
                    for index, theme in enumerate(gathered)
                    if all(o != owner for o, _ in theme) and any(_same(mine, other) for other in keys[index])
                ),
                None,
            )
            if home is None:
                gathered.append([])
                keys.append([])
                home = len(gathered) - 1
            gathered[home].append((owner, text))
            keys[home].append(mine)
    return [Theme(tuple(theme)) for theme in gathered]


def _key(text: str) -> str:
    return " ".join(text.lower().split())


def _same(a: tuple[str, frozenset[str]], b: tuple[str, frozenset[str]]) -> bool:
    """Equal texts, or texts sharing enough stems (never two texts without a content word)."""
    return a[0] == b[0] or _overlap(a[1], b[1]) >= SAME_TASK


def _stems(text: str) -> frozenset[str]:
    return frozenset(word[:STEM_LENGTH] for word in words(text))


def _overlap(a: frozenset[str], b: frozenset[str]) -> float:
    union = len(a | b)
    return len(a & b) / union if union else 0.0

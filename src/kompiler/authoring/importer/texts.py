"""Making the text of every imported file, on two processes where there are two cores.

Each file's text is fmt's canonical form of its values, written by fmt's own dumper, which is pure
Python: at national size (3,000 positions, 13 dictionaries of 999 competencies) making the texts was
two thirds of the import's time. A text depends only on its file's values, so the files are shared
out: a forked child makes about half of them (a share of the estimated cost, taken from the end)
while this process makes the rest, and the child's texts come back through a pipe. Nothing is
written meanwhile: the texts are made in memory before the staging folder exists, so an interrupted
or failed child leaves no file behind.

Where fork is unavailable, on a single core, or for an import too small for a child to pay, every
text is made here, in the same order, with the same result; a child that dies without its result
(killed, out of memory) has its share made here too.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import NamedTuple

from kompiler.runtime.forked import Forked, StageFailed

# Estimated cost (in positions' files) below which a child costs more than it saves: forking it and
# receiving its texts take a few tens of milliseconds, what making 200 positions' files takes.
PARALLEL_FROM = 200


class Job(NamedTuple):
    """What makes one file's text, and an estimate of how long it takes (in positions' files, the most
    numerous)."""

    make: Callable[[], str]
    cost: float


def made(jobs: Mapping[str, Job]) -> dict[str, str]:
    """The text of every job by its relative path, in the order of ``jobs``."""
    total = sum(job.cost for job in jobs.values())
    if total < PARALLEL_FROM:
        return _make(jobs, list(jobs))
    theirs = _child_share(jobs, total)
    shared_out = set(theirs)
    ours = [relative for relative in jobs if relative not in shared_out]
    with Forked(lambda: _make(jobs, theirs)) as child:
        texts = _make(jobs, ours)
        try:
            texts.update(child.result())
        except StageFailed:
            texts.update(_make(jobs, theirs))
    return {relative: texts[relative] for relative in jobs}


def _child_share(jobs: Mapping[str, Job], total: float) -> list[str]:
    """The files the child makes: the last ones, as near half of the estimated cost as whole files go."""
    share: list[str] = []
    cost = 0.0
    for relative, job in reversed(jobs.items()):
        if abs(2 * (cost + job.cost) - total) > abs(2 * cost - total):
            break
        share.append(relative)
        cost += job.cost
    return share


def _make(jobs: Mapping[str, Job], relatives: list[str]) -> dict[str, str]:
    return {relative: jobs[relative].make() for relative in relatives}

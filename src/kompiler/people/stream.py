"""The people stage's runner: an assessment file's chunks in, per-chunk columns out, people on demand.

:class:`People` is built once per corpus and policy; :meth:`People.run` takes the chunks of an
assessment file (:mod:`kompiler.people.table`) and yields, chunk by chunk and in order, the columns of
the match, the plans, the talent classes and the moves — never a Python object per person. Only when a
document or a CSV row shows a person does :meth:`People.report` build their
:class:`~kompiler.people.results.PersonReport`. Memory is bounded by the chunks in flight: the caller
drops a result once it has written what it needs.

The per-chunk work is one picklable function (:class:`Work`), so the chunks can be computed here, on a
local process pool, or on the Dask executor of ``check`` (:func:`kompiler.check.parallel.executor_for`)
for beyond one machine; results come back in file order whatever finishes first.

Moves plug in through :class:`MoveFinder`: columns for a chunk (computed with the rest, in a worker),
then :class:`~kompiler.people.results.Move` objects for one person (built here, with the corpus).
:class:`MobilityMoves` is the finder of :mod:`kompiler.people.moves`.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Executor, Future
from dataclasses import dataclass
from typing import Any, Protocol

from kompiler.diagnostics import Message
from kompiler.model import Corpus
from kompiler.model.entities import DevelopmentPolicy, MatchPolicy, TalentPolicy
from kompiler.people.match import MatchColumns, match_chunk, match_of
from kompiler.people.moves import DEFAULT_MOVES, Mobility, moves_of, top_moves
from kompiler.people.plan import Catalogue, PlanColumns, plan_chunk, plan_of
from kompiler.people.requirements import Requirements
from kompiler.people.results import Move, PersonReport
from kompiler.people.table import Chunk
from kompiler.people.talent import TalentColumns, box_of, talent_chunk

AHEAD_PER_WORKER = 2
"""Chunks submitted ahead of the one being consumed, per worker: enough to keep every worker busy,
few enough that memory stays a handful of chunks."""


class MoveFinder(Protocol):
    """What computes moves: :meth:`columns` runs with the rest of a chunk's work (in a worker, so it
    must pickle without the corpus); :meth:`moves` builds one person's moves from those columns."""

    def columns(self, chunk: Chunk) -> Any: ...

    def moves(self, columns: Any, i: int, chunk: Chunk, corpus: Corpus) -> tuple[Move, ...]: ...


@dataclass(frozen=True)
class MobilityMoves:
    """The top ``count`` moves of :mod:`kompiler.people.moves` as a :class:`MoveFinder`."""

    mobility: Mobility
    requirements: Requirements
    policy: MatchPolicy
    count: int = DEFAULT_MOVES

    def columns(self, chunk: Chunk) -> Any:
        return top_moves(chunk, self.mobility, self.requirements, self.policy, self.count)

    def moves(self, columns: Any, i: int, chunk: Chunk, corpus: Corpus) -> tuple[Move, ...]:
        return moves_of(columns, i, chunk, self.requirements, self.policy, corpus)


class MissingPolicy(ValueError):
    """The development policy lacks a section the requested computation needs."""

    def __init__(self, section: str) -> None:
        self.section = section
        self.message = Message(
            f"kebijakan pengembangan tidak memiliki bagian '{section}' (berkas di folder pengembangan/)",
            f"the development policy has no '{section}' section (a file in the pengembangan/ folder)",
        )
        super().__init__(self.message.en)


@dataclass(frozen=True)
class Columns:
    """What :class:`Work` computes for one chunk (``None`` for what was not asked)."""

    match: MatchColumns
    plans: PlanColumns | None
    talent: TalentColumns | None
    moves: Any | None


@dataclass(frozen=True)
class ChunkResult:
    """One chunk and its columns; ``start`` is the number of people before it in the file."""

    start: int
    chunk: Chunk
    match: MatchColumns
    plans: PlanColumns | None
    talent: TalentColumns | None
    moves: Any | None

    def __len__(self) -> int:
        return len(self.chunk)


@dataclass(frozen=True)
class Work:
    """The per-chunk computation, self-contained and picklable (no corpus, no documents' text)."""

    requirements: Requirements
    match_policy: MatchPolicy
    catalogue: Catalogue | None
    talent_policy: TalentPolicy | None
    finder: MoveFinder | None
    year: int | None

    def __call__(self, chunk: Chunk) -> Columns:
        match = match_chunk(chunk, self.requirements, self.match_policy)
        plans = plan_chunk(chunk, match, self.catalogue, self.year) if self.catalogue else None
        talent = talent_chunk(chunk, self.talent_policy) if self.talent_policy else None
        moves = self.finder.columns(chunk) if self.finder else None
        return Columns(match, plans, talent, moves)


class People:
    """The people stage for one corpus and development policy (see the module).

    ``plans`` computes development plans (needs the ``rencana`` section); talent boxes are computed when
    the policy has a ``talenta`` section; ``moves`` adds each person's moves; ``year`` is the plan year
    (default: each assessment's year + 1). Raises :class:`MissingPolicy` for a missing section.
    """

    def __init__(
        self,
        corpus: Corpus,
        policy: DevelopmentPolicy,
        *,
        plans: bool = True,
        moves: MoveFinder | None = None,
        year: int | None = None,
        requirements: Requirements | None = None,
    ) -> None:
        if policy.match is None:
            raise MissingPolicy("kecocokan")
        if plans and policy.plan is None:
            raise MissingPolicy("rencana")
        self.corpus = corpus
        self.policy = policy
        self.requirements = requirements or Requirements.of(corpus)
        self.catalogue = Catalogue.of(policy, self.requirements.index) if plans else None
        self.finder = moves
        self.work = Work(self.requirements, policy.match, self.catalogue, policy.talent, moves, year)

    def run(
        self, chunks: Iterable[Chunk], executor: Executor | None = None, workers: int = 1
    ) -> Iterator[ChunkResult]:
        """The columns of every chunk, in order (see :func:`run`)."""
        return run(self.work, chunks, executor, workers)

    def report(self, result: ChunkResult, i: int) -> PersonReport:
        """Person ``i`` of ``result`` as a :class:`PersonReport`."""
        chunk = result.chunk
        position = int(chunk.position[i])
        purpose = chunk.purposes[i]
        match = match_of(
            result.match, i, position, purpose, self.requirements, self.policy.match, self.corpus
        )
        plan = (
            plan_of(
                result.plans, i, result.match, self.catalogue, self.policy, self.requirements, self.corpus
            )
            if result.plans is not None and self.catalogue is not None
            else None
        )
        moves = (
            self.finder.moves(result.moves, i, chunk, self.corpus)
            if self.finder and result.moves is not None
            else ()
        )
        talent = (
            box_of(result.talent, i, self.policy.talent) if result.talent and self.policy.talent else None
        )
        return PersonReport(
            person=chunk.people[i],
            position=match.position,
            date=chunk.dates[i],
            purpose=purpose,
            match=match,
            plan=plan,
            moves=moves,
            talent_box=talent,
        )


def run(
    work: Callable[[Chunk], Columns],
    chunks: Iterable[Chunk],
    executor: Executor | None = None,
    workers: int = 1,
) -> Iterator[ChunkResult]:
    """``work`` over every chunk, results in file order; on ``executor`` (with ``workers`` workers) when
    given, with at most :data:`AHEAD_PER_WORKER` chunks per worker in flight."""
    start = 0
    if executor is None:
        for chunk in chunks:
            yield _result(start, chunk, work(chunk))
            start += len(chunk)
        return
    pending: deque[tuple[Chunk, Future[Columns]]] = deque()
    limit = max(1, workers) * AHEAD_PER_WORKER
    for chunk in chunks:
        pending.append((chunk, executor.submit(work, chunk)))
        while len(pending) >= limit:
            done, future = pending.popleft()
            yield _result(start, done, future.result())
            start += len(done)
    while pending:
        done, future = pending.popleft()
        yield _result(start, done, future.result())
        start += len(done)


def _result(start: int, chunk: Chunk, columns: Columns) -> ChunkResult:
    return ChunkResult(start, chunk, columns.match, columns.plans, columns.talent, columns.moves)

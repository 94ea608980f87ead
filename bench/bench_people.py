"""Time the people stage at national scale: gaps, 20-JP plans and top-10 moves for a million people.

On a generated corpus (``bench/generate.py``, 50,000 positions) the benchmark builds what the stage
needs once per corpus (the requirement arrays, the learning catalogue, the relatedness of every position
and the kind of every move), then streams the people through the stage's runner
(:mod:`kompiler.people.stream`, as ``kompiler people`` runs it) in chunks on a pool of forked processes
(one per core): every chunk is matched against its positions (gaps and match percentage), planned
(Rencana Pengembangan Kompetensi) and given its ten best moves; the main process receives each chunk's
columns in file order and keeps counts of them, so memory holds the chunks in flight only.
Wall time and peak memory are measured for the whole (memory as the proportional set size of this
process and its workers together, sampled every 0.2 s, so pages shared after the fork count once).

People come from an assessment file (``--assessments``, read by :mod:`kompiler.people.assessment`) or
are generated in memory (the default): each holds a random position and is assessed on its required
competencies at the required level plus an offset from -2 to +1 (clipped to 1–5), one score in twenty
missing, half of them for ``pengisian`` and half for ``pemetaan``.

The policy is the shipped one (``standards/pengembangan``); since the generated corpus' technical
competencies are not in the shipped catalogue, each gets the activities the catalogue gives one shipped
technical competency (same forms, JP and levels), so every gap has activities in all three buckets.

    python bench/generate.py --positions 50000 /tmp/c50k
    nice python bench/bench_people.py /tmp/c50k --people 1000000 [--workers 2] [--json]
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import sys
import threading
import time
from collections import Counter
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from run import _tree_pss_kb

REPO = Path(__file__).resolve().parents[1]
TEMPLATE_COMPETENCY = "T.HUMAS.02"  # the shipped competency whose activities every generated one gets
_STATE: dict[str, Any] = {}  # the requirement arrays that generated_chunk draws people from


def policy_for(corpus) -> Any:
    """The shipped development policy with the catalogue extended to ``corpus``' technical competencies."""
    from kompiler.model import CompetencyType
    from kompiler.model.entities import Develops
    from kompiler.pipeline import compile_path

    shipped = compile_path(REPO / "standards").corpus.development
    template = [
        a for a in shipped.catalogue.values() if any(d.competency == TEMPLATE_COMPETENCY for d in a.develops)
    ]
    catalogue = dict(shipped.catalogue)
    for code, competency in corpus.competencies.items():
        if competency.type != CompetencyType.TECHNICAL or code in shipped.catalogue:
            continue
        for activity in template:
            level = max(d.level for d in activity.develops)
            suffix = activity.code.rsplit(".", 1)[-1]
            catalogue[f"KAT.{code}.{suffix}"] = replace(
                activity,
                code=f"KAT.{code}.{suffix}",
                name=f"{activity.name} ({competency.name})",
                develops=(Develops(code, level),),
            )
    return replace(shipped, catalogue=catalogue)


def generated_chunk(number: int, size: int, seed: int):
    """Chunk ``number`` of the generated people: deterministic for a seed, whichever worker makes it."""
    from kompiler.people.table import Chunk

    requirements = _STATE["requirements"]
    index = requirements.index
    rng = np.random.default_rng((seed, number))
    position = rng.integers(0, len(index.positions), size)
    competency = requirements.competency[position]
    mask = competency >= 0
    actual = np.clip(requirements.level[position] + rng.integers(-2, 2, competency.shape), 1, 5)
    actual[rng.random(competency.shape) < 0.05] = np.nan
    levels = np.full((size, len(index.competencies)), np.nan, dtype=np.float32)
    rows = np.repeat(np.arange(size), mask.sum(axis=1))
    levels[rows, competency[mask]] = actual[mask]
    first = number * size
    return Chunk(
        people=tuple(f"P-{first + i:07d}" for i in range(size)),
        position=position,
        levels=levels,
        dates=("2026-06-01",) * size,
        purposes=tuple(np.where(np.arange(size) % 2 == 0, "pengisian", "pemetaan").tolist()),
        performance=np.full(size, np.nan),
        potential=np.full(size, np.nan),
        rows=np.arange(first + 2, first + size + 2),
    )


def counts(result) -> Counter[str]:
    """What the benchmark keeps of a chunk's columns: counts only, so memory stays a few chunks."""
    moves = result.moves
    offered = moves.position >= 0
    kinds = np.bincount(moves.kind[offered], minlength=3)
    return Counter(
        people=len(result),
        with_gap=int(result.match.has_gap.sum()),
        match_sum=float(np.nansum(result.match.percentage)),
        plans_meeting_minimum=int(result.plans.person("meets_minimum").sum()),
        plans_balanced=int(result.plans.person("balanced").sum()),
        moves=int(offered.sum()),
        people_with_moves=int(offered.any(axis=1).sum()),
        people_with_10_moves=int(offered.all(axis=1).sum()),
        horizontal=int(kinds[0]),
        vertical=int(kinds[1]),
        diagonal=int(kinds[2]),
        by_equivalence=int(moves.by_equivalence[offered].sum()),
    )


def generated(people: int, chunk_size: int, seed: int):
    for number in range(-(-people // chunk_size)):
        yield generated_chunk(number, min(chunk_size, people - number * chunk_size), seed)


def run(corpus_path: Path, people: int, chunk_size: int, workers: int, seed: int, assessments: Path | None):

    from kompiler.people.assessment import read_assessments
    from kompiler.people.moves import Mobility
    from kompiler.people.requirements import Requirements
    from kompiler.people.stream import MobilityMoves, People
    from kompiler.people.stream import run as run_stage
    from kompiler.people.table import Index
    from kompiler.pipeline import compile_path
    from kompiler.runtime.processes import inherited_pool

    report: dict[str, Any] = {"workers": workers}
    with Sampler() as sampler:
        started = time.perf_counter()
        corpus = compile_path(corpus_path.resolve()).corpus
        report["seconds_compile"] = round(time.perf_counter() - started, 2)
        report["positions"] = len(corpus.positions)
        report["competencies"] = len(corpus.competencies)
        gc.freeze()  # the corpus lives as long as the run: keep the collector off its objects

        started = time.perf_counter()
        index = Index.of(corpus)
        policy = policy_for(corpus)
        requirements = _STATE["requirements"] = Requirements.of(corpus, index)
        mobility = Mobility.of(corpus, policy.equivalences)
        report["seconds_relatedness"] = round(time.perf_counter() - started, 2)
        table = mobility.relatedness
        report["positions_without_related"] = (
            int((table.neighbours[:, 0] < 0).sum()) if table.neighbours.size else 0
        )
        stage = People(
            corpus,
            policy,
            moves=MobilityMoves(mobility, requirements, policy.match),
            requirements=requirements,
        )
        report["seconds_setup"] = round(time.perf_counter() - started, 2)
        report["peak_mb_before_people"] = round(sampler.peak_kb / 1024)

        started = time.perf_counter()
        if assessments is not None:
            source = read_assessments(assessments, index).chunks()
        else:
            source = generated(people, chunk_size, seed)
        totals: Counter[str] = Counter()
        if workers >= 2:
            with inherited_pool(stage.work, workers) as (executor, work):
                for result in run_stage(work, source, executor, workers):
                    totals.update(counts(result))
        else:
            for result in stage.run(source):
                totals.update(counts(result))
        report["seconds_people"] = round(time.perf_counter() - started, 2)
    report["seconds_people_stage"] = round(report["seconds_setup"] + report["seconds_people"], 2)
    report["peak_mb_all_processes"] = round(sampler.peak_kb / 1024)
    report["counts"] = dict(totals)
    report["mean_match"] = round(totals["match_sum"] / max(1, totals["people"]), 2)
    return report


class Sampler:
    """The peak proportional set size of this process and its children, every 0.2 s."""

    def __init__(self) -> None:
        self.peak_kb = 0
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._done.wait(0.2):
            self.peak_kb = max(self.peak_kb, _tree_pss_kb(os.getpid()))

    def __enter__(self) -> Sampler:
        self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._done.set()
        self._thread.join()
        self.peak_kb = max(self.peak_kb, _tree_pss_kb(os.getpid()))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("corpus", type=Path, help="a project written by bench/generate.py")
    parser.add_argument("--people", type=int, default=1_000_000, help="generated people (default 1,000,000)")
    parser.add_argument("--assessments", type=Path, help="read people from this assessment file instead")
    parser.add_argument("--chunk", type=int, default=16_384, help="people per generated chunk")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    report = run(args.corpus, args.people, args.chunk, args.workers, args.seed, args.assessments)
    if args.json:
        print(json.dumps(report, indent=2))
        return 0
    for key, value in report.items():
        print(f"{key:32} {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

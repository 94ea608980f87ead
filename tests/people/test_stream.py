"""The runner: chunks in order, the same results serial or on an executor, people built on demand."""

from __future__ import annotations

import pickle
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np
import pytest

from kompiler.model.entities import DevelopmentPolicy
from kompiler.people.moves import Mobility
from kompiler.people.results import Move, MoveKind
from kompiler.people.stream import MissingPolicy, MobilityMoves, People
from kompiler.people.talent import TalentBox
from kompiler.pipeline import compile_path
from tests.conftest import REPO, add_twin_position
from tests.people.engine_helpers import catalogue_like_the_default, chunk, development

POSITION = "NTB.JF.AKPD.MUDA"
TWIN = "NTB.JF.AKPD.KEDUA"


@pytest.fixture
def corpus(minimal_project: Path):
    add_twin_position(minimal_project, TWIN, lambda d: d["kompetensi"]["teknis"][0].update({"level": 4}))
    result = compile_path(minimal_project)
    assert result.ok, result.diagnostics
    return result.corpus


def policy_for(corpus) -> DevelopmentPolicy:
    return development(catalogue_like_the_default(tuple(sorted(corpus.competencies))))


def people(runner: People, count: int = 12):
    index = runner.requirements.index
    rng = np.random.default_rng(3)
    rows = []
    for k in range(count):
        scores = {c: int(rng.integers(1, 5)) for c in index.competencies if rng.random() < 0.9}
        rows.append((POSITION if k % 3 else TWIN, scores))
    performance = [float(k % 4) + 0.5 for k in range(count)]
    return chunk(index, rows, performance=performance, potential=[3.0] * count)


def split(whole, sizes):
    parts, at = [], 0
    for size in sizes:
        part = {k: (v[at : at + size] if hasattr(v, "__len__") else v) for k, v in whole.__dict__.items()}
        parts.append(type(whole)(**part))
        at += size
    return parts


def test_reports_are_built_on_demand_from_the_columns(corpus) -> None:
    runner = People(corpus, policy_for(corpus))
    whole = people(runner)
    (result,) = list(runner.run([whole]))
    assert result.start == 0 and len(result) == 12
    report = runner.report(result, 1)
    assert report.person == "P-0002" and report.position == POSITION and report.purpose == "pengisian"
    assert report.match.percentage == result.match.percentage[1]
    assert len(report.match.gaps) == 11 and report.plan is not None and report.plan.meets_minimum
    assert report.moves == () and report.talent_box == TalentBox(None, "Kotak 1-3")
    assert all(item.year == 2027 for item in report.plan.items)


def test_chunking_and_executors_change_nothing(corpus) -> None:
    runner = People(corpus, policy_for(corpus), year=2028)
    whole = people(runner)
    (alone,) = list(runner.run([whole]))
    expected = [runner.report(alone, i) for i in range(len(whole))]
    assert {item.year for report in expected for item in report.plan.items} == {2028}
    parts = split(whole, (5, 4, 3))
    serial = list(runner.run(parts))
    assert [r.start for r in serial] == [0, 5, 9]
    with ThreadPoolExecutor(2) as pool:
        threaded = list(runner.run(parts, pool, workers=2))
    for results in (serial, threaded):
        assert [runner.report(r, i) for r in results for i in range(len(r))] == expected
    assert pickle.loads(pickle.dumps(runner.work)).catalogue.activities == runner.catalogue.activities


class Sideways:
    """A finder that proposes, for everyone, the other position of the corpus."""

    def __init__(self, other: dict[int, int]) -> None:
        self.other = other

    def columns(self, chunk):
        return np.array([self.other[int(p)] for p in chunk.position])

    def moves(self, columns, i, chunk, corpus):
        code = sorted(corpus.positions)[int(columns[i])]
        return (Move(code, corpus.positions[code].name, "", 1.0, 0.0, 0.0, MoveKind.HORIZONTAL, False, ()),)


def test_moves_plug_in_through_the_finder(corpus) -> None:
    policy = policy_for(corpus)
    runner = People(corpus, policy, plans=False, moves=Sideways({0: 1, 1: 0}))
    (result,) = list(runner.run([people(runner, 3)]))
    report = runner.report(result, 1)
    assert report.plan is None and [m.position for m in report.moves] == [TWIN]
    assert [m.position for m in runner.report(result, 0).moves] == [POSITION]


def test_the_moves_module_is_a_finder(corpus) -> None:
    policy = policy_for(corpus)
    probe = People(corpus, policy, plans=False)
    finder = MobilityMoves(Mobility.of(corpus, ()), probe.requirements, policy.match)
    runner = People(corpus, policy, plans=False, moves=finder)
    (result,) = list(runner.run([people(runner, 3)]))
    assert result.moves.position.shape == (3, finder.count)
    assert runner.report(result, 1).moves == tuple(finder.moves(result.moves, 1, result.chunk, corpus))
    assert pickle.loads(pickle.dumps(runner.work)).finder.count == finder.count


def test_a_missing_policy_section_is_named(corpus) -> None:
    policy = policy_for(corpus)
    no_plan = DevelopmentPolicy(policy.match, None, None, policy.forms, policy.catalogue, ())
    with pytest.raises(MissingPolicy) as caught:
        People(corpus, no_plan)
    assert caught.value.section == "rencana" and "rencana" in caught.value.message.id
    assert People(corpus, no_plan, plans=False).catalogue is None
    with pytest.raises(MissingPolicy, match="kecocokan"):
        People(corpus, DevelopmentPolicy(None, None, None, {}, {}, ()))


def test_the_default_corpus_and_its_shipped_policy_plan_every_single_gap() -> None:
    """One person per position and requirement with a gap of every size there, plus one who meets all:
    the shipped catalogue covers every gap, and every plan reaches 20 JP split 10:20:70 within the tolerance."""
    result = compile_path(REPO / "standards")
    assert result.ok, result.diagnostics
    corpus = result.corpus
    runner = People(corpus, corpus.development)
    rows = []
    for code in runner.requirements.index.positions:
        met = {r.code: r.level for r in corpus.positions[code].requirements}
        rows.append((code, met))
        rows += [
            (code, {**met, r.code: level})
            for r in corpus.positions[code].requirements
            for level in range(1, r.level)
        ]
    (found,) = list(runner.run([chunk(runner.requirements.index, rows)]))
    assert found.plans.person("meets_minimum").all()
    assert found.plans.person("balanced").all()
    assert not found.plans.uncovered.any()
    assert len(found.plans.total_jp) < len(rows) / 4  # people share plans by signature

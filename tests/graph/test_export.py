"""The graph files: GraphML and node-link JSON that networkx reads back whole, written the same every time."""

from __future__ import annotations

import io
import json
from pathlib import Path

import networkx as nx
import numpy as np
import pytest
import yaml

from kompiler.graph import export
from kompiler.graph.export import write_graph_files
from kompiler.graph.merge import run_merge
from kompiler.graph.structure import SimilarityEdges, build_graph, similarity_edges
from kompiler.pipeline import compile_path


def _read_graphml(data: bytes) -> nx.DiGraph:
    return nx.read_graphml(io.BytesIO(data))


def _read_json(data: bytes) -> nx.DiGraph:
    return nx.node_link_graph(json.loads(data), edges="edges")


def _exports(graph: nx.DiGraph, similar: SimilarityEdges) -> tuple[bytes, bytes]:
    graphml, node_link = io.BytesIO(), io.BytesIO()
    write_graph_files(graph, similar, graphml, node_link)
    return graphml.getvalue(), node_link.getvalue()


def _edges(graph: nx.DiGraph) -> dict[tuple[str, str], dict]:
    return {(u, v): data for u, v, data in graph.edges(data=True)}


@pytest.fixture
def merged(planted_project: Path):
    result = compile_path(planted_project)
    assert result.ok
    return result.corpus, run_merge(result.corpus)


def test_both_files_read_back_as_the_structural_graph_plus_every_similarity_pair(merged) -> None:
    corpus, merge = merged
    graph = build_graph(corpus, merge)
    sims = merge.similarities
    graphml, node_link = _exports(graph, similarity_edges(sims))
    expected = _edges(graph)
    for k, (a, b) in enumerate(zip(sims.left.tolist(), sims.right.tolist(), strict=True)):
        expected[(f"jabatan:{sims.codes[a]}", f"jabatan:{sims.codes[b]}")] = {
            "relasi": "mirip",
            "skor": round(float(sims.score[k]), 4),
            "bukti": {name: round(float(values[k]), 4) for name, values in sorted(sims.components.items())},
        }
    assert len(sims.score) > 0
    from_json = _read_json(node_link)
    assert from_json.is_directed()
    assert dict(from_json.nodes(data=True)) == dict(graph.nodes(data=True))
    assert _edges(from_json) == expected
    from_graphml = _read_graphml(graphml)
    assert dict(from_graphml.nodes(data=True)) == dict(graph.nodes(data=True))
    decoded = {
        pair: {**data, "bukti": json.loads(data["bukti"])} if "bukti" in data else data
        for pair, data in _edges(from_graphml).items()
    }
    assert decoded == expected
    assert from_graphml.nodes["jabatan:NTB.AK.01"]["komunitas"] >= 0
    levels = [d["level"] for d in expected.values() if d["relasi"] == "mensyaratkan"]
    assert levels and all(isinstance(level, int) for level in levels)


def test_the_structural_graph_holds_every_kind_of_node_and_relation(merged) -> None:
    corpus, merge = merged
    graph = build_graph(corpus, merge)
    kinds = {data["jenis"] for _, data in graph.nodes(data=True)}
    assert kinds == {"jabatan", "kompetensi", "rumpun", "jenjang", "unit"}
    relations = {data["relasi"] for _, _, data in graph.edges(data=True)}
    assert {"mensyaratkan", "anggota_rumpun", "induk", "berjenjang", "di_unit"} <= relations


def test_text_that_is_markup_in_xml_or_json_reads_back_as_written() -> None:
    graph = nx.DiGraph()
    awkward = 'Analis <b>&amp;</b> "Mutu"\tbaris\r\nbaru é ✓ \u2028'
    graph.add_node("jabatan:A&B", jenis="jabatan", kode="A&B", nama=awkward, komunitas=3)
    graph.add_node('unit:"<x>"', jenis="unit", kode='"<x>"', nama=awkward)
    graph.add_node("jabatan:C", jenis="jabatan", kode="C", nama="C", komunitas=-1)
    graph.add_edge("jabatan:A&B", 'unit:"<x>"', relasi="di_unit")
    similar = SimilarityEdges(
        codes=["A&B", "C"],
        left=np.array([0]),
        right=np.array([1]),
        score=np.array([0.123456]),
        components={"nama": np.array([1.0]), "kompetensi": np.array([1 / 3])},
    )
    graphml, node_link = _exports(graph, similar)
    for read, bukti in ((_read_graphml(graphml), json.dumps), (_read_json(node_link), lambda value: value)):
        assert dict(read.nodes(data=True)) == dict(graph.nodes(data=True))
        assert _edges(read) == {
            ("jabatan:A&B", 'unit:"<x>"'): {"relasi": "di_unit"},
            ("jabatan:A&B", "jabatan:C"): {
                "relasi": "mirip",
                "skor": 0.1235,
                "bukti": bukti({"kompetensi": 0.3333, "nama": 1.0}),
            },
        }


def test_equal_values_of_different_types_are_written_each_as_its_own_type() -> None:
    # 1, 1.0 and True are equal in Python; each edge must still carry the type it was given.
    graph = nx.DiGraph()
    for name in "abcd":
        graph.add_node(name)
    graph.add_edge("a", "b", nilai=1)
    graph.add_edge("a", "c", nilai=1.0)
    graph.add_edge("b", "d", nilai=True)
    graph.add_edge("c", "d", nilai=1)
    empty = SimilarityEdges([], np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64), np.zeros(0), {})
    _, node_link = _exports(graph, empty)
    written = {(u, v): data["nilai"] for u, v, data in _read_json(node_link).edges(data=True)}
    assert [(edge, type(value)) for edge, value in written.items()] == [
        (("a", "b"), int),
        (("a", "c"), float),
        (("b", "d"), bool),
        (("c", "d"), int),
    ]


def test_an_empty_graph_is_still_a_valid_file() -> None:
    empty = SimilarityEdges([], np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64), np.zeros(0), {})
    graphml, node_link = _exports(nx.DiGraph(), empty)
    assert _read_graphml(graphml).number_of_nodes() == 0
    assert _read_json(node_link).number_of_edges() == 0


def test_same_standards_give_the_same_bytes(merged, planted_project: Path) -> None:
    corpus, merge = merged
    first = _exports(build_graph(corpus, merge), similarity_edges(merge.similarities))
    again = compile_path(planted_project).corpus
    second_merge = run_merge(again)
    assert _exports(build_graph(again, second_merge), similarity_edges(second_merge.similarities)) == first


def test_a_score_that_is_not_a_number_is_refused_rather_than_written() -> None:
    similar = SimilarityEdges(["A", "B"], np.array([0]), np.array([1]), np.array([np.nan]), {})
    with pytest.raises(ValueError):
        _exports(nx.DiGraph(), similar)


def test_the_files_do_not_depend_on_how_many_pairs_are_formatted_at_a_time(
    merged, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus, merge = merged
    graph, similar = build_graph(corpus, merge), similarity_edges(merge.similarities)
    whole = _exports(graph, similar)
    monkeypatch.setattr(export, "_PAIRS", 2)
    assert _exports(graph, similar) == whole


def test_requirement_edges_carry_the_importance_where_it_is_rated(planted_project: Path) -> None:
    path = planted_project / "jabatan" / "ntb.ak.01.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["kompetensi"]["teknis"][0]["kepentingan"] = 4
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    result = compile_path(planted_project)
    assert result.ok, [d.message.en for d in result.diagnostics]
    merge = run_merge(result.corpus)
    graphml, node_link = _exports(build_graph(result.corpus, merge), similarity_edges(merge.similarities))
    for graph in (_read_graphml(graphml), _read_json(node_link)):
        rated = [(u, v, d["kepentingan"]) for u, v, d in graph.edges(data=True) if "kepentingan" in d]
        assert rated == [("jabatan:NTB.AK.01", "kompetensi:T.KEU.01", 4.0)]


def test_large_blocks_are_written_as_they_come_not_gathered_to_the_end() -> None:
    writes: list[int] = []

    class Recording(io.BytesIO):
        def write(self, data: bytes) -> int:  # type: ignore[override]
            writes.append(len(data))
            return super().write(data)

    lines = export._Lines(Recording())
    block = "x" * export._CHARACTERS
    for _ in range(3):
        lines.add(block)
    assert writes == [export._CHARACTERS] * 3

"""The job-family graph: one networkx graph of the compiled model and its similarity edges.

Nodes are typed (``jenis``: jabatan, kompetensi, rumpun, jenjang, unit) and keyed ``<jenis>:<code>`` so
codes of different kinds never collide. Edges carry a ``relasi``: ``mensyaratkan`` (position → competency,
with the level), ``anggota_rumpun`` (position → family), ``induk`` (family → parent family),
``berjenjang`` (position → grade), ``di_unit`` (position → unit) and ``mirip`` (position ↔ position, with
the score and its evidence per component). GraphML holds only scalars, so evidence is a JSON string there.
"""

from __future__ import annotations

import json
from typing import Any, BinaryIO

import networkx as nx
import numpy as np

from kompiler.graph.merge import MergeResult
from kompiler.model import Corpus


def node(kind: str, code: str) -> str:
    return f"{kind}:{code}"


def build_graph(corpus: Corpus, merge: MergeResult) -> nx.DiGraph:
    graph = nx.DiGraph()
    community = dict(zip(merge.similarities.codes, merge.communities.tolist(), strict=True))
    for code in sorted(corpus.grades):
        grade = corpus.grades[code]
        graph.add_node(
            node("jenjang", code), jenis="jenjang", kode=code, nama=grade.name, jenis_jabatan=grade.kind.value
        )
    for code in sorted(corpus.families):
        family = corpus.families[code]
        graph.add_node(node("rumpun", code), jenis="rumpun", kode=code, nama=family.name)
    for code in sorted(corpus.families):
        parent = corpus.families[code].parent
        if parent and parent in corpus.families:
            graph.add_edge(node("rumpun", code), node("rumpun", parent), relasi="induk")
    for code in sorted(corpus.competencies):
        competency = corpus.competencies[code]
        graph.add_node(
            node("kompetensi", code),
            jenis="kompetensi",
            kode=code,
            nama=competency.name,
            jenis_kompetensi=competency.type.value,
            bidang=competency.field or "",
        )
    requirement_edges: list[tuple[str, str, dict[str, Any]]] = []
    for code in sorted(corpus.positions):
        position = corpus.positions[code]
        here = node("jabatan", code)
        graph.add_node(
            here,
            jenis="jabatan",
            kode=code,
            nama=position.name,
            jenis_jabatan=position.kind.value,
            klasifikasi=position.classification or "",
            komunitas=int(community.get(code, -1)),
        )
        if position.grade in corpus.grades:
            graph.add_edge(here, node("jenjang", position.grade), relasi="berjenjang")
        if position.family in corpus.families:
            graph.add_edge(here, node("rumpun", position.family), relasi="anggota_rumpun")
        unit = node("unit", position.unit)
        if unit not in graph:
            graph.add_node(unit, jenis="unit", kode=position.unit, nama=position.unit)
        graph.add_edge(here, unit, relasi="di_unit")
        requirement_edges.extend(
            (
                here,
                node("kompetensi", r.code),
                {"relasi": "mensyaratkan", "level": r.level, "jenis_kompetensi": r.type.value},
            )
            for r in position.requirements
            if r.code in corpus.competencies
        )
    graph.add_edges_from(requirement_edges)
    sims = merge.similarities
    codes = sims.codes
    names = sorted(sims.components)
    columns = [np.round(sims.components[name], 4).tolist() for name in names]
    scores = np.round(sims.score, 4).tolist()
    graph.add_edges_from(
        (
            node("jabatan", codes[a]),
            node("jabatan", codes[b]),
            {
                "relasi": "mirip",
                "skor": scores[k],
                "bukti": json.dumps(dict(zip(names, (column[k] for column in columns), strict=True))),
            },
        )
        for k, (a, b) in enumerate(zip(sims.left.tolist(), sims.right.tolist(), strict=True))
    )
    return graph


def graph_json(graph: nx.DiGraph) -> dict[str, Any]:
    """Node-link JSON with the evidence decoded back into an object."""
    data = nx.node_link_data(graph, edges="edges")
    for edge in data["edges"]:
        if "bukti" in edge:
            edge["bukti"] = json.loads(edge["bukti"])
    return data


def write_graphml(graph: nx.DiGraph, stream: BinaryIO) -> None:
    nx.write_graphml(graph, stream, encoding="utf-8", prettyprint=True)

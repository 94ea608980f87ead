"""The job-family graph: a networkx graph of the compiled model, and the similarity edges beside it.

Nodes are typed (``jenis``: jabatan, kompetensi, rumpun, jenjang, unit) and keyed ``<jenis>:<code>`` so
codes of different kinds never collide. Edges carry a ``relasi``: ``mensyaratkan`` (position → competency,
with the level and, where rated, the importance), ``anggota_rumpun`` (position → family), ``induk`` (family → parent family),
``berjenjang`` (position → grade), ``di_unit`` (position → unit) and ``mirip`` (position ↔ position, with
the score and its evidence per component).

The ``mirip`` edges are not put into the networkx graph: a 50,000-position corpus has about a million of
them, which as networkx edges with attribute dictionaries took gigabytes. They stay in the merge stage's
arrays (:class:`SimilarityEdges`) and :mod:`kompiler.graph.export` writes them from there.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

import networkx as nx
import numpy as np

from kompiler.graph.merge import MergeResult
from kompiler.graph.similarity import Similarities
from kompiler.model import CompetencyType, Corpus


def node(kind: str, code: str) -> str:
    return f"{kind}:{code}"


def build_graph(corpus: Corpus, merge: MergeResult) -> nx.DiGraph:
    """The structural graph: every node, and every edge except the ``mirip`` ones (see the module)."""
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
        # Added as they are made: three quarters of a million edge tuples kept in a list until the end
        # made the cyclic garbage collector walk them again and again (1.5 s at 50,000 positions).
        graph.add_edges_from(
            (here, node("kompetensi", r.code), _requirement_edge(r.level, r.type, r.importance))
            for r in position.requirements
            if r.code in corpus.competencies
        )
    return graph


@cache
def _requirement_edge(level: int, type_: CompetencyType, importance: float | None) -> dict[str, Any]:
    """A ``mensyaratkan`` edge: the level, the kind of competency, and the importance where it is rated.

    A national corpus has a million requirements but a few dozen distinct edges, so each is made once;
    networkx copies the attributes into every edge of its own.
    """
    data: dict[str, Any] = {"relasi": "mensyaratkan", "level": level, "jenis_kompetensi": type_.value}
    if importance is not None:
        data["kepentingan"] = float(importance)
    return data


@dataclass(frozen=True)
class SimilarityEdges:
    """The ``mirip`` edges an export carries: pairs ``(codes[left[k]], codes[right[k]])``, each with its
    score and its evidence per component, in the merge stage's pair order."""

    codes: Sequence[str]
    left: np.ndarray
    right: np.ndarray
    score: np.ndarray
    components: dict[str, np.ndarray]

    def __len__(self) -> int:
        return len(self.score)


def similarity_edges(sims: Similarities) -> SimilarityEdges:
    """Every scored pair of the merge stage, as the graph files carry them."""
    return SimilarityEdges(sims.codes, sims.left, sims.right, sims.score, sims.components)

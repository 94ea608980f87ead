"""The graph files of a build, GraphML and node-link JSON, written as they are produced.

Each file holds the structural graph (a networkx graph, :func:`~kompiler.graph.build.build_graph`) and
the similarity edges (:class:`~kompiler.graph.build.SimilarityEdges`, arrays of the merge stage). A large
corpus has about a million similarity edges: networkx's own writers needed them as networkx edges with
attribute dictionaries and built each whole document in memory (4 GB at 50,000 positions). Here every
node and edge is formatted straight into the files, one per line, so memory stays flat and a diff of two
builds shows the changed edges; both files are written in one pass, so each similarity edge is formatted
once. The files are what networkx reads back: ``nx.read_graphml(path)`` and
``nx.node_link_graph(json.load(f), edges="edges")``.

Order is the structural graph's insertion order, then the similarity pairs' order, so the same standards
always give the same bytes. GraphML holds only scalars, so a similarity edge's evidence is a JSON string
there and an object in the JSON file.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any, BinaryIO

import networkx as nx
import numpy as np

from kompiler.graph.build import SimilarityEdges, node

SIMILAR = "mirip"
_LINES = 1 << 14  # lines gathered before each write
_PAIRS = 1 << 16  # similarity pairs turned into Python numbers at a time, not a million at once
_GRAPHML_TYPES = {bool: "boolean", int: "long", float: "double", str: "string"}
_GRAPHML_HEADER = (
    "<?xml version='1.0' encoding='utf-8'?>\n"
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" '
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
    'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns '
    'http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">\n'
)
_TEXT_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", "\r": "&#13;"})
_ATTRIBUTE_ESCAPES = str.maketrans(
    {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "\r": "&#13;", "\n": "&#10;", "\t": "&#9;"}
)


class _Escaped(dict[str, str]):
    """Text escaped once per distinct string: node ids and most values recur on many lines."""

    def __init__(self, table: dict[int, str]) -> None:
        super().__init__()
        self.table = table

    def __missing__(self, text: str) -> str:
        value = self[text] = text.translate(self.table)
        return value


class _Lines:
    """Lines gathered and written to a binary stream as UTF-8 in batches."""

    def __init__(self, stream: BinaryIO) -> None:
        self.stream = stream
        self.batch: list[str] = []

    def add(self, line: str) -> None:
        self.batch.append(line)
        if len(self.batch) >= _LINES:
            self.flush()

    def flush(self) -> None:
        self.stream.write("".join(self.batch).encode("utf-8"))
        self.batch.clear()


def _graphml_keys(graph: nx.DiGraph) -> dict[tuple[str, str], tuple[str, str]]:
    """``(for, name) → (key id, type)`` of every attribute, in order of first use; nodes first."""
    keys: dict[tuple[str, str], tuple[str, str]] = {}

    def declare(domain: str, name: str, value: Any) -> None:
        if (domain, name) not in keys:
            keys[(domain, name)] = (f"d{len(keys)}", _GRAPHML_TYPES[type(value)])

    for _, data in graph.nodes(data=True):
        for name, value in data.items():
            declare("node", name, value)
    for _, _, data in graph.edges(data=True):
        for name, value in data.items():
            declare("edge", name, value)
    declare("edge", "relasi", SIMILAR)
    declare("edge", "skor", 0.0)
    declare("edge", "bukti", "")
    return keys


def _graphml_head(graph: nx.DiGraph, keys: dict[tuple[str, str], tuple[str, str]]) -> str:
    declarations = "".join(
        f'<key id="{key}" for="{domain}" attr.name="{name.translate(_ATTRIBUTE_ESCAPES)}" '
        f'attr.type="{kind}"/>\n'
        for (domain, name), (key, kind) in keys.items()
    )
    direction = "directed" if graph.is_directed() else "undirected"
    return f'{_GRAPHML_HEADER}{declarations}<graph edgedefault="{direction}">\n'


def _structure(
    graph: nx.DiGraph, keys: dict[tuple[str, str], tuple[str, str]]
) -> tuple[Iterator[tuple[str, str]], Iterator[tuple[str, str]]]:
    """The structural graph's nodes and its edges, each as a GraphML line and a JSON line.

    Edges repeat a few attribute sets (a relation, a level, a kind of competency) hundreds of
    thousands of times, so each set is formatted once; node ids are escaped once.
    """
    texts = _Escaped(_TEXT_ESCAPES)
    xml_ids = _Escaped(_ATTRIBUTE_ESCAPES)
    json_ids: dict[Any, str] = {}
    node_keys = {name: f'<data key="{key}">' for (domain, name), (key, _) in keys.items() if domain == "node"}
    edge_keys = {name: f'<data key="{key}">' for (domain, name), (key, _) in keys.items() if domain == "edge"}

    def fields(data: dict[str, Any], opening: dict[str, str]) -> str:
        return "".join(
            f"{opening[name]}{_graphml_value(value, texts)}</data>" for name, value in data.items()
        )

    def json_id(name: Any) -> str:
        text = json_ids.get(name)
        if text is None:
            text = json_ids[name] = json.dumps(name, ensure_ascii=False)
        return text

    nodes = (
        (
            f'<node id="{xml_ids[str(name)]}">{fields(data, node_keys)}</node>\n',
            json.dumps({**data, "id": name}, ensure_ascii=False),
        )
        for name, data in graph.nodes(data=True)
    )
    formatted: dict[tuple[tuple[str, type, Any], ...], tuple[str, str]] = {}

    def edge(source: Any, target: Any, data: dict[str, Any]) -> tuple[str, str]:
        shape = tuple((name, type(value), value) for name, value in data.items())
        known = formatted.get(shape)
        if known is None:
            attributes = json.dumps(data, ensure_ascii=False)[1:-1]
            known = formatted[shape] = (
                fields(data, edge_keys),
                "{" + attributes + ", " if attributes else "{",
            )
        xml_fields, json_head = known
        return (
            f'<edge source="{xml_ids[str(source)]}" target="{xml_ids[str(target)]}">{xml_fields}</edge>\n',
            f'{json_head}"source": {json_id(source)}, "target": {json_id(target)}}}',
        )

    edges = (edge(source, target, data) for source, target, data in graph.edges(data=True))
    return nodes, edges


def _graphml_value(value: Any, texts: _Escaped) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return repr(value)
    return texts[str(value)]


def _similar_templates(
    similar: SimilarityEdges, keys: dict[tuple[str, str], tuple[str, str]]
) -> tuple[str, str]:
    """``%``-templates of one similarity edge's GraphML and JSON lines.

    The GraphML line takes the two escaped ids, the score and the components; the JSON line the score,
    the components and the two ids as JSON strings. ``%r`` of a float is the shortest text that reads
    back as the same float, as ``json`` prints it.
    """
    names = sorted(similar.components)
    evidence = "{" + ", ".join(f"{json.dumps(name)}: %r" for name in names) + "}"
    relation, score, bukti = (keys[("edge", name)][0] for name in ("relasi", "skor", "bukti"))
    graphml = (
        f'<edge source="%s" target="%s"><data key="{relation}">{SIMILAR}</data><data key="{score}">%r</data>'
        f'<data key="{bukti}">{evidence.translate(_TEXT_ESCAPES)}</data></edge>\n'
    )
    node_link = f'{{"relasi": "{SIMILAR}", "skor": %r, "bukti": {evidence}, "source": %s, "target": %s}}'
    return graphml, node_link


def write_graph_files(
    graph: nx.DiGraph, similar: SimilarityEdges, graphml: BinaryIO, node_link: BinaryIO
) -> None:
    """The structural graph and the similarity edges as GraphML into ``graphml`` and as networkx
    node-link JSON into ``node_link`` (both UTF-8, one node or edge per line).

    Raises ``ValueError`` if a score is not a finite number, which neither format could carry as one.
    """
    columns = [similar.components[name] for name in sorted(similar.components)]
    if not all(np.isfinite(values).all() for values in (similar.score, *columns)):
        raise ValueError("similarity scores must be finite numbers")
    keys = _graphml_keys(graph)
    xml, data = _Lines(graphml), _Lines(node_link)
    xml.add(_graphml_head(graph, keys))
    data.add(
        f'{{"directed": {json.dumps(graph.is_directed())}, "multigraph": {json.dumps(graph.is_multigraph())}, '
        f'"graph": {json.dumps(graph.graph, ensure_ascii=False)},\n"nodes": [\n'
    )
    nodes, edges = _structure(graph, keys)
    separator = ""
    for xml_line, json_line in nodes:
        xml.add(xml_line)
        data.add(separator + json_line)
        separator = ",\n"
    data.add('\n],\n"edges": [\n')
    separator = ""
    for xml_line, json_line in edges:
        xml.add(xml_line)
        data.add(separator + json_line)
        separator = ",\n"
    xml_template, json_template = _similar_templates(similar, keys)
    xml_ids = [node("jabatan", code).translate(_ATTRIBUTE_ESCAPES) for code in similar.codes]
    json_ids = [json.dumps(node("jabatan", code), ensure_ascii=False) for code in similar.codes]
    for start in range(0, len(similar), _PAIRS):
        stop = start + _PAIRS
        rounded = [values[start:stop].round(4).tolist() for values in (similar.score, *columns)]
        for a, b, score, *evidence in zip(
            similar.left[start:stop].tolist(), similar.right[start:stop].tolist(), *rounded, strict=True
        ):
            xml.add(xml_template % (xml_ids[a], xml_ids[b], score, *evidence))
            data.add(separator + json_template % (score, *evidence, json_ids[a], json_ids[b]))
            separator = ",\n"
    xml.add("</graph>\n</graphml>\n")
    data.add("\n]}\n")
    xml.flush()
    data.flush()

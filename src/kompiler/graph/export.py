"""The graph files of a build, GraphML and node-link JSON, written as they are produced.

Each file holds the structural graph (a networkx graph, :func:`~kompiler.graph.structure.build_graph`) and
the similarity edges (:class:`~kompiler.graph.structure.SimilarityEdges`, arrays of the merge stage). A large
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
import re
from collections.abc import Iterator
from typing import Any, BinaryIO

import networkx as nx
import numpy as np

from kompiler.graph.structure import SimilarityEdges, node

SIMILAR = "mirip"
_LINES = 1 << 14  # lines gathered before each write
_CHARACTERS = 1 << 22  # or this many characters, whichever comes first
_PAIRS = 1 << 16  # similarity pairs turned into Python numbers at a time, not a million at once
_GRAPHML_TYPES = {bool: "boolean", int: "long", float: "double", str: "string"}
_GRAPHML_HEADER = (
    "<?xml version='1.0' encoding='utf-8'?>\n"
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" '
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
    'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns '
    'http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">\n'
)
_JSON = json.JSONEncoder(ensure_ascii=False).encode  # json.dumps(..., ensure_ascii=False), made once
_TEXT_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", "\r": "&#13;"})
_ATTRIBUTE_ESCAPES = str.maketrans(
    {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "\r": "&#13;", "\n": "&#10;", "\t": "&#9;"}
)

_MARKUP = re.compile('[&<>"\r\n\t]')  # every character either table escapes


def _escaped(text: str, table: dict[int, str]) -> str:
    """``text.translate(table)``; most text has nothing to escape, and a search is quicker to say so."""
    return text.translate(table) if _MARKUP.search(text) else text


class _Escaped(dict[str, str]):
    """Text escaped once per distinct string: node ids and most values recur on many lines."""

    def __init__(self, table: dict[int, str]) -> None:
        super().__init__()
        self.table = table

    def __missing__(self, text: str) -> str:
        value = self[text] = _escaped(text, self.table)
        return value


class _Lines:
    """Lines gathered and written to a binary stream as UTF-8 in batches.

    A batch ends at ``_LINES`` lines or ``_CHARACTERS`` characters, whichever comes first: a block of
    similarity edges is tens of megabytes in one string, and a national corpus has a dozen of them,
    which must not all wait in memory for the end of the file.
    """

    def __init__(self, stream: BinaryIO) -> None:
        self.stream = stream
        self.batch: list[str] = []
        self.characters = 0

    def add(self, line: str) -> None:
        self.batch.append(line)
        self.characters += len(line)
        if len(self.batch) >= _LINES or self.characters >= _CHARACTERS:
            self.flush()

    def flush(self) -> None:
        self.stream.write("".join(self.batch).encode("utf-8"))
        self.batch.clear()
        self.characters = 0


def _graphml_keys(graph: nx.DiGraph) -> dict[tuple[str, str], tuple[str, str]]:
    """``(for, name) → (key id, type)`` of every attribute, in order of first use; nodes first.

    Nearly every node and edge repeats the attribute names of one before it, so each distinct list of
    names is looked at once.
    """
    keys: dict[tuple[str, str], tuple[str, str]] = {}

    def declare(domain: str, data: dict[str, Any], seen: set[tuple[str, ...]]) -> None:
        names = tuple(data)
        if names in seen:
            return
        seen.add(names)
        for name, value in data.items():
            if (domain, name) not in keys:
                keys[(domain, name)] = (f"d{len(keys)}", _GRAPHML_TYPES[type(value)])

    node_names: set[tuple[str, ...]] = set()
    for _, data in graph.nodes(data=True):
        declare("node", data, node_names)
    edge_names: set[tuple[str, ...]] = set()
    for _, neighbours in graph.adjacency():
        for data in neighbours.values():
            declare("edge", data, edge_names)
    declare("edge", {"relasi": SIMILAR, "skor": 0.0, "bukti": ""}, edge_names)
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
    thousands of times, so each set is formatted once; node ids are escaped once, as their nodes are
    read (so the nodes are read first), and each source's part of its edges' lines is made once.
    """
    texts = _Escaped(_TEXT_ESCAPES)
    xml_ids: dict[Any, str] = {}
    json_ids: dict[Any, str] = {}
    node_keys = {name: f'<data key="{key}">' for (domain, name), (key, _) in keys.items() if domain == "node"}
    edge_keys = {name: f'<data key="{key}">' for (domain, name), (key, _) in keys.items() if domain == "edge"}

    def fields(data: dict[str, Any], opening: dict[str, str]) -> str:
        return "".join(
            f"{opening[name]}{_graphml_value(value, texts)}</data>" for name, value in data.items()
        )

    def nodes() -> Iterator[tuple[str, str]]:
        for name, data in graph.nodes(data=True):
            xml_id = xml_ids[name] = _escaped(str(name), _ATTRIBUTE_ESCAPES)
            json_ids[name] = _JSON(name)
            yield f'<node id="{xml_id}">{fields(data, node_keys)}</node>\n', _JSON({**data, "id": name})

    def edges() -> Iterator[tuple[str, str]]:
        formatted: dict[tuple[Any, ...], tuple[str, str]] = {}
        for source, neighbours in graph.adjacency():
            xml_start = f'<edge source="{xml_ids[source]}" target="'
            json_end = f'"source": {json_ids[source]}, "target": '
            for target, data in neighbours.items():
                # The types too: 1, 1.0 and True are equal keys but are written differently.
                shape = (*data.items(), *map(type, data.values()))
                known = formatted.get(shape)
                if known is None:
                    attributes = _JSON(data)[1:-1]
                    known = formatted[shape] = (
                        f'">{fields(data, edge_keys)}</edge>\n',
                        "{" + attributes + ", " if attributes else "{",
                    )
                yield (
                    f"{xml_start}{xml_ids[target]}{known[0]}",
                    f"{known[1]}{json_end}{json_ids[target]}}}",
                )

    return nodes(), edges()


def _graphml_value(value: Any, texts: _Escaped) -> str:
    kind = type(value)
    if kind is str:
        return texts[value]
    if kind is int:
        return str(value)  # digits and a sign: nothing to escape
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return repr(value)
    return texts[str(value)]


def _numbers(values: np.ndarray) -> np.ndarray:
    """The ``repr`` of every value (the shortest text that reads back as the same float, as ``json``
    prints it), made once per distinct value: scores rounded to four places repeat a great deal."""
    distinct, where = np.unique(
        np.ascontiguousarray(values, dtype=np.float64).view(np.int64), return_inverse=True
    )
    texts = np.array([repr(value) for value in distinct.view(np.float64).tolist()], dtype=object)
    return texts[where.ravel()]


def _columns(pieces: list[str | np.ndarray], rows: int) -> str:
    """``rows`` lines of text, each the concatenation of ``pieces``: a text the same on every line, or an
    array with a text per line. One join over the whole block, no Python statement per line."""
    merged: list[str | np.ndarray] = []
    for piece in pieces:
        if isinstance(piece, str) and merged and isinstance(merged[-1], str):
            merged[-1] += piece
        else:
            merged.append(piece)
    table = np.empty((rows, len(merged)), dtype=object)
    for column, piece in enumerate(merged):
        table[:, column] = piece
    return "".join(table.ravel().tolist())


def _similar_blocks(
    similar: SimilarityEdges, keys: dict[tuple[str, str], tuple[str, str]]
) -> Iterator[tuple[str, str]]:
    """The similarity edges, ``_PAIRS`` at a time, as GraphML lines and JSON lines (each JSON line after
    a ``,\\n``).

    A million edges formatted one at a time took seconds; here a block is formatted column by column:
    each position's ids once, each distinct number once, and the lines in one join.
    """
    names = sorted(similar.components)
    relation, score, bukti = (keys[("edge", name)][0] for name in ("relasi", "skor", "bukti"))
    ids = [node("jabatan", code) for code in similar.codes]
    xml_ids = [_escaped(i, _ATTRIBUTE_ESCAPES) for i in ids]
    json_ids = [_JSON(i) for i in ids]
    xml_sources = np.array([f'<edge source="{i}" target="' for i in xml_ids], dtype=object)
    xml_targets = np.array(xml_ids, dtype=object)
    json_sources = np.array([f', "source": {i}, "target": ' for i in json_ids], dtype=object)
    json_targets = np.array([f"{i}}}" for i in json_ids], dtype=object)
    heads = [("{" if k == 0 else ", ") + f"{json.dumps(name)}: " for k, name in enumerate(names)]
    xml_heads = [head.translate(_TEXT_ESCAPES) for head in heads]
    closing = "}" if names else "{}"
    xml_closing = closing.translate(_TEXT_ESCAPES) + "</data></edge>\n"
    for start in range(0, len(similar), _PAIRS):
        stop = min(start + _PAIRS, len(similar))
        left, right = similar.left[start:stop], similar.right[start:stop]
        numbers = [
            _numbers(values[start:stop].round(4))
            for values in (similar.score, *(similar.components[n] for n in names))
        ]
        xml_evidence: list[str | np.ndarray] = []
        json_evidence: list[str | np.ndarray] = []
        for head, xml_head, values in zip(heads, xml_heads, numbers[1:], strict=True):
            xml_evidence += [xml_head, values]
            json_evidence += [head, values]
        xml_block = _columns(
            [
                xml_sources[left],
                xml_targets[right],
                f'"><data key="{relation}">{SIMILAR}</data><data key="{score}">',
                numbers[0],
                f'</data><data key="{bukti}">',
                *xml_evidence,
                xml_closing,
            ],
            stop - start,
        )
        json_block = _columns(
            [
                f',\n{{"relasi": "{SIMILAR}", "skor": ',
                numbers[0],
                ', "bukti": ',
                *json_evidence,
                closing,
                json_sources[left],
                json_targets[right],
            ],
            stop - start,
        )
        yield xml_block, json_block


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
    for xml_block, json_block in _similar_blocks(similar, keys):
        xml.add(xml_block)
        data.add(json_block if separator else json_block.removeprefix(",\n"))
        separator = ",\n"
    xml.add("</graph>\n</graphml>\n")
    data.add("\n]}\n")
    xml.flush()
    data.flush()

"""Similarity between positions from what they require and what they do, through sparse matrix products.

Four kinds of evidence, each a sparse matrix with one row per position:

- ``kompetensi``: the technical competencies, as tokens ``C@1 … C@L`` for competency C required at level
  L, each carrying the requirement's importance (``kepentingan``, when the standard rates it), each level
  above the first weighing less in the merge (``level_decay`` of :func:`features`). The Tanimoto score of two such rows is a level-
  and importance-aware weighted Jaccard (level 3 and level 4 of C share their three lower tokens, the
  larger part of the four's weight), and one sparse product gives every intersection at once.
- ``tugas``: TF-IDF of the words of the tasks and outputs, compared by cosine.
- ``nama``: TF-IDF of the words of the position name and of their stems, compared by cosine.
- ``konteks``: the government affair (urusan) and accepted fields of education, as weighted Jaccard.

Every token is weighted by its inverse document frequency ``log(N / df)`` (a competency by the idf of the
competency, damped): what nearly every position has says nothing about which positions belong together,
and what every position has weighs exactly zero.
That is why managerial and socio-cultural competencies are left out altogether (every position requires
all of them, at the level its grade dictates), and why "reading" in a profile where everyone reads
cannot make two unrelated positions look alike.

A component where one of the two positions has no weighted evidence (no technical competencies, or only
boilerplate tasks) is left out of that pair's score rather than counted as zero, so the combined score is
the weighted mean of the components that actually say something about the pair.

Candidate pairs come only from the products (positions that share at least one weighted token); no pair
of positions is ever visited in a Python loop.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache
from itertools import chain

import numpy as np
import scipy.sparse as sp

from kompiler.merge_settings import MergeSettings
from kompiler.model import CompetencyType, Corpus, Position, PositionKind

COMPONENTS = ("kompetensi", "tugas", "nama", "konteks")

# Function words of Indonesian and English that carry no meaning about the work itself.
STOPWORDS = frozenset(
    [
        "dan",
        "atau",
        "yang",
        "di",
        "ke",
        "dari",
        "untuk",
        "dengan",
        "pada",
        "dalam",
        "oleh",
        "serta",
        "sesuai",
        "terhadap",
        "bagi",
        "secara",
        "sebagai",
        "para",
        "antara",
        "tentang",
        "atas",
        "agar",
        "guna",
        "lain",
        "lainnya",
        "tersebut",
        "itu",
        "ini",
        "adalah",
        "the",
        "and",
        "of",
        "for",
        "to",
        "in",
        "on",
        "with",
        "by",
        "or",
        "at",
        "as",
        "from",
        "other",
        "all",
        "except",
    ]
)
_WORD = re.compile(r"[^\W\d_]+")


@lru_cache(maxsize=1 << 16)
def words(text: str) -> tuple[str, ...]:
    """Content words of ``text``: lower case, no function words, a plural ``s`` dropped from long words.

    Kept per text: tasks, names and fields recur across many positions of a large corpus.
    """
    out = []
    for word in _WORD.findall(text.lower()):
        if len(word) < 3 or word in STOPWORDS:
            continue
        out.append(word[:-1] if len(word) > 4 and word.endswith("s") and not word.endswith("ss") else word)
    return tuple(out)


STEM_LENGTH = 5


def name_tokens(name: str) -> list[str]:
    """The words of a position name and their first five letters, so word forms of one stem meet.

    A name is a handful of words, so a different ending ("Perencana" / "Perencanaan", "Engineer" /
    "Engineering", "Analis" / "Analisis") would otherwise share nothing; the stem token lets them
    meet, while the whole word still scores higher when it is the same.
    """
    content = words(name)
    return [*content, *(word[:STEM_LENGTH] + "~" for word in content)]


@dataclass(frozen=True)
class Features:
    """The positions being compared, in code order, and their evidence matrices."""

    positions: tuple[Position, ...]
    matrices: dict[str, sp.csr_matrix]  # rows already weighted so that ``M @ M.T`` gives the overlap
    sizes: dict[str, np.ndarray]  # per-row self-overlap (weighted set size or squared norm)
    cosine: frozenset[str]  # components whose rows are L2-normalised (cosine), the others are Jaccard
    # Whether the technical requirements hold more than one level: a corpus where every requirement has
    # one level (a table of required skills) compares sets of competencies, not profiles.
    levelled: bool = True


def _matrix(
    rows: Sequence[Sequence[str]], values: Sequence[Sequence[float]] | None = None
) -> tuple[sp.csr_matrix, dict[str, int]]:
    """A CSR matrix of summed token values (1 for every token unless ``values`` gives them, row by row,
    in step with ``rows``), and the column of every token, numbered in order of first appearance.

    Built from one flat list of every token, so that a national corpus's millions of tokens pass through
    dictionary lookups and numpy, never one Python statement each. A token repeated in a row sums its
    values in the order they come.
    """
    flat = list(chain.from_iterable(rows))
    column_of = {token: column for column, token in enumerate(dict.fromkeys(flat))}
    columns = np.fromiter(map(column_of.__getitem__, flat), dtype=np.int64, count=len(flat))
    lengths = np.fromiter(map(len, rows), dtype=np.int64, count=len(rows))
    width = max(1, len(column_of))
    keys = np.repeat(np.arange(len(rows)), lengths) * width + columns
    order = np.argsort(keys, kind="stable")  # a repeated token's values stay in the order they come
    keys = keys[order]
    first = np.ones(len(keys), dtype=bool)
    first[1:] = keys[1:] != keys[:-1]
    cells = keys[first]
    weights = (
        np.ones(len(flat))
        if values is None
        else np.fromiter(chain.from_iterable(values), dtype=np.float64, count=len(flat))[order]
    )
    data = np.bincount(np.cumsum(first) - 1, weights=weights, minlength=len(cells))
    indptr = np.searchsorted(cells // width, np.arange(len(rows) + 1))
    matrix = sp.csr_matrix((data, cells % width, indptr), shape=(len(rows), len(column_of)))
    return matrix, column_of


def _df(matrix: sp.csr_matrix) -> np.ndarray:
    """Document frequency of every column: in how many rows it occurs."""
    return np.bincount(matrix.indices, minlength=matrix.shape[1]).astype(np.float64)


def _idf(df: np.ndarray, n: int) -> np.ndarray:
    return np.log(n / np.maximum(df, 1.0)) if n else df


def _jaccard_rows(rows: Sequence[Sequence[str]]) -> tuple[sp.csr_matrix, np.ndarray]:
    """Binary token sets scaled by sqrt(idf): ``M @ M.T`` is then the idf-weighted intersection."""
    matrix, _ = _matrix(rows)
    matrix.data[:] = 1.0
    return _scaled(matrix, np.sqrt(_idf(_df(matrix), matrix.shape[0])))


def _scaled(matrix: sp.csr_matrix, column_scale: np.ndarray) -> tuple[sp.csr_matrix, np.ndarray]:
    """Columns multiplied by ``column_scale``, and every row's self-overlap (its squared norm)."""
    weighted = sp.csr_matrix(matrix @ sp.diags(column_scale))
    sizes = np.asarray(weighted.multiply(weighted).sum(axis=1)).ravel()
    return weighted, sizes


def _tfidf_rows(rows: Sequence[Sequence[str]]) -> tuple[sp.csr_matrix, np.ndarray]:
    """Sublinear TF-IDF rows normalised to unit length: ``M @ M.T`` is the cosine."""
    matrix, _ = _matrix(rows)
    matrix.data = 1.0 + np.log(matrix.data)
    weighted, squared = _scaled(matrix, _idf(_df(matrix), matrix.shape[0]))
    norms = np.sqrt(squared)
    scale = np.divide(1.0, norms, out=np.zeros_like(norms), where=norms > 0)
    weighted = sp.csr_matrix(sp.diags(scale) @ weighted)
    return weighted, (norms > 0).astype(np.float64)


# The weight of a requirement whose standard does not rate its importance: the middle of the 1–5 scale,
# so a rated requirement can count for more or for less than an unrated one.
UNRATED_IMPORTANCE = 3.0


def technical_tokens(position: Position, level_decay: float = 1.0) -> tuple[list[str], list[float]]:
    """Tokens ``C@1 … C@L`` of every technical requirement, and each token's weight: the requirement's
    importance, times ``level_decay`` for each level above the first."""
    tokens: list[str] = []
    weights: list[float] = []
    for r in position.required(CompetencyType.TECHNICAL):
        levels = _level_tokens(r.code, r.level)
        tokens += levels
        importance = r.importance or UNRATED_IMPORTANCE
        weights += [importance * factor for factor in _level_factors(len(levels), level_decay)]
    return tokens, weights


@lru_cache(maxsize=64)
def _level_factors(count: int, decay: float) -> tuple[float, ...]:
    return tuple(decay**k for k in range(count))


@lru_cache(maxsize=1 << 16)
def _level_tokens(code: str, level: int) -> tuple[str, ...]:
    """``C@1 … C@L``, made once per competency and level: thousands of positions require the same."""
    return tuple(f"{code}@{k}" for k in range(1, level + 1))


def _competency_rows(positions: Sequence[Position], level_decay: float) -> tuple[sp.csr_matrix, np.ndarray]:
    """Level tokens weighted by importance, by ``level_decay`` per level above the first, and by the
    rarity of their competency.

    ``M @ M.T`` then sums, over the competencies two positions share, rarity × the levels both reach
    (each level's weight decayed) × both importances, and the score is the Tanimoto generalisation of the weighted Jaccard (the same
    number when no requirement rates its importance). Rarity belongs to the competency, not to its level
    token: ``C@4`` is rarer than ``C@1`` only because few positions need C that high, which the shared
    level already counts. The rarity weight is the square root of the idf, so that one rare specialism
    two positions happen to share does not outweigh the broad profile they have in common.
    """
    rows = [technical_tokens(p, level_decay) for p in positions]
    tokens, weights = zip(*rows, strict=True) if rows else ((), ())
    matrix, column = _matrix(tokens, weights)
    token_df = _df(matrix)
    # Every requirement has a level of at least 1, so the positions requiring C are those with ``C@1``.
    df = np.array([token_df[column[token.rpartition("@")[0] + "@1"]] for token in column])
    return _scaled(matrix, np.sqrt(np.sqrt(_idf(df, matrix.shape[0]))))


def features(positions: Iterable[Position], level_decay: float = 1.0) -> Features:
    """Build the evidence matrices of ``positions`` (sorted by code for a deterministic result).

    ``level_decay`` is how much each level token of a technical requirement weighs against the one below
    it. The merge passes :attr:`MergeSettings.level_decay`; the people stage's mobility counts every
    level fully (1), since how far a position's levels lie above a person's is what a move is about.
    """
    ordered = tuple(sorted(positions, key=lambda p: p.code))
    competency = _competency_rows(ordered, level_decay)
    tasks = _tfidf_rows([list(chain.from_iterable(map(words, (*p.tasks, *p.outputs)))) for p in ordered])
    names = _tfidf_rows([name_tokens(p.name) for p in ordered])
    context = _jaccard_rows(
        [
            ["urusan:" + " ".join(words(p.affairs))]
            + ["pendidikan:" + " ".join(words(f)) for e in p.qualifications.education for f in e.fields]
            for p in ordered
        ]
    )
    built = {"kompetensi": competency, "tugas": tasks, "nama": names, "konteks": context}
    levels = {r.level for p in ordered for r in p.required(CompetencyType.TECHNICAL)}
    return Features(
        positions=ordered,
        matrices={k: v[0] for k, v in built.items()},
        sizes={k: v[1] for k, v in built.items()},
        cosine=frozenset({"tugas", "nama"}),
        levelled=len(levels) > 1,
    )


@dataclass(frozen=True)
class Similarities:
    """Scored candidate pairs ``(left[k], right[k])`` (row indices, left < right) of :class:`Features`,
    in ``(left, right)`` order: each block of rows yields its pairs sorted, and blocks come in row order."""

    features: Features
    left: np.ndarray
    right: np.ndarray
    score: np.ndarray
    components: dict[str, np.ndarray]

    @cached_property
    def codes(self) -> list[str]:
        return [p.code for p in self.features.positions]


def _index_matrix(matrix: sp.csr_matrix, budget: int) -> sp.csr_matrix:
    """Drop the most common tokens from the candidate index when the product would exceed ``budget``.

    The work of ``M @ M.T`` grows with the sum of squared document frequencies; the most common tokens
    dominate it and, having the lowest idf, contribute least to any score.
    """
    df = _df(matrix).astype(np.int64)
    if int((df * df).sum()) <= budget:
        return matrix
    order = np.argsort(df, kind="stable")
    cumulative = np.cumsum(df[order] * df[order])
    keep = np.zeros(matrix.shape[1], dtype=bool)
    keep[order[cumulative <= budget]] = True
    return sp.csr_matrix(matrix @ sp.diags(keep.astype(np.float64)))


def _compatible(positions: Sequence[Position], grade_order: dict[str, int], settings: MergeSettings):
    """Vectorised constraint check: a function of (left, right) index arrays → boolean mask."""
    kinds = np.array([list(PositionKind).index(p.kind) for p in positions], dtype=np.int64)
    orders = np.array([grade_order.get(p.grade, -1) for p in positions], dtype=np.int64)
    classes = {c: i for i, c in enumerate(sorted({p.classification or "" for p in positions}))}
    classification = np.array([classes[p.classification or ""] for p in positions], dtype=np.int64)
    executor = kinds == list(PositionKind).index(PositionKind.EXECUTOR)

    if settings.max_grade_gap == 0:
        # The common case: compatible means same kind, grade and (for pelaksana) classification, so one
        # integer per position decides it.
        split = executor & ~settings.pelaksana_across_classifications
        keys = np.stack([kinds, orders, np.where(split, classification, -1)], axis=1)
        _, klass = np.unique(keys, axis=0, return_inverse=True)
        klass = klass.ravel()

        def same_class(left: np.ndarray, right: np.ndarray) -> np.ndarray:
            return klass[left] == klass[right]

        return same_class

    def mask(left: np.ndarray, right: np.ndarray) -> np.ndarray:
        ok = kinds[left] == kinds[right]
        ok &= np.abs(orders[left] - orders[right]) <= settings.max_grade_gap
        if not settings.pelaksana_across_classifications:
            ok &= ~executor[left] | (classification[left] == classification[right])
        return ok

    return mask


BLOCK_ROWS = 2048


def similarities(corpus: Corpus, settings: MergeSettings, feats: Features | None = None) -> Similarities:
    """Score every candidate pair of compatible positions; keep pairs at or above the edge threshold.

    Rows are processed in blocks, so memory holds one block's candidate pairs at a time, never all of
    them: a large field can have tens of millions of candidates of which only a few thousand score.
    """
    feats = feats or features(corpus.positions.values(), settings.level_decay)
    n = len(feats.positions)
    grade_order = {code: grade.order for code, grade in corpus.grades.items()}
    compatible = _compatible(feats.positions, grade_order, settings)
    weights, indexes = candidate_index(feats, settings)
    active = list(indexes)
    parts = [
        _score_block(feats, indexes, weights, compatible, start, min(n, start + BLOCK_ROWS))
        for start in range(0, n, BLOCK_ROWS)
    ]
    parts = [p for p in parts if len(p[0])]
    if not parts:
        empty = np.zeros(0, dtype=np.int64)
        return Similarities(feats, empty, empty, np.zeros(0), {c: np.zeros(0) for c in active})
    left = np.concatenate([p[0] for p in parts])
    right = np.concatenate([p[1] for p in parts])
    score = np.concatenate([p[2] for p in parts])
    keep = score >= settings.edge_threshold
    return Similarities(
        feats,
        left[keep],
        right[keep],
        score[keep],
        {name: np.concatenate([p[3][name] for p in parts])[keep] for name in active},
    )


def candidate_index(
    feats: Features, settings: MergeSettings
) -> tuple[dict[str, float], dict[str, sp.csr_matrix]]:
    """The weight of every component, and the candidate index of each weighted one (its evidence matrix
    without the most common tokens when the products would exceed the settings' budget)."""
    weights = {c: float(settings.weights.get(c, 0.0)) for c in COMPONENTS}
    active = [c for c in COMPONENTS if weights[c] > 0]
    budget = max(1, settings.index_budget // max(1, len(active)))
    return weights, {name: _index_matrix(feats.matrices[name], budget) for name in active}


def score_rows(
    feats: Features,
    weights: dict[str, float],
    indexes: dict[str, sp.csr_matrix],
    rows: np.ndarray,
    columns: np.ndarray | None = None,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Every candidate pair ``(row, column)`` of a row of ``rows`` and another position (of ``columns``
    when given), with its score: the merge stage's similarity without its compatibility constraint
    (mobility compares a position with those of every kind and grade). Pairs come grouped by row in the
    order of ``rows``, then sorted by column; the numbers are positions' (rows of ``feats``).

    ``weights`` and ``indexes`` are :func:`candidate_index`'s (or the full matrices, to score pairs the
    index left out); the caller bounds memory by the number of rows. With no constraint to filter pairs
    by, the components are combined as sparse matrices (the weighted sum of their values, divided by the
    weights of the components informative for each pair), the same arithmetic as the merge's, without
    sorting keys.
    """
    numerator = None
    pattern = np.zeros(len(feats.positions), dtype=np.int64)  # bit c: component c is informative
    for number, name in enumerate(indexes):
        against = indexes[name] if columns is None else indexes[name][columns]
        product = sp.csr_matrix(indexes[name][rows] @ against.T)
        row_of = np.repeat(rows, np.diff(product.indptr))
        column_of = product.indices if columns is None else columns[product.indices]
        product.data = _component_value(feats, name, product.data, row_of, column_of)
        size = feats.sizes[name]
        weighted = product * weights[name]
        numerator = weighted if numerator is None else numerator + weighted
        pattern |= (size > 0).astype(np.int64) << number
    pairs = sp.csr_matrix(numerator)
    pairs.sort_indices()
    left = np.repeat(np.asarray(rows, dtype=np.int64), np.diff(pairs.indptr))
    right = (
        pairs.indices.astype(np.int64)
        if columns is None
        else np.asarray(columns, dtype=np.int64)[pairs.indices]
    )
    keep = left != right
    left, right, numerator_data = left[keep], right[keep], pairs.data[keep]
    # The weights of the components informative for both positions, for each of the 2^c patterns.
    weight_of = np.array(
        [
            sum(weights[name] for bit, name in enumerate(indexes) if both >> bit & 1)
            for both in range(1 << len(indexes))
        ]
    )
    denominator = weight_of[pattern[left] & pattern[right]]
    score = np.divide(numerator_data, denominator, out=np.zeros_like(numerator_data), where=denominator > 0)
    return left, right, score


def _component_value(
    feats: Features, name: str, product: np.ndarray, left: np.ndarray, right: np.ndarray
) -> np.ndarray:
    """A component's similarity of each pair ``(left, right)`` from its evidence rows' dot product:
    the cosine itself (clipped to [0, 1]), or the weighted Jaccard, the product over the union."""
    if name in feats.cosine:
        return np.clip(product, 0.0, 1.0)
    size = feats.sizes[name]
    union = size[left] + size[right] - product
    return np.divide(product, union, out=np.zeros_like(union), where=union > 0)


def _score_block(feats, indexes, weights, compatible, start: int, stop: int):
    """Candidate pairs (row in [start, stop), column > row) and their scores.

    Only columns from ``start`` on are multiplied: the lower triangle is never computed.
    """
    n = len(feats.positions)
    active = list(indexes)
    keys_parts, values_parts, component_parts = [], [], []
    for number, name in enumerate(active):
        product = (indexes[name][start:stop] @ indexes[name][start:].T.tocsr()).tocoo()
        rows = product.row.astype(np.int64) + start
        cols = product.col.astype(np.int64) + start
        keep = cols > rows
        rows, cols, data = rows[keep], cols[keep], product.data[keep]
        keep = compatible(rows, cols)
        keys_parts.append(rows[keep] * n + cols[keep])
        values_parts.append(data[keep])
        component_parts.append(np.full(int(keep.sum()), number, dtype=np.int8))
    keys = np.concatenate(keys_parts)
    unique, inverse = np.unique(keys, return_inverse=True)
    raw = np.zeros((len(active), len(unique)))
    raw[np.concatenate(component_parts), inverse] = np.concatenate(values_parts)
    left, right = unique // n, unique % n
    components: dict[str, np.ndarray] = {}
    numerator = np.zeros(len(unique))
    denominator = np.zeros(len(unique))
    for number, name in enumerate(active):
        size = feats.sizes[name]
        value = _component_value(feats, name, raw[number], left, right)
        informative = (size[left] > 0) & (size[right] > 0)
        components[name] = value
        numerator += weights[name] * value * informative
        denominator += weights[name] * informative
    score = np.divide(numerator, denominator, out=np.zeros_like(numerator), where=denominator > 0)
    return left, right, score, components

"""The rows of every people table (:data:`kompiler.render.people.tables.COLUMNS`) straight from a chunk's
columns.

The tables have a row for every person (and every required competency, plan item or move), so at
national scale they are what an HR export is made of: building a
:class:`~kompiler.people.results.PersonReport` for each row costs more than computing the match. Here a
chunk's columns are put in each person's order with NumPy and turned into rows from plain lists, never a
``Gap`` object; the rows are the same, to the byte, as a report's fields written one by one
(``tests/people/reference_rows.py``, which a test compares them with).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

import numpy as np

from kompiler.model import Corpus
from kompiler.model.entities import DevelopmentPolicy
from kompiler.people.career import KINDS
from kompiler.people.match import TYPES, UNCATEGORISED, match_chunk
from kompiler.people.plan import GENERAL, Catalogue
from kompiler.people.requirements import Requirements
from kompiler.people.stream import ChunkResult
from kompiler.people.table import Chunk
from kompiler.people.talent import box_of
from kompiler.render.labels import decimal
from kompiler.render.people.tables import LOCALE, NOTICE
from kompiler.render.people.view import Setting, box_text
from kompiler.spreadsheet import spreadsheet_text

BLOCK = 4_096  # people whose rows are made at once


def _blocks(
    rows: Callable[[ChunkResult, Source, Setting, int, int], list[list[str]]],
    result: ChunkResult,
    source: Source,
    setting: Setting,
    block: int = BLOCK,
) -> Iterator[list[list[str]]]:
    """``rows`` of ``result``'s people ``block`` at a time."""
    for start in range(0, len(result), block):
        yield rows(result, source, setting, start, min(start + block, len(result)))


@dataclass(frozen=True)
class Source:
    """What the rows read besides a chunk's columns, looked up once per run."""

    codes: tuple[str, ...]
    names: tuple[str, ...]
    positions: tuple[str, ...]
    types: tuple[str, ...]
    importance: np.ndarray
    bands: dict[str, tuple[tuple[str, str], ...]]
    policy: DevelopmentPolicy
    activities: tuple[tuple[str, str, str, str], ...] = ()  # per catalogue number: code, name, form, bucket
    requirements: Requirements | None = None
    places: tuple[tuple[str, str], ...] = ()  # per position number: name, unit

    @classmethod
    def of(cls, corpus: Corpus, requirements: Requirements, catalogue: Catalogue | None = None) -> Source:
        index = requirements.index
        names = tuple(
            spreadsheet_text(found.name) if (found := corpus.competencies.get(code)) else code
            for code in index.competencies
        )
        match = corpus.development.match
        bands = {
            code: tuple((band.code, spreadsheet_text(band.name)) for band in purpose.bands)
            for code, purpose in (match.purposes.items() if match else ())
        }
        return cls(
            codes=index.competencies,
            names=names,
            positions=index.positions,
            types=tuple(kind.value for kind in TYPES),
            importance=requirements.importance,
            bands=bands,
            policy=corpus.development,
            activities=_activities(corpus.development, catalogue) if catalogue is not None else (),
            requirements=requirements,
            places=tuple(
                (spreadsheet_text(corpus.positions[c].name), spreadsheet_text(corpus.positions[c].unit))
                for c in index.positions
            ),
        )

    def competency_name(self, c: int) -> str:
        """A plan item's competency name, as :func:`kompiler.people.plan.plan_of` names it."""
        return self.names[c] if c >= 0 else GENERAL

    def band(self, purpose: str, band: int) -> tuple[str, str]:
        known = self.bands.get(purpose)
        return known[band] if known and band >= 0 else UNCATEGORISED


def _activities(policy: DevelopmentPolicy, catalogue: Catalogue) -> tuple[tuple[str, str, str, str], ...]:
    out = []
    for number, code in enumerate(catalogue.activities):
        entry = policy.catalogue[code]
        bucket = catalogue.buckets[int(catalogue.bucket[number])]
        out.append((entry.code, spreadsheet_text(entry.name), policy.forms[entry.form].code, str(bucket)))
    return tuple(out)


def _head(
    result: ChunkResult, source: Source, start: int, stop: int
) -> tuple[list[str], list[tuple[str, str]], list[str]]:
    """People ``start:stop``'s position codes, categories (code, name) and match percentages as text."""
    chunk, match = result.chunk, result.match
    held = np.asarray(chunk.position[start:stop], dtype=np.int64).tolist()
    positions = [source.positions[p] if p >= 0 else "" for p in held]
    purposes = chunk.purposes[start:stop]
    bands = [source.band(p, b) for p, b in zip(purposes, match.band[start:stop].tolist(), strict=True)]
    percentages = [decimal(p) for p in match.percentage[start:stop].tolist()]
    return positions, bands, percentages


def gap_rows(result: ChunkResult, source: Source, setting: Setting) -> Iterator[list[list[str]]]:
    """``kesenjangan.csv``'s rows for every person of ``result``, each person's gaps most urgent first,
    :data:`BLOCK` people at a time (a whole chunk's rows at once would be a million lists)."""
    return _blocks(_gap_block, result, source, setting)


def _gap_block(
    result: ChunkResult, source: Source, setting: Setting, start: int, stop: int
) -> list[list[str]]:
    chunk, match = result.chunk, result.match
    order = match.order[start:stop].astype(np.int64)
    held = np.maximum(np.asarray(chunk.position[start:stop], dtype=np.int64), 0)
    importance = source.importance[held][:, : order.shape[1]]

    def ordered(values: np.ndarray) -> list[list[float]]:
        return np.take_along_axis(values, order, axis=1).tolist()

    competency, kind = ordered(match.competency[start:stop]), ordered(match.type[start:stop])
    required, actual = ordered(match.required[start:stop]), ordered(match.actual[start:stop])
    gap, priority = ordered(match.gap[start:stop]), ordered(match.priority[start:stop])
    weight = ordered(importance)
    positions, bands, percentages = _head(result, source, start, stop)
    codes, names, types, version = source.codes, source.names, source.types, setting.version
    rows: list[list[str]] = []
    for i, person in enumerate(chunk.people[start:stop]):
        j = start + i
        head = [person, positions[i], chunk.dates[j], chunk.purposes[j], version, percentages[i], bands[i][0]]
        rank = 0
        for slot, c in enumerate(competency[i]):
            if c < 0:
                continue
            rank += 1
            level, importance_value = actual[i][slot], weight[i][slot]
            rows.append(
                [
                    *head,
                    str(rank),
                    codes[c],
                    names[c],
                    types[kind[i][slot]],
                    str(int(required[i][slot])),
                    "" if level != level else str(int(level)),  # NaN: not scored
                    str(round(gap[i][slot])),
                    "" if importance_value != importance_value else decimal(importance_value, 3),
                    decimal(priority[i][slot], 3),
                    NOTICE,
                ]
            )
    return rows


def summary_rows(result: ChunkResult, source: Source, setting: Setting) -> Iterator[list[list[str]]]:
    """``ringkasan.csv``'s row for every person of ``result``, :data:`BLOCK` people at a time."""
    return _blocks(_summary_block, result, source, setting)


def _summary_block(
    result: ChunkResult, source: Source, setting: Setting, start: int, stop: int
) -> list[list[str]]:
    chunk, match = result.chunk, result.match
    mask = match.competency[start:stop] >= 0
    required = mask.sum(axis=1).tolist()
    with_gap = (mask & (np.rint(match.gap[start:stop]) > 0)).sum(axis=1).tolist()  # as a Gap rounds it
    positions, bands, percentages = _head(result, source, start, stop)
    talent = source.policy.talent
    rows = []
    for i, person in enumerate(chunk.people[start:stop]):
        j = start + i
        box = box_of(result.talent, j, talent) if result.talent is not None and talent is not None else None
        rows.append(
            [
                person,
                positions[i],
                chunk.dates[j],
                chunk.purposes[j],
                setting.formula,
                setting.version,
                percentages[i],
                bands[i][0],
                bands[i][1],
                str(required[i]),
                str(with_gap[i]),
                box_text(box, LOCALE),
                NOTICE,
            ]
        )
    return rows


def plan_rows(result: ChunkResult, source: Source, setting: Setting) -> Iterator[list[list[str]]]:
    """``rencana.csv``'s rows for every person of ``result`` (their plan's items in the order chosen),
    :data:`BLOCK` people at a time; ``source`` must know the catalogue."""
    return _blocks(_plan_block, result, source, setting)


def _plan_block(
    result: ChunkResult, source: Source, setting: Setting, start: int, stop: int
) -> list[list[str]]:
    chunk, match, plans = result.chunk, result.match, result.plans
    if plans is None:
        return []
    signature = plans.row[start:stop].tolist()
    wanted = sorted(set(signature))
    items = {}  # per signature row: (activity, target competency, JP text) of each item
    for u in wanted:
        activity, target, jp = plans.activity[u].tolist(), plans.target[u].tolist(), plans.jp[u].tolist()
        targets = plans.targets[u].tolist()
        row = []
        for a, t, j in zip(activity, target, jp, strict=True):
            if a < 0:
                break
            row.append((a, targets[t] if t >= 0 else -1, decimal(float(j))))
        items[u] = (bool(plans.gap_mode[u]), row)
    positions, _, _ = _head(result, source, start, stop)
    competency, gap = match.competency[start:stop].tolist(), match.gap[start:stop].tolist()
    years = plans.year[start:stop].tolist()
    codes, activities, version = source.codes, source.activities, setting.version
    rows: list[list[str]] = []
    for i, person in enumerate(chunk.people[start:stop]):
        gap_mode, chosen = items[signature[i]]
        gaps = {c: round(float(g)) for c, g in zip(competency[i], gap[i], strict=True) if c >= 0}
        year = str(int(years[i]))
        for rank, (a, c, jp) in enumerate(chosen, 1):
            code, name, form, bucket = activities[a]
            rows.append(
                [
                    person,
                    positions[i],
                    version,
                    str(rank),
                    codes[c] if c >= 0 else "",
                    source.competency_name(c),
                    str(gaps.get(c, 0) if gap_mode else 0),
                    code,
                    name,
                    form,
                    bucket,
                    jp,
                    year,
                    NOTICE,
                ]
            )
    return rows


MOVE_LEVELS = 1 << 22  # assessed levels (people × moves × competencies) matched at once


def move_rows(result: ChunkResult, source: Source, setting: Setting) -> Iterator[list[list[str]]]:
    """``mutasi.csv``'s rows for every person of ``result``, best move first: each person is matched
    against their candidate positions all at once, a block of people at a time, as
    :func:`kompiler.people.moves.moves_of` matches them one person at a time."""
    moves = result.moves
    if moves is None or not len(result):
        return
    width = max(1, moves.position.shape[1] * result.chunk.levels.shape[1])
    block = max(1, min(BLOCK, MOVE_LEVELS // width))
    yield from _blocks(_move_block, result, source, setting, block)


def _move_block(
    result: ChunkResult, source: Source, setting: Setting, start: int, stop: int
) -> list[list[str]]:
    chunk, moves = result.chunk, result.moves
    requirements, policy = source.requirements, source.policy.match
    assert moves is not None and requirements is not None and policy is not None
    targets = [[p for p in row if p >= 0] for row in moves.position[start:stop].tolist()]
    owner = np.array([i for i, row in enumerate(targets) for _ in row], dtype=np.int64) + start
    if not len(owner):
        return []
    candidates = Chunk(
        people=tuple(chunk.people[i] for i in owner.tolist()),
        position=np.array([p for row in targets for p in row], dtype=np.int64),
        levels=chunk.levels[owner],
        dates=tuple(chunk.dates[i] for i in owner.tolist()),
        purposes=tuple(chunk.purposes[i] for i in owner.tolist()),
        performance=chunk.performance[owner],
        potential=chunk.potential[owner],
        rows=chunk.rows[owner],
    )
    matched = match_chunk(candidates, requirements, policy)
    order = matched.order.astype(np.int64)

    def ordered(values: np.ndarray) -> list[list[float]]:
        return np.take_along_axis(values, order, axis=1).tolist()

    competency, required = ordered(matched.competency), ordered(matched.required)
    actual, gap = ordered(matched.actual), ordered(matched.gap)
    readiness = [decimal(p) for p in matched.percentage.tolist()]
    relatedness, score = moves.relatedness[start:stop].tolist(), moves.score[start:stop].tolist()
    kinds, equivalent = moves.kind[start:stop].tolist(), moves.by_equivalence[start:stop].tolist()
    positions, _, _ = _head(result, source, start, stop)
    codes, version = source.codes, setting.version
    rows: list[list[str]] = []
    r = 0
    for i, row in enumerate(targets):
        person = chunk.people[start + i]
        for slot, target in enumerate(row):
            name, unit = source.places[target]
            rows.append(
                [
                    person,
                    positions[i],
                    version,
                    str(slot + 1),
                    source.positions[target],
                    name,
                    unit,
                    KINDS[kinds[i][slot]].value,
                    "ya" if equivalent[i][slot] else "tidak",
                    decimal(round(relatedness[i][slot], 4), 4),
                    readiness[r],
                    decimal(round(score[i][slot], 4), 4),
                    _explained(competency[r], required[r], actual[r], gap[r], codes),
                    NOTICE,
                ]
            )
            r += 1
    return rows


def _explained(
    competency: list[float],
    required: list[float],
    actual: list[float],
    gap: list[float],
    codes: tuple[str, ...],
) -> str:
    """:func:`kompiler.render.people.view.explanation` of a candidate's gaps, from its ordered slots."""
    shown = []
    for slot, c in enumerate(competency):
        if c < 0 or round(gap[slot]) <= 0:
            continue
        level = actual[slot]
        shown.append(f"{codes[int(c)]} {'-' if level != level else int(level)}→{int(required[slot])}")
        if len(shown) == 3:
            break
    return "; ".join(shown)

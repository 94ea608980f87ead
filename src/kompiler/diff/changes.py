"""The changes between two corpora, stated by meaning: a level raised, an indicator rewritten, two positions
merged, rather than the YAML lines that moved.

Entities are matched by code first. What is left unmatched is then matched by content, because drafters
recode things: a competency with the same definition and levels under a new code is a rename, not a removal
plus an addition, and a new position that holds the tasks and requirements of two removed ones is a merge.
The result is a flat list of plain :class:`Change` values; wording them is the formatters' job.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from enum import StrEnum
from typing import Any

from kompiler.diff.words import Segment, coverage, jaccard, normalized, tokens, word_diff
from kompiler.model import Competency, CompetencyType, Corpus, Position
from kompiler.model.entities import (
    Citation,
    DevelopmentPolicy,
    Dictionary,
    Equivalence,
    LearningActivity,
    MatchPolicy,
    PlanPolicy,
    Qualifications,
    TalentPolicy,
)
from kompiler.model.fields import grounds, written

# Two competencies (or positions) whose text overlaps at least this much are the same thing recoded.
RENAME_SIMILARITY = 0.6
# A removed position is part of a merge when this share of its tasks and requirements is in the target.
MERGE_COVERAGE = 0.6
# Most removed × candidate pairs compared to find merges, recodings and edits (1,000 × 1,000): a
# wholesale recoding of tens of thousands of positions shows as removed and added, in seconds.
MAX_PAIRS = 1_000_000
# Two list items (tasks, outputs) this similar are one item edited rather than one removed, one added.
EDIT_SIMILARITY = 0.5


class Subject(StrEnum):
    """What a change is about, in the order a reader meets them."""

    SOURCE = "sumber"
    GRADE = "jenjang"
    FAMILY = "rumpun"
    DICTIONARY = "kamus"
    COMPETENCY = "kompetensi"
    POSITION = "jabatan"
    # The development policy (pengembangan/): how the standards are applied to people, not the standards.
    POLICY = "pengembangan"
    LEARNING_FORM = "bentuk_pembelajaran"
    ACTIVITY = "katalog"
    EQUIVALENCE = "penyetaraan"


class Kind(StrEnum):
    ADDED = "ditambahkan"
    REMOVED = "dihapus"
    RENAMED = "kode_diubah"
    MERGED = "digabung"
    CHANGED = "diubah"
    LEVEL_ADDED = "level_ditambahkan"
    LEVEL_REMOVED = "level_dihapus"
    INDICATOR_ADDED = "indikator_ditambahkan"
    INDICATOR_REMOVED = "indikator_dihapus"
    INDICATOR_RENUMBERED = "indikator_dinomori_ulang"
    REQUIREMENT_ADDED = "syarat_ditambahkan"
    REQUIREMENT_REMOVED = "syarat_dihapus"
    REQUIREMENT_RAISED = "level_syarat_naik"
    REQUIREMENT_LOWERED = "level_syarat_turun"
    REQUIREMENT_IMPORTANCE = "kepentingan_syarat_diubah"
    ITEM_ADDED = "butir_ditambahkan"
    ITEM_REMOVED = "butir_dihapus"


Value = str | int | float | None


@dataclass(frozen=True)
class Change:
    """One change. ``code`` is the entity's code after the change (before it, for removals).

    ``field`` names the YAML key that changed (``definisi``, ``rumpun``, ``tugas``,
    ``persyaratan.pendidikan``, …); ``level`` and ``item`` narrow it to a competency level and an
    indicator number or required competency code. Text edits carry a word-level diff in ``words``.
    """

    kind: Kind
    subject: Subject
    code: str
    name: str
    field: str | None = None
    level: int | None = None
    item: str | None = None
    before: Value = None
    after: Value = None
    old_code: str | None = None
    members: tuple[str, ...] = ()
    words: tuple[Segment, ...] = ()
    similarity: float | None = None


def compare(before: Corpus, after: Corpus) -> list[Change]:
    """Every change from ``before`` to ``after``, sources first and positions last, each by code."""
    changes: list[Change] = []
    changes += _simple(Subject.SOURCE, before.sources, after.sources, lambda s: s.title)
    changes += _simple(Subject.GRADE, before.grades, after.grades, lambda g: g.name)
    changes += _simple(Subject.FAMILY, before.families, after.families, lambda f: f.name)
    changes += _simple(
        Subject.DICTIONARY,
        _dictionaries(before.dictionaries),
        _dictionaries(after.dictionaries),
        lambda d: d.name,
    )
    competency_changes, recoded = _competencies(before.competencies, after.competencies)
    changes += competency_changes
    changes += _positions(before.positions, after.positions, recoded)
    changes += _development(before.development, after.development)
    return changes


# --- generic matching -------------------------------------------------------------------------------


def _pair_by_similarity(
    removed: Sequence[str], added: Sequence[str], score: Callable[[str, str], float], threshold: float
) -> list[tuple[str, str, float]]:
    """Pair removed and added codes best-first, each code at most once, keeping pairs above ``threshold``.

    Every removed code is scored against every added one, so beyond :data:`MAX_PAIRS` candidates (a
    wholesale recoding of thousands of positions) none is looked for: the codes are reported removed and
    added, in seconds, rather than the comparison running out of time or memory.
    """
    if not _searchable(removed, added):
        return []
    candidates = sorted(
        ((score(old, new), old, new) for old in removed for new in added),
        key=lambda item: (-item[0], item[1], item[2]),
    )
    pairs: list[tuple[str, str, float]] = []
    used_old: set[str] = set()
    used_new: set[str] = set()
    for similarity, old, new in candidates:
        if similarity < threshold or old in used_old or new in used_new:
            continue
        used_old.add(old)
        used_new.add(new)
        pairs.append((old, new, round(similarity, 3)))
    return pairs


def _searchable(removed: Sequence[str], candidates: Sequence[str]) -> bool:
    """Whether every removed code may be compared with every candidate: at most :data:`MAX_PAIRS` pairs.
    Beyond that, merges, recodings and edits are not looked for (the codes show as removed and added)."""
    return len(removed) * len(candidates) <= MAX_PAIRS


def _field(subject: Subject, code: str, name: str, field: str, before: Any, after: Any) -> Change | None:
    """A CHANGED change when the two values differ, with a word diff when both are text."""
    if before == after:
        return None
    words = word_diff(before, after) if isinstance(before, str) and isinstance(after, str) else ()
    return Change(Kind.CHANGED, subject, code, name, field, before=before, after=after, words=words)


def _fields(
    subject: Subject, code: str, name: str, old: dict[str, Value], new: dict[str, Value]
) -> list[Change]:
    found = (
        _field(subject, code, name, key, old.get(key), new.get(key)) for key in dict.fromkeys([*old, *new])
    )
    return [change for change in found if change is not None]


def _simple(
    subject: Subject,
    before: dict[str, Any],
    after: dict[str, Any],
    name: Callable[[Any], str],
) -> list[Change]:
    """Changes of entities described by a handful of scalar fields (sources, grades, families, dictionaries).

    An unmatched pair whose fields are identical apart from the code is a rename.
    """
    removed = [code for code in before if code not in after]
    added = [code for code in after if code not in before]

    # The field maps hold no code, so equal maps are the same entity under another code.
    old_fields = {code: _described(before[code]) for code in removed}
    new_fields = {code: _described(after[code]) for code in added}

    def same_content(old: str, new: str) -> float:
        return 1.0 if old_fields[old] == new_fields[new] else 0.0

    pairs = _pair_by_similarity(removed, added, same_content, 1.0)
    renamed_old = {old for old, _, _ in pairs}
    renamed_new = {new for _, new, _ in pairs}
    changes: list[Change] = []
    for old, new, similarity in pairs:
        changes.append(
            Change(Kind.RENAMED, subject, new, name(after[new]), old_code=old, similarity=similarity)
        )
    for code in removed:
        if code not in renamed_old:
            changes.append(Change(Kind.REMOVED, subject, code, name(before[code])))
    for code in added:
        if code not in renamed_new:
            changes.append(Change(Kind.ADDED, subject, code, name(after[code])))
    for code in before:
        if code in after:
            changes += _fields(
                subject, code, name(after[code]), _described(before[code]), _described(after[code])
            )
    return sorted(changes, key=lambda c: c.code)


def _citation(citation: Citation | None) -> str | None:
    if citation is None:
        return None
    return f"{citation.code} {citation.article}" if citation.article else citation.code


def _described(entity: Any) -> dict[str, Value]:
    """The format's fields of an entity, with a citation written as the line of text a reader sees (and
    what a catalogue activity develops as one line, "M.01 level 3, M.02 level 2")."""
    described: dict[str, Value] = {
        key: _citation(value) if isinstance(value, Citation) else value
        for key, value in written(entity).items()
    }
    if isinstance(entity, LearningActivity):
        described["mengembangkan"] = ", ".join(f"{d.competency} level {d.level}" for d in entity.develops)
    return described


def _dictionaries(dictionaries: Iterable[Dictionary]) -> dict[str, Dictionary]:
    """Dictionaries have no code; they are known by their type and, for technical ones, their field."""
    keyed: dict[str, Dictionary] = {}
    for dictionary in dictionaries:
        key = f"{dictionary.type.value}:{dictionary.field}" if dictionary.field else dictionary.type.value
        keyed.setdefault(key, dictionary)
    return keyed


# --- development policy -------------------------------------------------------------------------------


def _development(before: DevelopmentPolicy, after: DevelopmentPolicy) -> list[Change]:
    """Policy changes: each single section as one entity whose fields are its keys written out
    (``tujuan.pengisian.kategori.memenuhi_syarat.minimal``), the lists as coded entities."""
    changes: list[Change] = []
    for name, old_section, new_section in (
        ("kecocokan", before.match, after.match),
        ("rencana", before.plan, after.plan),
        ("talenta", before.talent, after.talent),
    ):
        old = _flat(old_section) if old_section else None
        new = _flat(new_section) if new_section else None
        if old is None and new is not None:
            changes.append(Change(Kind.ADDED, Subject.POLICY, name, name))
        elif old is not None and new is None:
            changes.append(Change(Kind.REMOVED, Subject.POLICY, name, name))
        elif old is not None and new is not None:
            changes += _fields(Subject.POLICY, name, name, old, new)
    changes += _simple(Subject.LEARNING_FORM, before.forms, after.forms, lambda f: f.name)
    changes += _simple(Subject.ACTIVITY, before.catalogue, after.catalogue, lambda a: a.name)
    changes += _simple(
        Subject.EQUIVALENCE, _equated(before.equivalences), _equated(after.equivalences), lambda e: e.grade
    )
    return changes


def _equated(equivalences: Iterable[Equivalence]) -> dict[str, Equivalence]:
    """Penyetaraan has no code: it is known by the grade it equates (the first, as KMP124 requires one)."""
    keyed: dict[str, Equivalence] = {}
    for equivalence in equivalences:
        keyed.setdefault(equivalence.grade, equivalence)
    return keyed


def _flat(section: MatchPolicy | PlanPolicy | TalentPolicy) -> dict[str, Value]:
    """A single policy section as the dotted keys of its file and their values, as a reader sees them."""
    out: dict[str, Value]
    if isinstance(section, MatchPolicy):
        out = {
            "versi": section.version,
            "rumus": section.formula.value,
            "batas_atas": str(section.capped).lower(),
            "nilai_kosong": section.missing,
        }
        for code, purpose in section.purposes.items():
            out[f"tujuan.{code}.nama"] = purpose.name
            for band in purpose.bands:
                out[f"tujuan.{code}.kategori.{band.code}.nama"] = band.name
                out[f"tujuan.{code}.kategori.{band.code}.minimal"] = band.minimum
    elif isinstance(section, PlanPolicy):
        out = {"jp_minimal": section.minimum_jp}
        out |= {f"proporsi.kelompok.{bucket}": share for bucket, share in sorted(section.shares.items())}
        out["proporsi.toleransi"] = section.tolerance
        out |= {f"proporsi.{key}": value for key, value in _grounds(section, "shares_").items()}
    else:
        out = {
            "kinerja.batas": ", ".join(f"{cut:g}" for cut in section.performance_cuts),
            "potensi.batas": ", ".join(f"{cut:g}" for cut in section.potential_cuts),
        }
        out |= {f"kotak.{section.numbers.get(key, key)}": name for key, name in sorted(section.boxes.items())}
    return out | _grounds(section)


def _grounds(section: MatchPolicy | PlanPolicy | TalentPolicy, prefix: str = "") -> dict[str, Value]:
    """A section's grounds (:data:`~kompiler.model.fields.GROUNDS`), a citation as a line of text."""
    return {
        key: _citation(value) if isinstance(value, Citation) else value
        for key, value in grounds(section, prefix).items()
    }


# --- competencies -----------------------------------------------------------------------------------


def _competency_text(competency: Competency) -> frozenset[str]:
    texts = [competency.definition]
    for level in competency.levels:
        texts.append(level.description)
        texts.extend(indicator.text for indicator in level.indicators)
    return tokens(texts)


def _competencies(
    before: dict[str, Competency], after: dict[str, Competency]
) -> tuple[list[Change], dict[str, str]]:
    """Competency changes, and the map of recoded competencies (old code → new code)."""
    removed = [code for code in before if code not in after]
    added = [code for code in after if code not in before]
    fingerprints = {("a", c): _competency_text(before[c]) for c in removed}
    fingerprints |= {("b", c): _competency_text(after[c]) for c in added}

    def score(old: str, new: str) -> float:
        if before[old].type != after[new].type:
            return 0.0
        return jaccard(fingerprints["a", old], fingerprints["b", new])

    pairs = _pair_by_similarity(removed, added, score, RENAME_SIMILARITY)
    recoded = {old: new for old, new, _ in pairs}
    recoded_new = set(recoded.values())
    changes: list[Change] = []
    for code in removed:
        if code not in recoded:
            changes.append(Change(Kind.REMOVED, Subject.COMPETENCY, code, before[code].name))
    for code in added:
        if code not in recoded_new:
            changes.append(Change(Kind.ADDED, Subject.COMPETENCY, code, after[code].name))
    for old, new, similarity in pairs:
        changes.append(
            Change(
                Kind.RENAMED, Subject.COMPETENCY, new, after[new].name, old_code=old, similarity=similarity
            )
        )
        changes += _competency_edits(before[old], after[new])
    for code in before:
        if code in after:
            changes += _competency_edits(before[code], after[code])
    return sorted(changes, key=lambda c: c.code), recoded


def _competency_edits(old: Competency, new: Competency) -> list[Change]:
    code, name = new.code, new.name
    changes = _fields(
        Subject.COMPETENCY,
        code,
        name,
        {"nama": old.name, "definisi": old.definition, "bidang": old.field},
        {"nama": new.name, "definisi": new.definition, "bidang": new.field},
    )
    old_levels = {level.level: level for level in old.levels}
    new_levels = {level.level: level for level in new.levels}
    for number in sorted(old_levels.keys() | new_levels.keys()):
        was, now = old_levels.get(number), new_levels.get(number)
        if now is None:
            changes.append(
                Change(
                    Kind.LEVEL_REMOVED, Subject.COMPETENCY, code, name, level=number, before=was.description
                )  # type: ignore[union-attr]
            )
            continue
        if was is None:
            changes.append(
                Change(Kind.LEVEL_ADDED, Subject.COMPETENCY, code, name, level=number, after=now.description)
            )
            continue
        described = _field(Subject.COMPETENCY, code, name, "deskripsi", was.description, now.description)
        if described is not None:
            changes.append(replace(described, level=number))
        changes += _indicator_edits(code, name, number, was.indicators, now.indicators)
    return changes


def _indicator_edits(code: str, name: str, level: int, old: Sequence, new: Sequence) -> list[Change]:
    """Indicators are matched by text first, so one that only moved is a renumbering; what is left is
    matched by number (an edited indicator), and the rest was added or removed."""
    old_by_number = {i.number: i.text for i in old}
    new_by_number = {i.number: i.text for i in new}
    new_by_text = {normalized(text): number for number, text in new_by_number.items()}
    changes: list[Change] = []
    same: dict[str, str] = {}
    for number, text in old_by_number.items():
        target = new_by_text.get(normalized(text))
        if target is not None and target not in same.values():
            same[number] = target
    common = dict(code=code, name=name, subject=Subject.COMPETENCY, level=level)
    for number, target in same.items():
        if number != target:
            changes.append(
                Change(Kind.INDICATOR_RENUMBERED, item=target, before=number, after=target, **common)
            )
    old_left = [n for n in old_by_number if n not in same]
    new_left = [n for n in new_by_number if n not in same.values()]
    for number in old_left:
        if number in new_left:
            edited = _field(
                Subject.COMPETENCY, code, name, "indikator", old_by_number[number], new_by_number[number]
            )
            assert edited is not None
            changes.append(replace(edited, level=level, item=number))
        else:
            changes.append(
                Change(Kind.INDICATOR_REMOVED, item=number, before=old_by_number[number], **common)
            )
    for number in new_left:
        if number not in old_left:
            changes.append(Change(Kind.INDICATOR_ADDED, item=number, after=new_by_number[number], **common))
    return changes


# --- positions --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Profile:
    """What a position is, for matching: its task and requirement fingerprints."""

    summary: frozenset[str]
    task_words: frozenset[str]
    tasks: tuple[frozenset[str], ...]
    requirements: frozenset[str]


def _profile(position: Position, recoded: dict[str, str]) -> _Profile:
    """Tasks and technical requirements say what a position does; managerial and socio-cultural
    requirements follow from its grade and are shared by most positions, so they do not tell two apart."""
    return _Profile(
        summary=tokens([position.summary]),
        task_words=tokens(position.tasks),
        tasks=tuple(tokens([task]) for task in position.tasks),
        requirements=frozenset(
            recoded.get(r.code, r.code) for r in position.requirements if r.type is CompetencyType.TECHNICAL
        ),
    )


def _task_coverage(part: _Profile, whole: _Profile) -> float:
    """Share of ``part``'s tasks that have a close match among ``whole``'s tasks."""
    if not part.tasks:
        return 1.0
    matched = sum(1 for task in part.tasks if any(jaccard(task, other) >= 0.75 for other in whole.tasks))
    return matched / len(part.tasks)


def _covered(part: _Profile, whole: _Profile) -> bool:
    return (
        _task_coverage(part, whole) >= MERGE_COVERAGE
        and coverage(part.requirements, whole.requirements) >= MERGE_COVERAGE
    )


def _positions(
    before: dict[str, Position], after: dict[str, Position], recoded: dict[str, str]
) -> list[Change]:
    removed = [code for code in before if code not in after]
    added = [code for code in after if code not in before]
    # Profiles only serve to place removed positions (merged, recoded, absorbed); without any, a diff
    # of a large corpus would fingerprint every position for nothing.
    old_profiles = {code: _profile(p, recoded) for code, p in before.items()} if removed else {}
    new_profiles = {code: _profile(p, {}) for code, p in after.items()} if removed else {}
    changes: list[Change] = []

    # A new position holding the content of two or more removed ones is a merge of them.
    merged: set[str] = set()
    targets: set[str] = set()
    for target in added if _searchable(removed, added) else ():
        members = [c for c in removed if c not in merged and _covered(old_profiles[c], new_profiles[target])]
        if len(members) >= 2:
            merged.update(members)
            targets.add(target)
            changes.append(
                Change(Kind.MERGED, Subject.POSITION, target, after[target].name, members=tuple(members))
            )

    # One removed and one added position with nearly the same content is a recoding.
    left_removed = [c for c in removed if c not in merged]
    left_added = [c for c in added if c not in targets]

    def score(old: str, new: str) -> float:
        a, b = old_profiles[old], new_profiles[new]
        return (
            0.6 * jaccard(a.task_words, b.task_words)
            + 0.2 * jaccard(a.summary, b.summary)
            + 0.2 * jaccard(a.requirements, b.requirements)
        )

    pairs = _pair_by_similarity(left_removed, left_added, score, RENAME_SIMILARITY)
    for old, new, similarity in pairs:
        changes.append(
            Change(Kind.RENAMED, Subject.POSITION, new, after[new].name, old_code=old, similarity=similarity)
        )
        changes += _position_edits(before[old], after[new], recoded)
    renamed_old = {old for old, _, _ in pairs}
    renamed_new = {new for _, new, _ in pairs}

    # A removed position whose content a kept position has taken over was merged into it.
    kept = [code for code in after if code in before]
    absorbed: dict[str, list[str]] = {}
    for code in left_removed if _searchable(left_removed, kept) else ():
        if code in renamed_old:
            continue
        profile = old_profiles[code]
        host = next(
            (
                k
                for k in kept
                if _covered(profile, new_profiles[k]) and not _covered(profile, old_profiles[k])
            ),
            None,
        )
        if host is not None:
            absorbed.setdefault(host, []).append(code)
            merged.add(code)
    for host, members in absorbed.items():
        changes.append(
            Change(Kind.MERGED, Subject.POSITION, host, after[host].name, members=(host, *members))
        )

    for code in removed:
        if code not in merged and code not in renamed_old:
            changes.append(Change(Kind.REMOVED, Subject.POSITION, code, before[code].name))
    for code in added:
        if code not in targets and code not in renamed_new:
            changes.append(Change(Kind.ADDED, Subject.POSITION, code, after[code].name))
    for code in kept:
        changes += _position_edits(before[code], after[code], recoded)
    order = {kind: index for index, kind in enumerate(Kind)}
    return sorted(changes, key=lambda c: (c.code, order[c.kind] if c.kind in _HEADLINE else len(order)))


_HEADLINE = frozenset({Kind.ADDED, Kind.REMOVED, Kind.RENAMED, Kind.MERGED})


def _position_edits(old: Position, new: Position, recoded: dict[str, str]) -> list[Change]:
    code, name = new.code, new.name
    changes = _fields(Subject.POSITION, code, name, _described(old), _described(new))
    changes += _requirement_edits(old, new, recoded)
    changes += _list_edits(code, name, "tugas", old.tasks, new.tasks)
    changes += _list_edits(code, name, "hasil_kerja", old.outputs, new.outputs)
    old_lines, new_lines = _qualification_lines(old.qualifications), _qualification_lines(new.qualifications)
    for section in dict.fromkeys([*old_lines, *new_lines]):
        changes += _list_edits(
            code, name, f"persyaratan.{section}", old_lines.get(section, ()), new_lines.get(section, ())
        )
    return changes


def _requirement_edits(old: Position, new: Position, recoded: dict[str, str]) -> list[Change]:
    """Required competencies: added, removed, level up or down, importance rated anew. A requirement that
    follows its competency to a new code, or keeps the old code, is the same requirement."""
    was = {r.code: r for r in old.requirements}
    now = {r.code: r for r in new.requirements}
    changes: list[Change] = []
    common = dict(subject=Subject.POSITION, code=new.code, name=new.name)
    matched: set[str] = set()
    for competency, before in was.items():
        current = competency if competency in now else recoded.get(competency)
        if current is None or current not in now:
            changes.append(Change(Kind.REQUIREMENT_REMOVED, item=competency, before=before.level, **common))
            continue
        matched.add(current)
        after = now[current]
        if after.level != before.level:
            kind = Kind.REQUIREMENT_RAISED if after.level > before.level else Kind.REQUIREMENT_LOWERED
            changes.append(Change(kind, item=current, before=before.level, after=after.level, **common))
        if after.importance != before.importance:
            changes.append(
                Change(
                    Kind.REQUIREMENT_IMPORTANCE,
                    item=current,
                    before=before.importance,
                    after=after.importance,
                    **common,
                )
            )
    for competency, requirement in now.items():
        if competency not in matched:
            changes.append(Change(Kind.REQUIREMENT_ADDED, item=competency, after=requirement.level, **common))
    return changes


def _list_edits(code: str, name: str, field: str, old: Sequence[str], new: Sequence[str]) -> list[Change]:
    """Items of a list of texts: kept, edited (a close pair), removed or added. Order alone is no change."""
    old_keys = {normalized(text) for text in old}
    new_keys = {normalized(text) for text in new}
    gone = [text for text in old if normalized(text) not in new_keys]
    came = [text for text in new if normalized(text) not in old_keys]
    fingerprints = {text: tokens([text]) for text in (*gone, *came)}
    pairs = _pair_by_similarity(
        list(dict.fromkeys(gone)),
        list(dict.fromkeys(came)),
        lambda a, b: jaccard(fingerprints[a], fingerprints[b]),
        EDIT_SIMILARITY,
    )
    edited_old = {a for a, _, _ in pairs}
    edited_new = {b for _, b, _ in pairs}
    changes: list[Change] = []
    for before, after, _ in pairs:
        changes.append(
            Change(
                Kind.CHANGED,
                Subject.POSITION,
                code,
                name,
                field,
                before=before,
                after=after,
                words=word_diff(before, after),
            )
        )
    changes += [
        Change(Kind.ITEM_REMOVED, Subject.POSITION, code, name, field, before=text)
        for text in dict.fromkeys(gone)
        if text not in edited_old
    ]
    changes += [
        Change(Kind.ITEM_ADDED, Subject.POSITION, code, name, field, after=text)
        for text in dict.fromkeys(came)
        if text not in edited_new
    ]
    return changes


def _qualification_lines(q: Qualifications) -> dict[str, tuple[str, ...]]:
    """The Persyaratan Jabatan table as lines per section, so changes read like the table rows."""
    lines: dict[str, tuple[str, ...]] = {
        "pendidikan": tuple(
            f"{e.level}{' ' + ', '.join(e.fields) if e.fields else ''} ({e.importance})" for e in q.education
        ),
    }
    for kind, items in q.training.items():
        lines[f"pelatihan.{kind}"] = tuple(f"{i.text} ({i.importance})" for i in items)
    lines["pengalaman"] = tuple(f"{i.text} ({i.importance})" for i in q.experience)
    lines["pangkat"] = (f"{q.rank} ({q.rank_importance})",) if q.rank else ()
    lines["indikator_kinerja"] = tuple(f"{i.text} ({i.importance})" for i in q.performance)
    return lines

"""Turn groups into merge proposals a reviewer can judge: evidence, a suggested name and family, a draft.

A proposal explains itself: the competencies every member requires (the core of the broader position),
those only some members require (what differs), the tasks they have in common, and a draft standard for
the merged position written as YAML in the project's own format. The draft takes the union of the
technical requirements at the highest level found, the managerial and socio-cultural levels that the
grade table (``jenjang.yaml``) sets for the grade, and the union of the position requirements.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

import yaml

from kompiler.graph.shared_tasks import Theme, themes
from kompiler.graph.similarity import STOPWORDS, words
from kompiler.model import CompetencyType, Corpus, Grade, Position
from kompiler.model.entities import EDUCATION_ORDER, RANK_ORDER

_IMPORTANCE = {"mutlak": 3, "penting": 2, "perlu": 1}
# libyaml's emitter, when PyYAML has it, writes the same text as the pure-Python one five times faster.
_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


@dataclass(frozen=True)
class SharedCompetency:
    code: str
    name: str
    levels: dict[str, int]  # member code → required level
    importance: dict[str, float] = field(default_factory=dict)  # member code → kepentingan, where rated

    @property
    def highest(self) -> int:
        return max(self.levels.values())

    @property
    def highest_importance(self) -> float | None:
        """What the merged position rates it: the most any member does, as with the level."""
        return max(self.importance.values(), default=None)


@dataclass(frozen=True)
class Cohesion:
    """How close a group's members are: the lowest and the mean score of its pairs."""

    minimum: float
    mean: float

    @classmethod
    def of(cls, scores: list[float]) -> Cohesion:
        return cls(min(scores), sum(scores) / len(scores))

    def as_dict(self) -> dict[str, float]:
        return {"rata_rata": round(self.mean, 4), "minimum": round(self.minimum, 4)}


@dataclass
class Proposal:
    """One proposed merge, with everything the reviewer needs to accept or reject it.

    ``similarity`` is the cohesion of its pairs' similarities, ``merge`` that of their merge scores (what
    the threshold was compared with, :mod:`kompiler.graph.crowding`)."""

    code: str
    members: tuple[Position, ...]
    similarity: Cohesion
    merge: Cohesion
    pairs: list[dict[str, Any]]
    core: list[SharedCompetency]
    optional: list[SharedCompetency]
    common_tasks: list[str]
    common_task_words: list[str]
    suggested_name: str
    suggested_family: str
    community: int | None
    status: str = "baru"
    decision: dict[str, Any] | None = None
    draft: dict[str, Any] = field(default_factory=dict)

    @property
    def member_codes(self) -> list[str]:
        return [p.code for p in self.members]

    def draft_yaml(self) -> str:
        """The draft standard as a YAML file that ``kompiler check`` accepts."""
        return self._draft_text

    @cached_property
    def _draft_text(self) -> str:
        """Dumped once, after :func:`build_proposal` has set the draft: the JSON, the Markdown report and
        the site all print it, and dumping YAML is the slowest part of the merge outputs."""
        header = [
            "# yaml-language-server: $schema=../../schemas/jabatan.schema.json",
            "# Rancangan standar hasil penggabungan, diusulkan oleh `kompiler merge`; belum ditetapkan.",
            f"# Anggota: {', '.join(self.member_codes)}",
            "# Kompetensi teknis inti (dipersyaratkan semua anggota): "
            + (", ".join(c.code for c in self.core) or "-"),
            "# Kompetensi teknis pilihan (dipersyaratkan sebagian anggota): "
            + (", ".join(c.code for c in self.optional) or "-"),
        ]
        body = yaml.dump(self.draft, Dumper=_DUMPER, allow_unicode=True, sort_keys=False, width=110)
        return "\n".join(header) + "\n" + body


def proposal_code(codes: list[str]) -> str:
    """A stable code for a proposal: the same members always give the same code."""
    digest = hashlib.sha1("\n".join(sorted(codes)).encode()).hexdigest()[:8].upper()
    return f"USUL.{digest}"


def _technical(members: tuple[Position, ...], corpus: Corpus) -> tuple[list[SharedCompetency], ...]:
    levels: dict[str, dict[str, int]] = {}
    importance: dict[str, dict[str, float]] = {}
    for position in members:
        for requirement in position.required(CompetencyType.TECHNICAL):
            levels.setdefault(requirement.code, {})[position.code] = requirement.level
            if requirement.importance is not None:
                importance.setdefault(requirement.code, {})[position.code] = requirement.importance
    core, optional = [], []
    for code in sorted(levels):
        competency = corpus.competency(code)
        shared = SharedCompetency(
            code, competency.name if competency else code, levels[code], importance.get(code, {})
        )
        (core if len(levels[code]) == len(members) else optional).append(shared)
    return core, optional


def _draft_requirement(shared: SharedCompetency) -> dict[str, Any]:
    requirement: dict[str, Any] = {"kode": shared.code, "level": shared.highest}
    if shared.highest_importance is not None:
        requirement["kepentingan"] = shared.highest_importance
    return requirement


def _common_tasks(members: tuple[Position, ...], task_themes: list[Theme]) -> tuple[list[str], list[str]]:
    """The tasks two or more members share (of ``task_themes``, the themes of their tasks), in their most
    central wording, those most share first; and the content words every member's tasks use."""
    shared = [theme for theme in task_themes if theme.positions >= 2]
    tasks = [theme.wording for theme in sorted(shared, key=lambda theme: -theme.positions)]
    vocab = [{w for task in p.tasks for w in words(task)} for p in members]
    common_words = sorted(set.intersection(*vocab)) if vocab else []
    return tasks, common_words


def suggest_name(members: tuple[Position, ...], grade_pattern: str | None) -> str:
    """A name from the words most member names share, led by a role word, ending with the grade name.

    Words used by at least half of the names (and by two or more) are kept in the order the names use
    them; when none of them opens a name, the most common opening word (the role, such as "Pengelola" or
    "Analis") is put in front. The grade's naming pattern stays at the end.
    """
    grade_words = {w.lower() for w in (grade_pattern or "").split()}
    names = [[w for w in p.name.split() if w.lower() not in grade_words] for p in members]
    spelled, chosen = _shared_words(names, needed=max(2, (len(members) + 1) // 2))
    ordered = _in_name_order(chosen, names)
    name = " ".join(spelled[w] for w in _led_by_role(ordered, names)) or members[0].name
    if grade_pattern and grade_pattern.lower() not in name.lower():
        name = f"{name} {grade_pattern}"
    return name


def _shared_words(names: list[list[str]], needed: int) -> tuple[dict[str, str], list[str]]:
    """Each word's first spelling, and the words (lower case, first seen first, no stopwords) used by at
    least ``needed`` of the names."""
    spelled: dict[str, str] = {}
    counts: Counter[str] = Counter()
    for name in names:
        for word in dict.fromkeys(w.lower() for w in name):
            counts[word] += 1
        for w in name:
            spelled.setdefault(w.lower(), w)
    return spelled, [w for w in spelled if counts[w] >= needed and w not in STOPWORDS]


def _in_name_order(chosen: list[str], names: list[list[str]]) -> list[str]:
    """``chosen`` in the order the names use them: by each word's mean place in the names holding it
    (0 at the start of a name, towards 1 at its end), first seen first on a tie.

    The order words are first seen in across names is not the order of any one name: "Pengadministrasi
    Kepegawaian" seen before "Pengolah Data Kepegawaian" would give "Kepegawaian Data".
    """
    places: dict[str, list[float]] = {w: [] for w in chosen}
    for name in names:
        lowered = [w.lower() for w in name]
        for word in places:
            if word in lowered:
                places[word].append(lowered.index(word) / len(lowered))
    return sorted(chosen, key=lambda w: sum(places[w]) / len(places[w]))


def _led_by_role(chosen: list[str], names: list[list[str]]) -> list[str]:
    """``chosen`` opened by the most common opening word, unless one of the openings already leads it.

    Among equally common openings, the one whose name holds most of ``chosen`` wins (then the earliest):
    the suggestion is then a member's own name when one member's name is exactly the shared words.
    """
    openers = Counter(name[0].lower() for name in names if name)
    if not openers or (chosen and chosen[0] in openers):
        return chosen
    shared: dict[str, int] = {}
    for name in names:
        if name:
            held = len(set(chosen) & {w.lower() for w in name})
            shared[name[0].lower()] = max(shared.get(name[0].lower(), 0), held)
    first_words = [n[0].lower() for n in names if n]
    opener = min(openers, key=lambda w: (-openers[w], -shared[w], first_words.index(w)))
    return [opener, *(w for w in chosen if w != opener)]


def _most_common(values: list[str]) -> str:
    counts = Counter(values)
    return min(counts, key=lambda v: (-counts[v], v))


def _lines(groups: list[tuple[Any, ...]]) -> list[dict[str, str]]:
    merged: dict[str, dict[str, str]] = {}
    for group in groups:
        for line in group:
            key = " ".join(line.text.lower().split())
            old = merged.get(key)
            if old is None or _IMPORTANCE[line.importance] > _IMPORTANCE[old["tingkat"]]:
                merged[key] = {"uraian": line.text, "tingkat": line.importance}
    return list(merged.values())


def generic_codes(corpus: Corpus) -> tuple[list[str], list[str]]:
    """The managerial and socio-cultural competencies every position requires, in code order."""
    return (
        sorted(c.code for c in corpus.competencies_of(CompetencyType.MANAGERIAL)),
        sorted(c.code for c in corpus.competencies_of(CompetencyType.SOCIOCULTURAL)),
    )


def _draft(
    proposal: Proposal, corpus: Corpus, generic: tuple[list[str], list[str]], task_themes: list[Theme]
) -> dict[str, Any]:
    """The merged position's standard, keys in the order a hand-written ``jabatan/*.yaml`` has them: one
    task per theme of the members' tasks (``task_themes``)."""
    members = proposal.members
    first = members[0]
    field_ = _most_common([p.field for p in members if p.field]) if any(p.field for p in members) else None
    technical = sorted(proposal.core + proposal.optional, key=lambda c: (c not in proposal.core, c.code))
    draft: dict[str, Any] = {
        "kode": proposal.code,
        "nama": proposal.suggested_name,
        "jenis": first.kind.value,
        "jenjang": first.grade,
    }
    if first.classification:
        draft["klasifikasi"] = first.classification
    draft["rumpun"] = proposal.suggested_family
    if field_:
        draft["bidang"] = field_
    draft["unit_kerja"] = _most_common([p.unit for p in members])
    draft["urusan"] = _most_common([p.affairs for p in members])
    names = ", ".join(dict.fromkeys(p.name for p in members))
    draft["ikhtisar"] = f"Jabatan hasil penggabungan {names}. " + first.summary.strip()
    draft["tugas"] = [theme.wording for theme in task_themes]
    if outputs := [theme.wording for theme in themes(p.outputs for p in members)]:
        draft["hasil_kerja"] = outputs
    draft["kompetensi"] = _draft_competencies(technical, corpus.grades.get(first.grade), generic)
    if fields_used := _other_fields(technical, corpus, field_):
        draft["alasan_lintas_bidang"] = (
            "Jabatan hasil penggabungan memakai kompetensi teknis bidang "
            + ", ".join(fields_used)
            + " yang dipersyaratkan oleh jabatan asalnya."
        )
    draft["persyaratan"] = _draft_qualifications(members)
    draft["sumber"] = {
        "kode": first.citation.code,
        **({"pasal": first.citation.article} if first.citation.article else {}),
    }
    draft["berlaku_mulai"] = max(p.valid_from for p in members)
    return draft


def _draft_competencies(
    technical: list[SharedCompetency], grade: Grade | None, generic: tuple[list[str], list[str]]
) -> dict[str, list[dict[str, Any]]]:
    """Managerial and socio-cultural at the grade's levels (1 without a grade), technical as merged."""
    return {
        "manajerial": [
            {"kode": code, "level": grade.managerial_level if grade else 1} for code in generic[0]
        ],
        "sosial_kultural": [
            {"kode": code, "level": grade.sociocultural_level if grade else 1} for code in generic[1]
        ],
        "teknis": [_draft_requirement(c) for c in technical],
    }


def _other_fields(technical: list[SharedCompetency], corpus: Corpus, field_: str | None) -> list[str]:
    """The fields, other than the merged position's own, of the technical competencies it requires."""
    return sorted(
        {
            c.field
            for s in technical
            if (c := corpus.competency(s.code)) is not None and c.field and c.field != field_
        }
    )


def _draft_qualifications(members: tuple[Position, ...]) -> dict[str, Any]:
    """The union of the members' position requirements, each at the most important level found."""
    requirements: dict[str, Any] = {"pendidikan": _draft_education(members)}
    training: dict[str, list[dict[str, str]]] = {}
    for kind in ("manajerial", "teknis", "fungsional"):
        if lines := _lines([p.qualifications.training.get(kind, ()) for p in members]):
            training[kind] = lines
    if training:
        requirements["pelatihan"] = training
    if experience := _lines([p.qualifications.experience for p in members]):
        requirements["pengalaman"] = experience
    ranked = [p for p in members if p.qualifications.rank]
    if ranked:
        top = max(ranked, key=lambda p: RANK_ORDER.get(p.qualifications.rank or "", -1))
        requirements["pangkat"] = {
            "golongan": top.qualifications.rank,
            "tingkat": top.qualifications.rank_importance,
        }
    if performance := _lines([p.qualifications.performance for p in members]):
        requirements["indikator_kinerja"] = performance
    return requirements


def _draft_education(members: tuple[Position, ...]) -> list[dict[str, Any]]:
    """One entry per education level: the union of its fields at the most important level, lowest first."""
    education: dict[str, dict[str, Any]] = {}
    for position in members:
        for entry in position.qualifications.education:
            slot = education.setdefault(
                entry.level, {"jenjang": entry.level, "bidang": [], "tingkat": "perlu"}
            )
            slot["bidang"] = sorted(set(slot["bidang"]) | set(entry.fields))
            if _IMPORTANCE[entry.importance] > _IMPORTANCE[slot["tingkat"]]:
                slot["tingkat"] = entry.importance
    return [
        {k: v for k, v in e.items() if v != []}
        for e in sorted(education.values(), key=lambda e: EDUCATION_ORDER[e["jenjang"]])
    ]


def build_proposal(
    corpus: Corpus,
    members: tuple[Position, ...],
    similarity: Cohesion,
    merge: Cohesion,
    pairs: list[dict[str, Any]],
    community: int | None,
    generic: tuple[list[str], list[str]],
) -> Proposal:
    codes = [p.code for p in members]
    core, optional = _technical(members, corpus)
    task_themes = themes(p.tasks for p in members)
    tasks, task_words = _common_tasks(members, task_themes)
    grade = corpus.grades.get(members[0].grade)
    proposal = Proposal(
        code=proposal_code(codes),
        members=members,
        similarity=similarity,
        merge=merge,
        pairs=pairs,
        core=core,
        optional=optional,
        common_tasks=tasks,
        common_task_words=task_words,
        suggested_name=suggest_name(members, grade.name_pattern if grade else None),
        suggested_family=_most_common([p.family for p in members]),
        community=community,
    )
    proposal.draft = _draft(proposal, corpus, generic, task_themes)
    return proposal

"""KMP125: the catalogue has no activity, in some bucket the plan needs, that develops a required
competency up to the level positions require."""

from __future__ import annotations

from collections.abc import Iterator

from kompiler.diagnostics import Message, Severity
from kompiler.model import Corpus
from kompiler.model.entities import PolicySection
from kompiler.rules.base import Context, Example, Finding, Placement, Rule, Scope


def _required(corpus: Corpus) -> dict[str, int]:
    """The highest level any position requires of each competency."""
    highest: dict[str, int] = {}
    for position in corpus.positions.values():
        for requirement in position.requirements:
            if highest.get(requirement.code, 0) < requirement.level:
                highest[requirement.code] = requirement.level
    return highest


def _taught(corpus: Corpus) -> dict[tuple[str, int], int] | None:
    """The highest level the catalogue teaches of each competency, per bucket of its activities' forms;
    ``None`` while an activity's form is unknown or broken (KMP120 or the schema error says so first),
    as no bucket can then be judged without a guess."""
    policy = corpus.development
    taught: dict[tuple[str, int], int] = {}
    for activity in policy.catalogue.values():
        form = policy.forms.get(activity.form)
        if form is None:
            return None
        for develops in activity.develops:
            key = (develops.competency, form.bucket)
            taught[key] = max(taught.get(key, 0), develops.level)
    return taught


def check(corpus: Corpus, context: Context) -> Iterator[Finding]:
    policy = corpus.development
    section = next((s for s in corpus.entities.policy_sections if s.name == "katalog"), None)
    if policy.plan is None or section is None or not policy.catalogue:
        return
    needed = sorted(bucket for bucket, share in policy.plan.shares.items() if share > 0)
    taught = _taught(corpus)
    if taught is None:
        return
    for code, level in sorted(_required(corpus).items()):
        if code not in corpus.competencies:
            continue  # KMP020 reports it
        missing = [bucket for bucket in needed if taught.get((code, bucket), 0) < level]
        if missing:
            yield _finding(section, code, level, missing)


def _finding(section: PolicySection, code: str, level: int, missing: list[int]) -> Finding:
    buckets = ", ".join(str(bucket) for bucket in missing)
    return Finding(
        section.origin.at(key=True),
        Message(
            f"Katalog tidak memiliki kegiatan kelompok {buckets} yang mengembangkan {code} sampai level "
            f"{level} (level tertinggi yang dipersyaratkan jabatan); rencana untuk kesenjangan ini tidak "
            "dapat mengikuti proporsi 10:20:70.",
            f"The catalogue has no activity in bucket {buckets} that develops {code} up to level {level} "
            "(the highest level a position requires); a plan for this gap cannot follow the 10:20:70 split.",
        ),
    )


RULE = Rule(
    code="KMP125",
    title=Message("Katalog tidak mencakup kelompok rencana", "Catalogue misses a plan bucket"),
    severity=Severity.WARNING,
    scope=Scope.CORPUS,
    explanation=Message(
        "Rencana Pengembangan Kompetensi menutup kesenjangan dengan kegiatan dari katalog, dibagi menurut "
        "proporsi 10:20:70. Untuk setiap kompetensi yang dipersyaratkan jabatan, katalog sebaiknya memiliki "
        "kegiatan di setiap kelompok yang memperoleh bagian, sampai level tertinggi yang dipersyaratkan; "
        "tanpanya rencana untuk kesenjangan itu tidak seimbang.",
        "A development plan closes gaps with catalogue activities, split 10:20:70. For every competency a "
        "position requires, the catalogue should hold an activity in every bucket with a share, up to the "
        "highest level required; without one, a plan for that gap cannot be balanced.",
    ),
    legal_source=Message(
        "PP 11/2017 jo. PP 17/2020, Pasal 203; Peraturan LAN 10/2018",
        "PP 11/2017 as amended by PP 17/2020, Article 203; Peraturan LAN 10/2018",
    ),
    check=check,
    examples=(
        Example(
            "mengembangkan:\n  - kompetensi: M.01\n    level: 2  # satu-satunya kegiatan kelompok 70 untuk M.01",
            "pengembangan/katalog.yaml",
            at=("katalog", "KAT.M.01.TK"),
            placement=Placement.REPLACE,
            base="standards",
        ),
        Example(
            "mengembangkan:\n  - kompetensi: M.01\n    level: 5",
            "pengembangan/katalog.yaml",
            at=("katalog", "KAT.M.01.TK"),
            placement=Placement.REPLACE,
            base="standards",
        ),
    ),
)

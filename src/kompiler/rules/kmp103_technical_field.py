"""KMP103: a position of a field requires technical competencies of that field, or says why not."""

from __future__ import annotations

from collections.abc import Iterator

from kompiler.diagnostics import Message, Severity
from kompiler.model import Corpus, Position
from kompiler.model.entities import CompetencyType
from kompiler.project import FileKind
from kompiler.rules.base import Context, Example, Finding, Rule, Scope


def _technical_fields(corpus: Corpus) -> set[str | None]:
    return {d.field for d in corpus.dictionaries if d.type is CompetencyType.TECHNICAL}


def _each_once(position: Position) -> Iterator[Finding]:
    required = position.required(CompetencyType.TECHNICAL)
    if not required:
        yield Finding(
            position.origin.at("kompetensi", "teknis", key=True),
            Message(
                f"Jabatan {position.code} tidak mempersyaratkan kompetensi teknis; standar kompetensi jabatan "
                "memuat kompetensi manajerial, sosial kultural, dan teknis.",
                f"The position {position.code} requires no technical competency; a position's standard holds "
                "managerial, socio-cultural and technical competencies.",
            ),
        )
    seen: set[str] = set()
    for requirement in required:
        if requirement.code in seen:
            yield Finding(
                position.origin.at("kompetensi", "teknis", requirement.index, "kode"),
                Message(
                    f"Kompetensi teknis {requirement.code} dipersyaratkan lebih dari sekali.",
                    f"The technical competency {requirement.code} is required more than once.",
                ),
            )
        seen.add(requirement.code)


def check(position: Position, context: Context) -> Iterator[Finding]:
    yield from _each_once(position)
    if position.field is None:
        return
    corpus = context.corpus
    fields = context.once("technical-fields", _technical_fields)
    if position.field not in fields and not corpus.declared(position.field, FileKind.DICTIONARY):
        known = ", ".join(sorted(f for f in fields if f)) or "-"
        yield Finding(
            position.origin.at("bidang"),
            Message(
                f"Tidak ada kamus kompetensi teknis untuk bidang {position.field!r}; bidang yang ada: {known}.",
                f"There is no technical competency dictionary for the field {position.field!r}; "
                f"known fields: {known}.",
            ),
            severity=Severity.WARNING,
        )
        return
    if position.cross_field_reason:
        return
    for requirement in position.required(CompetencyType.TECHNICAL):
        competency = corpus.competency(requirement.code)
        if competency is None or competency.type is not CompetencyType.TECHNICAL:
            continue
        if competency.field == position.field:
            continue
        yield Finding(
            position.origin.at("kompetensi", "teknis", requirement.index, "kode"),
            Message(
                f"{competency.code} ({competency.name}) adalah kompetensi teknis bidang {competency.field}, "
                f"sedangkan jabatan ini berbidang {position.field}. Pakai kompetensi bidang {position.field} "
                "atau jelaskan alasannya di alasan_lintas_bidang.",
                f"{competency.code} ({competency.name}) is a technical competency of the field "
                f"{competency.field}, but this position's field is {position.field}. Use a competency of the "
                f"field {position.field} or give the reason in alasan_lintas_bidang.",
            ),
        )


RULE = Rule(
    code="KMP103",
    title=Message(
        "Kompetensi teknis sesuai bidang jabatan", "Technical competencies of the position's field"
    ),
    severity=Severity.ERROR,
    scope=Scope.POSITION,
    explanation=Message(
        "Kompetensi teknis ditetapkan per bidang oleh instansi pembina bidang itu. Jabatan yang menyebut "
        "bidang mempersyaratkan kompetensi teknis dari kamus bidangnya; bila jabatan memang memerlukan "
        "kompetensi bidang lain, alasannya ditulis di alasan_lintas_bidang agar peninjau dapat menilainya. "
        "Bidang yang tidak memiliki kamus teknis juga dilaporkan, begitu pula jabatan tanpa kompetensi teknis "
        "dan kompetensi teknis yang ditulis dua kali.",
        "Technical competencies are set per field by the agency that supervises the field. A position that "
        "names a field requires technical competencies from that field's dictionary; when it really needs a "
        "competency of another field, the reason goes in alasan_lintas_bidang so that reviewers can judge it. "
        "A field without a technical dictionary is reported too, and so are a position without technical "
        "competencies and a technical competency written twice.",
    ),
    legal_source=Message(
        "PermenPANRB 38/2017 (kompetensi teknis ditetapkan oleh instansi pembina bidang)",
        "PermenPANRB 38/2017 (technical competencies are set by the field's supervising agency)",
    ),
    check=check,
    examples=(
        Example(
            "bidang: keuangan\nkompetensi:\n  teknis:\n    - kode: T.RENC.01  # kompetensi bidang perencanaan\n"
            "      level: 3",
            "jabatan/ntb-jf-akpd-muda.yaml",
            base="standards",
        ),
        Example(
            "bidang: keuangan\nalasan_lintas_bidang: Jabatan ini menyusun anggaran bersama Bappeda.\n"
            "kompetensi:\n  teknis:\n    - kode: T.RENC.01\n      level: 3",
            "jabatan/ntb-jf-akpd-muda.yaml",
            base="standards",
        ),
    ),
    position_local=True,
)

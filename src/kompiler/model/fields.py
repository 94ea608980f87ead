"""The one table from the YAML format's Indonesian keys to the model's attributes, read both ways.

The model's assembly reads a validated item through it into an entity's attributes; ``model.json`` and the
semantic diff (whose changes name the key the drafter edited) write an entity back through it in the
format's words. A field added to the format is therefore mapped once, here, and appears in all three.
Values written back stay as the model holds them (a :class:`Citation` is left as one); each output
writes them its own way, the JSON as an object, the diff as a line of text.

Only the single-valued fields are in the table: lists (a dictionary's competencies, a position's tasks,
requirements and qualifications) are read and written by the code that knows their shape.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, NamedTuple

from kompiler.model.entities import (
    Citation,
    CompetencyType,
    Confidence,
    Dictionary,
    Equivalence,
    Family,
    Grade,
    LearningActivity,
    LearningForm,
    MatchPolicy,
    PlanPolicy,
    Position,
    PositionKind,
    Source,
    TalentPolicy,
)
from kompiler.runtime.sharing import Shared


def _citation(data: dict[str, Any] | None, shared: Shared) -> Citation | None:
    """A ``sumber`` mapping as a citation, shared with the equal ones already read."""
    if not data:
        return None
    code, article = shared.text(data["kode"]), shared.text(data.get("pasal"))
    return shared.value((Citation, code, article), lambda: Citation(code, article))


def _verified(word: str, shared: Shared) -> bool:
    return word == "terverifikasi"


def _confidence(verified: bool) -> str:
    return "terverifikasi" if verified else "belum_terverifikasi"


def _enum(kind: type[PositionKind] | type[CompetencyType] | type[Confidence]) -> Callable[[str, Shared], Any]:
    def read(word: str, shared: Shared) -> Any:
        return kind(word)

    return read


def _word(value: PositionKind | CompetencyType | Confidence) -> str:
    return value.value


class Field(NamedTuple):
    """One key of the format and the attribute it fills.

    ``required`` keys are there in every valid item (the schema says so); an optional one missing reads
    as ``default``. ``read`` turns the YAML value into the model's (plain values are only shared),
    ``write`` turns it back. An ``identifying`` field is what the entity is known by, not one of its
    changeable fields, so it is read but not written back.
    """

    key: str
    attribute: str
    required: bool = True
    default: Any = None
    read: Callable[[Any, Shared], Any] | None = None
    write: Callable[[Any], Any] | None = None
    identifying: bool = False


SOURCE = (
    Field("jenis", "kind"),
    Field("nomor", "number"),
    Field("tahun", "year"),
    Field("judul", "title"),
    Field("status", "status", required=False, default="berlaku"),
    Field("dicabut_oleh", "revoked_by", required=False),
)
GRADE = (
    Field("nama", "name"),
    Field("jenis_jabatan", "kind", read=_enum(PositionKind), write=_word),
    Field("urutan", "order"),
    Field("level_manajerial", "managerial_level"),
    Field("level_sosial_kultural", "sociocultural_level"),
    Field("pangkat_terendah", "rank_min", required=False),
    Field("pangkat_tertinggi", "rank_max", required=False),
    Field("pendidikan_minimal", "education_min", required=False),
    Field("pola_nama", "name_pattern", required=False),
    Field("sumber", "citation", read=_citation),
    Field("keyakinan", "verified", read=_verified, write=_confidence),
    Field("catatan", "note", required=False),
)
FAMILY = (
    Field("nama", "name"),
    Field("induk", "parent", required=False),
    Field("deskripsi", "description", required=False),
    Field("sumber", "citation", required=False, read=_citation),
)
# A dictionary has no code: it is known by its type and, for technical ones, its field.
DICTIONARY = (
    Field("jenis", "type", read=_enum(CompetencyType), identifying=True),
    Field("bidang", "field", required=False, identifying=True),
    Field("nama", "name"),
    Field("sumber", "citation", read=_citation),
    Field("berlaku_mulai", "valid_from", required=False),
    Field("berlaku_sampai", "valid_until", required=False),
)
POSITION = (
    Field("nama", "name"),
    Field("jenis", "kind", read=_enum(PositionKind), write=_word),
    Field("jenjang", "grade"),
    Field("klasifikasi", "classification", required=False),
    Field("rumpun", "family"),
    Field("bidang", "field", required=False),
    Field("unit_kerja", "unit"),
    Field("urusan", "affairs"),
    Field("ikhtisar", "summary"),
    Field("alasan_lintas_bidang", "cross_field_reason", required=False),
    Field("sumber", "citation", read=_citation),
    Field("berlaku_mulai", "valid_from"),
    Field("berlaku_sampai", "valid_until", required=False),
)
# What every ``pengembangan/`` value rests on: its source, how sure it is, and a note on where it comes from.
GROUNDS = (
    Field("sumber", "citation", read=_citation),
    Field("keyakinan", "confidence", read=_enum(Confidence), write=_word),
    Field("catatan", "note", required=False),
)
# The ``pengembangan/`` entities that are lists of coded items; the single sections (kecocokan, rencana,
# talenta) are nested maps read by the assembly, which knows their shape.
LEARNING_FORM = (
    Field("nama", "name"),
    Field("klasikal", "classical"),
    Field("kelompok", "bucket"),
    Field("jp_per_satuan", "jp_per_unit"),
    Field("satuan", "unit"),
    *GROUNDS,
)
LEARNING_ACTIVITY = (
    Field("nama", "name"),
    Field("bentuk", "form"),
    Field("jp", "jp"),
    Field("penyelenggara", "provider", required=False),
)
# A penyetaraan has no code: it is known by the grade it equates.
EQUIVALENCE = (
    Field("jenjang", "grade", identifying=True),
    Field("setara", "equivalent"),
    *GROUNDS,
)
_TABLES: dict[type, tuple[Field, ...]] = {
    Source: SOURCE,
    Grade: GRADE,
    Family: FAMILY,
    Dictionary: DICTIONARY,
    Position: POSITION,
    LearningForm: LEARNING_FORM,
    LearningActivity: LEARNING_ACTIVITY,
    Equivalence: EQUIVALENCE,
}


def read(item: dict[str, Any], table: tuple[Field, ...], shared: Shared) -> dict[str, Any]:
    """The attributes the table's keys fill from a valid ``item``, its texts shared."""
    attributes = {}
    for key, attribute, required, default, read_, _, _ in table:
        value = item[key] if required else item.get(key, default)
        attributes[attribute] = read_(value, shared) if read_ else shared.text(value)
    return attributes


def written(
    entity: Source | Grade | Family | Dictionary | Position | LearningForm | LearningActivity | Equivalence,
) -> dict[str, Any]:
    """The changeable single-valued fields of an entity under the format's keys, in the format's order."""
    return {
        field.key: field.write(value) if field.write else value
        for field in _TABLES[type(entity)]
        if not field.identifying
        for value in (getattr(entity, field.attribute),)
    }


def grounds(section: MatchPolicy | PlanPolicy | TalentPolicy, prefix: str = "") -> dict[str, Any]:
    """What a single ``pengembangan/`` section rests on (:data:`GROUNDS`) under the format's keys: its
    own, or with ``prefix`` those of a part of it (``shares_``: the plan's ``proporsi``)."""
    return {
        field.key: field.write(value) if field.write else value
        for field in GROUNDS
        for value in (getattr(section, prefix + field.attribute),)
    }

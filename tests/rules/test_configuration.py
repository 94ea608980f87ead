"""The aturan section of kompiler.yaml (pilih, abaikan, tingkat, opsi), and containment of a crashing rule."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from kompiler.diagnostics import INTERNAL_ERROR, Message, Severity
from kompiler.pipeline import compile_path
from kompiler.project import RuleSettings
from kompiler.rules import Context, Finding, Option, Rule, Scope, registry
from kompiler.rules.engine import run_rules
from tests.rules.conftest import POSITION, Project, where


def _configure(project: Project, aturan: str) -> None:
    project.edit("kompiler.yaml", "schema_version: 1", f"schema_version: 1\naturan:\n{aturan}")


def _break_two_rules(project: Project) -> None:
    """A KMP102 warning (level 3 at Ahli Muda) and a KMP020 error (unknown competency)."""
    project.edit(POSITION, "    - kode: M.03\n      level: 2", "    - kode: M.03\n      level: 3")
    project.edit(POSITION, "    - kode: T.KEU.02", "    - kode: T.KEU.09")


def test_default_runs_every_rule(project: Project) -> None:
    _break_two_rules(project)
    assert sorted({d.code for d in project.diagnostics()}) == ["KMP020", "KMP102", "KMP108"]


def test_select_by_prefix(project: Project) -> None:
    _break_two_rules(project)
    _configure(project, "  pilih: [KMP10]")
    assert sorted({d.code for d in project.diagnostics()}) == ["KMP102", "KMP108"]


def test_ignore(project: Project) -> None:
    _break_two_rules(project)
    _configure(project, "  abaikan: [KMP102, KMP108]")
    assert [d.code for d in project.diagnostics()] == ["KMP020"]


def test_severity_override_and_off(project: Project) -> None:
    _break_two_rules(project)
    _configure(project, '  tingkat:\n    KMP102: error\n    KMP020: "off"\n    KMP108: warning')
    found = {d.code: d.severity for d in project.diagnostics()}
    assert found == {"KMP102": Severity.ERROR, "KMP108": Severity.WARNING}


def test_severity_override_of_suppression_reports(project: Project) -> None:
    project.edit(POSITION, "golongan: III/c", "golongan: III/c  # kompiler: abaikan KMP105")
    _configure(project, "  tingkat:\n    KMP090: info")
    (found,) = project.diagnostics()
    assert (found.code, found.severity) == ("KMP090", Severity.INFO)


def test_rule_options(project: Project) -> None:
    _configure(project, "  opsi:\n    KMP101:\n      jumlah_manajerial: 9")
    assert (
        project.diagnostics("KMP101") == []
    )  # with a managerial dictionary its competencies are what counts
    project.path("kamus/manajerial.yaml").unlink()
    (found,) = project.diagnostics("KMP101")
    assert where(found) == (POSITION, *project.locate(POSITION, "manajerial"))
    assert (
        found.message.id == "Jabatan NTB.JF.AKPD.MUDA mempersyaratkan 8 kompetensi manajerial; seharusnya 9."
    )


def test_options_change_the_unusual_indicator_count(project: Project) -> None:
    _configure(project, "  opsi:\n    KMP104:\n      indikator_per_level: 4")
    found = project.diagnostics()
    assert {d.code for d in found} == {"KMP104", "KMP090"}
    unused = [d for d in found if d.code == "KMP090"]
    assert [where(d)[0] for d in unused] == ["kamus/manajerial.yaml"]
    assert all("lazimnya 4" in d.message.id for d in found if d.code == "KMP104")


def _explodes(entity: object, context: Context) -> Iterator[Finding]:
    raise ZeroDivisionError("division by zero")
    yield


def test_a_crashing_rule_becomes_an_internal_error_and_others_still_run(project: Project) -> None:
    project.edit(POSITION, "    - kode: M.03\n      level: 2", "    - kode: M.03\n      level: 3")
    corpus = compile_path(project.root, run_checks=False).corpus
    broken = Rule(
        code="KMP199",
        title=Message("Aturan yang rusak", "A broken rule"),
        severity=Severity.ERROR,
        scope=Scope.POSITION,
        explanation=Message("Selalu gagal.", "Always fails."),
        legal_source=Message("-", "-"),
        check=_explodes,
    )
    found = run_rules(corpus, RuleSettings(), {"KMP199": broken, "KMP102": registry()["KMP102"]})
    assert [d.code for d in found] == [INTERNAL_ERROR, "KMP102"]
    crash = found[0]
    assert crash.location.file.endswith(POSITION)
    assert (
        "Galat internal di aturan KMP199 saat memeriksa berkas ini (ZeroDivisionError: division by zero)"
        in (crash.message.id)
    )


def test_settings_that_do_nothing_are_reported(project: Project) -> None:
    _configure(
        project,
        "  abaikan: [KMP8]\n"
        "  tingkat:\n    KMP012: warning\n    KMP199: warning\n"
        "  opsi:\n    KMP104:\n      indikator_perlevel: 4\n    KMP101:\n      jumlah_manajerial: 8",
    )
    found = project.diagnostics()
    assert {d.code for d in found} == {"KMP092"}
    assert [(where(d)[1:], d.message.en) for d in found] == [
        (
            project.locate("kompiler.yaml", "KMP8"),
            "There is no rule KMP8, so this setting has no effect; 'kompiler rules' lists every rule. "
            "Did you mean KMP108?",
        ),
        (
            project.locate("kompiler.yaml", "KMP199"),
            "There is no rule KMP199, so this setting has no effect; 'kompiler rules' lists every rule. "
            "Did you mean KMP109?",
        ),
        (
            project.locate("kompiler.yaml", "indikator_perlevel"),
            "The rule KMP104 has no option 'indikator_perlevel'; its options: indikator_per_level, level_tertinggi.",
        ),
    ]
    assert not project.compile().config_broken


@pytest.mark.parametrize(
    ("code", "name", "value", "expected"),
    [
        ("KMP104", "indikator_per_level", "-5", "an integer from 1 to 20, not -5"),
        ("KMP104", "indikator_per_level", "0", "an integer from 1 to 20, not 0"),
        ("KMP104", "indikator_per_level", "21", "an integer from 1 to 20, not 21"),
        ("KMP104", "indikator_per_level", "true", "an integer from 1 to 20, not true"),
        ("KMP104", "indikator_per_level", "3.5", "an integer from 1 to 20, not 3.5"),
        ("KMP104", "indikator_per_level", "3.0", "an integer from 1 to 20, not 3.0"),
        ("KMP104", "indikator_per_level", '"3"', 'an integer from 1 to 20, not "3"'),
        (
            "KMP104",
            "level_tertinggi",
            "100000000000000000000",
            "an integer from 1 to 5, not 100000000000000000000",
        ),
        ("KMP104", "level_tertinggi", "[5]", "an integer from 1 to 5, not [5]"),
        ("KMP101", "jumlah_manajerial", "{a: 1}", 'an integer from 1 to 50, not {"a": 1}'),
        ("KMP117", "jumlah_sosial_kultural", "null", "an integer from 1 to 50, not null"),
        ("KMP102", "belum_terverifikasi", "galat", 'one of: error, warning, info, not "galat"'),
        ("KMP102", "belum_terverifikasi", '"off"', 'one of: error, warning, info, not "off"'),
        ("KMP102", "belum_terverifikasi", "1", "one of: error, warning, info, not 1"),
    ],
)
def test_an_option_value_the_option_does_not_take_is_a_configuration_error(
    project: Project, code: str, name: str, value: str, expected: str
) -> None:
    """Issue 12: ``indikator_per_level: -5`` was accepted. Every option declares its type and range, and
    a value outside them is an error at the value (exit 2), whatever the option."""
    _configure(project, f"  opsi:\n    {code}:\n      {name}: {value}")
    result = project.compile()
    found = [d for d in result.diagnostics if d.code == "KMP093"]
    assert [(where(d)[1:], d.severity) for d in found] == [(_value_at(project, name), Severity.ERROR)]
    assert found[0].message.en.startswith(f"The option {name} of the rule {code} takes {expected}.")
    assert result.config_broken
    assert {d.code for d in result.diagnostics} == {"KMP093"}  # no rule ran, no waiver was judged


def _value_at(project: Project, name: str) -> tuple[int, int]:
    line, column = project.locate("kompiler.yaml", f"{name}: ")
    return line, column + len(name) + 2


def test_configuration_errors_cannot_be_turned_off(project: Project) -> None:
    _configure(
        project,
        '  pilih: [KMP10]\n  abaikan: [KMP09]\n  tingkat: {KMP093: "off", KMP092: "off"}\n'
        "  opsi:\n    KMP104:\n      indikator_per_level: -5",
    )
    assert [d.code for d in project.diagnostics()] == ["KMP093"]


def test_every_rule_option_declares_what_it_takes() -> None:
    """One mechanism for every option: a declaration without a range or choices is refused."""
    for declaration in ({"default": 3}, {"default": 0.5, "minimum": 0}, {"default": "error"}):
        with pytest.raises(ValueError):
            Option(**declaration)
    with pytest.raises(ValueError):
        Option(0, minimum=1, maximum=5)
    with pytest.raises(TypeError):
        Option(True, minimum=0, maximum=1)
    ratio = Option(0.5, minimum=0, maximum=1)
    assert ratio.accepts(1) and ratio.accepts(0.25)
    assert not any(ratio.accepts(v) for v in (True, float("nan"), float("inf"), 1.5, "0.5"))
    options = [option for rule in registry().values() for option in rule.options.values()]
    assert options and all(isinstance(option, Option) for option in options)


def test_every_position_scope_rule_declares_whether_it_is_position_local() -> None:
    """The incremental check trusts this flag; a rule reading other positions must not set it."""
    from kompiler.rules import Scope, registry

    local = {code for code, rule in registry().items() if rule.position_local}
    assert all(registry()[code].scope is Scope.POSITION for code in local)
    assert "KMP111" not in local and "KMP021" not in local

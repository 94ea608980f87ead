"""An output folder that changes while a command writes its next content: a file added to it, or one of
kompiler's files edited, during a build of minutes is never removed or overwritten by the swap at the end."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

import kompiler.cli.build
from kompiler.build.output import OutputRefused, OutputWriter
from kompiler.build.private import PrivateWriter
from tests.conftest import files_of

ADDED = "site/catatan-saya.txt"
EDITED = "jabatan/A.md"
BOOKKEEPING = (".kompiler-staging.", ".kompiler-lock")  # the command's own, removed when it ends


def _meddle(output: Path, how: str) -> None:
    if how == "added":
        (output / ADDED).write_text("catatan penting\n", encoding="utf-8")
    else:
        with (output / EDITED).open("a", encoding="utf-8") as stream:
            stream.write("suntingan saya\n")


@pytest.mark.parametrize("how", ["added", "edited"])
@pytest.mark.parametrize("kind", [OutputWriter, PrivateWriter])
@pytest.mark.parametrize("commit", ["commit", "commit_into"])
def test_a_folder_changed_during_the_command_is_not_replaced(
    tmp_path: Path, how: str, kind: type[OutputWriter], commit: str
) -> None:
    output = tmp_path / "keluaran"
    first = kind(output)
    first.write_text("site/index.html", "<p>lama</p>")
    first.write_text(EDITED, "# A lama\n")
    first.commit()
    second = kind(output)
    second.write_text("site/index.html", "<p>baru</p>")
    second.write_text(EDITED, "# A baru\n")
    _meddle(output, how)
    before = {path: data for path, data in files_of(output).items() if not path.startswith(BOOKKEEPING)}
    with pytest.raises(OutputRefused) as refused:
        getattr(second, commit)()
    second.abort()
    assert (ADDED if how == "added" else EDITED) in refused.value.message.en
    assert files_of(output) == before
    assert sorted(p.name for p in output.iterdir() if p.name.startswith(".kompiler-")) == [".kompiler-output"]


def test_a_build_says_so_and_exits_2(
    render_project: Path, run_cli: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The build that found ``site/`` its own at the start refuses at the swap, without a traceback."""
    output = render_project.parent / "keluaran"
    assert run_cli(["build", ".", "-q", "--tanpa-lampiran", "-o", str(output)], render_project).exit_code == 0
    build_outputs = kompiler.cli.build.build_outputs

    def meanwhile(*args: object, **kwargs: object) -> None:
        build_outputs(*args, **kwargs)
        (output / "site" / "catatan-saya.txt").write_text("catatan penting\n", encoding="utf-8")

    monkeypatch.setattr(kompiler.cli.build, "build_outputs", meanwhile)
    before = files_of(output)
    result = run_cli(
        ["build", ".", "-q", "--tanpa-lampiran", "-o", str(output), "--locale", "en"], render_project
    )
    assert result.exit_code == 2, result.output
    assert "site/catatan-saya.txt" in result.output and "changed while" in result.output, result.output
    assert "Traceback" not in result.output
    assert {**before, "site/catatan-saya.txt": b"catatan penting\n"} == files_of(output)

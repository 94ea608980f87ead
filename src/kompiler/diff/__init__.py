"""Semantic diff between two versions of the standards: read each from git (or the work tree), compile
both with the ordinary pipeline, and compare the two corpora by meaning."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from kompiler.check.result import CompileResult
from kompiler.diagnostics import Message
from kompiler.diff.changes import Change, compare
from kompiler.diff.git import GitError, Repository
from kompiler.pipeline import compile_files, compile_path
from kompiler.project import CODE_PROJECT_TOO_LARGE, ProjectTooLarge

__all__ = [
    "Change",
    "Comparison",
    "GitError",
    "Repository",
    "compare",
    "compare_revisions",
    "compile_revision",
]

# The work tree as the reports name it: "pohon kerja" as git's Indonesian translation calls it.
WORK_TREE = Message("pohon kerja", "work-tree")
# What names the work tree as a revision on the command line: the labels the reports print, as long as no
# revision and no path has that name.
WORK_TREE_NAMES = frozenset({"work-tree", "worktree", "pohon kerja", "pohon-kerja"})


@dataclass
class Comparison:
    """Both compiled sides and the changes between them; a label is the revision as given, ``None`` for
    the work tree (:meth:`labels` says it in a language)."""

    before: CompileResult
    after: CompileResult
    before_label: str | None
    after_label: str | None
    changes: list[Change]

    def labels(self, locale: str) -> tuple[str, str]:
        """The two sides as a report names them: the revisions, the work tree as :data:`WORK_TREE`."""
        return side_label(self.before_label, locale), side_label(self.after_label, locale)


def side_label(revision: str | None, locale: str) -> str:
    return WORK_TREE.text(locale) if revision is None else revision


def compile_revision(repository: Repository, revision: str | None, path: Path) -> CompileResult:
    """Compile the standards at ``path`` as of ``revision`` (``None``: the work tree, as it is on disk).

    Rules are not run: a diff compares what the standards say, and a revision with rule violations still
    says something. A side past the project's bounds raises :class:`~kompiler.project.ProjectTooLarge`:
    compared as empty, it would show every standard removed or added.
    """
    if revision is None:
        if not path.exists():
            raise GitError(
                Message(f"{path} tidak ada di pohon kerja.", f"{path} does not exist in the work tree.")
            )
        result = compile_path(path, run_checks=False)
        refusal = next((d for d in result.diagnostics if d.code == CODE_PROJECT_TOO_LARGE), None)
        if refusal is not None:
            raise ProjectTooLarge(refusal)
        return result
    folder = repository.project_folder(path)
    files = repository.read_standards(revision, folder)
    return compile_files(files, run_checks=False)


def compare_revisions(
    repository: Repository, before: str | None, after: str | None, path: Path
) -> Comparison:
    """Compile ``before`` and ``after`` (``None`` for the work tree) and compare them."""
    old = compile_revision(repository, before, path)
    new = compile_revision(repository, after, path)
    return Comparison(old, new, before, after, compare(old.corpus, new.corpus))

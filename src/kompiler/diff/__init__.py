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

__all__ = [
    "Change",
    "Comparison",
    "GitError",
    "Repository",
    "compare",
    "compare_revisions",
    "compile_revision",
]

WORK_TREE_LABEL = "work-tree"


@dataclass
class Comparison:
    """Both compiled sides and the changes between them."""

    before: CompileResult
    after: CompileResult
    before_label: str
    after_label: str
    changes: list[Change]


def compile_revision(repository: Repository, revision: str | None, path: Path) -> CompileResult:
    """Compile the standards at ``path`` as of ``revision`` (``None``: the work tree, as it is on disk).

    Rules are not run: a diff compares what the standards say, and a revision with rule violations still
    says something.
    """
    if revision is None:
        if not path.exists():
            raise GitError(_absent(str(path), WORK_TREE_LABEL))
        return compile_path(path, run_checks=False)
    folder = repository.project_folder(path)
    files = repository.read_standards(revision, folder)
    return compile_files(files, run_checks=False)


def compare_revisions(repository: Repository, before: str, after: str | None, path: Path) -> Comparison:
    """Compile ``before`` and ``after`` (``None`` for the work tree) and compare them."""
    old = compile_revision(repository, before, path)
    new = compile_revision(repository, after, path)
    return Comparison(old, new, before, after or WORK_TREE_LABEL, compare(old.corpus, new.corpus))


def _absent(path: str, label: str) -> Message:
    return Message(f"{path} tidak ada di {label}.", f"{path} does not exist in {label}.")

"""The package's folders form a pipeline, and no import runs back up it.

Each module belongs to a layer (its folder, or for the root modules the foundation); a module may import
its own layer and the layers before it, never a later one. The graph and render stages are siblings that
never import each other at run time: the build hands the graph stage's result to the renderer as data.
An import made only for type checking (under ``if TYPE_CHECKING:``) is not a dependency at run time and
is not counted.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import kompiler

PACKAGE = Path(kompiler.__file__).resolve().parent

# In pipeline order. A module belongs to the layer of its longest listed prefix.
LAYERS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "foundation",
        (
            "kompiler",
            "kompiler.diagnostics",
            "kompiler.resources",
            "kompiler.reading",
            "kompiler.atomic",
            "kompiler.codes",
            "kompiler.project",
            "kompiler.merge_settings",
            "kompiler.runtime",
        ),
    ),
    (
        "per-file stage",
        (
            "kompiler.check.load",
            "kompiler.check.schema",
            "kompiler.check.per_file",
            "kompiler.check.parallel",
            "kompiler.check.cache",
        ),
    ),
    ("model", ("kompiler.model",)),
    ("rules", ("kompiler.rules",)),
    ("report", ("kompiler.report",)),
    ("check", ("kompiler.check", "kompiler.pipeline")),
    ("diff", ("kompiler.diff",)),
    ("graph", ("kompiler.graph",)),
    ("people", ("kompiler.people",)),
    ("render", ("kompiler.render",)),
    ("build", ("kompiler.build",)),
    ("authoring", ("kompiler.authoring",)),
    ("cli", ("kompiler.cli", "kompiler.__main__")),
)
SIBLINGS = (("kompiler.graph", "kompiler.render"),)


def module_name(package: Path, path: Path) -> str:
    parts = path.relative_to(package.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _runtime_imports(tree: ast.AST) -> list[ast.Import | ast.ImportFrom]:
    found: list[ast.Import | ast.ImportFrom] = []
    pending: list[ast.AST] = [tree]
    while pending:
        node = pending.pop()
        if isinstance(node, ast.If) and _is_type_checking(node):
            pending.extend(node.orelse)
            continue
        if isinstance(node, ast.Import | ast.ImportFrom):
            found.append(node)
        pending.extend(ast.iter_child_nodes(node))
    return found


def imports_of(package: Path, path: Path, modules: set[str]) -> set[str]:
    """The package's modules that the module at ``path`` imports at run time."""
    own = module_name(package, path)
    base = own if path.name == "__init__.py" else own.rpartition(".")[0]
    imported: set[str] = set()
    for node in _runtime_imports(ast.parse(path.read_bytes(), str(path))):
        if isinstance(node, ast.Import):
            imported.update(alias.name for alias in node.names)
            continue
        if node.level:
            anchor = base.rsplit(".", node.level - 1)[0] if node.level > 1 else base
            module = f"{anchor}.{node.module}" if node.module else anchor
        else:
            module = node.module or ""
        for alias in node.names:  # a name is a submodule, or something the module defines
            submodule = f"{module}.{alias.name}"
            imported.add(submodule if submodule in modules else module)
    root = package.name
    return {m for m in imported if m in modules and (m == root or m.startswith(root + "."))} - {own}


def layer_of(module: str, layers: tuple[tuple[str, tuple[str, ...]], ...]) -> int:
    best, rank = -1, -1
    for index, (_, prefixes) in enumerate(layers):
        for prefix in prefixes:
            if (module == prefix or module.startswith(prefix + ".")) and len(prefix) > best:
                best, rank = len(prefix), index
    return rank


def violations(package: Path, layers=LAYERS, siblings=SIBLINGS) -> list[str]:
    """Every import that runs back up the pipeline or joins two sibling stages, as readable lines."""
    files = {module_name(package, p): p for p in package.rglob("*.py") if "__pycache__" not in p.parts}
    found = []
    for module, path in sorted(files.items()):
        here = layer_of(module, layers)
        for target in sorted(imports_of(package, path, set(files))):
            there = layer_of(target, layers)
            if there > here:
                found.append(f"{module} ({layers[here][0]}) imports {target} ({layers[there][0]})")
            for left, right in siblings:
                for a, b in ((left, right), (right, left)):
                    if module.startswith(a + ".") and target.startswith(b + "."):
                        found.append(f"{module} imports its sibling stage's {target}")
    return found


def test_no_import_runs_back_up_the_pipeline() -> None:
    assert violations(PACKAGE) == []


def test_every_module_has_a_place_in_the_pipeline() -> None:
    """A new folder is placed in the order on purpose, not by falling under the root's foundation."""
    folders = {
        module_name(PACKAGE, p.parent)
        for p in PACKAGE.rglob("__init__.py")
        if "__pycache__" not in p.parts and p.parent != PACKAGE
    }
    listed = {prefix for _, prefixes in LAYERS for prefix in prefixes}
    unplaced = {
        folder
        for folder in folders
        if not any(folder.startswith(prefix + ".") or folder == prefix for prefix in listed - {"kompiler"})
    }
    assert unplaced == set()


def _package(tmp_path: Path, files: dict[str, str]) -> Path:
    package = tmp_path / "kompiler"
    for name, text in {"__init__.py": "", **files}.items():
        path = package / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return package


@pytest.mark.parametrize(
    "statement",
    [
        "from kompiler.build.output import writer",
        "from kompiler.build import output",
        "import kompiler.build.output",
        "from ..build import output",
        "def later():\n    from kompiler.build.output import writer\n",
    ],
)
def test_a_backwards_import_is_found_however_it_is_written(tmp_path: Path, statement: str) -> None:
    package = _package(
        tmp_path,
        {
            "model/__init__.py": "",
            "model/entities.py": statement + "\n",
            "build/__init__.py": "",
            "build/output.py": "writer = None\n",
        },
    )
    assert violations(package) == ["kompiler.model.entities (model) imports kompiler.build.output (build)"]


def test_an_import_for_type_checking_or_down_the_pipeline_is_allowed(tmp_path: Path) -> None:
    package = _package(
        tmp_path,
        {
            "model/__init__.py": "",
            "model/entities.py": "",
            "build/__init__.py": "",
            "build/output.py": "from kompiler.model import entities\n",
            "render/__init__.py": "",
            "render/site.py": "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from kompiler.graph import picture\n",
            "graph/__init__.py": "",
            "graph/picture.py": "",
        },
    )
    assert violations(package) == []


def test_sibling_stages_may_not_import_each_other(tmp_path: Path) -> None:
    package = _package(
        tmp_path,
        {
            "graph/__init__.py": "",
            "graph/picture.py": "",
            "render/__init__.py": "",
            "render/site.py": "from kompiler.graph.picture import GraphData\n",
        },
    )
    assert violations(package) == ["kompiler.render.site imports its sibling stage's kompiler.graph.picture"]

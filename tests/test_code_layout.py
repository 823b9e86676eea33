"""The layout of kltools: three layers, one home per lesson, and names that carry no lesson number.

- The library (``kltools`` top level) imports neither the course machinery nor a lesson; the
  course machinery (``kltools.course``) imports no lesson; a lesson imports no other lesson.
- No module imports another module's private (underscore) names.
- Every module's ``__all__`` lists what other modules and the notebooks import from it, and
  nothing that no module, notebook or test imports (a lesson module also lists ``EXERCISES``,
  ``WIDGETS`` and ``check``, which the tests and the notebooks reach through the lesson
  registry); a public library module's ``__all__`` is its API and lists at least that.
- No name carries a lesson number: the module path says which lesson code belongs to.
- No module of the course layer is longer than 700 lines.
"""

from __future__ import annotations

import ast
import importlib
import json
import re
from collections import defaultdict
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "kltools"
MODULES = {
    ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__"): path
    for path in sorted(PACKAGE.rglob("*.py"))
}
COURSE_LAYER = [m for m in MODULES if m.startswith(("kltools.course", "kltools.lessons"))]
LESSON_PROTOCOL = {"EXERCISES", "WIDGETS", "check"}
# A lesson module holds its widgets' scenes (a still part and a moving part each), their
# readouts and its exercises: lesson 06, with two widgets, needs the most.
MAX_LINES = 700
LESSON_NUMBER = re.compile(r"(?i)lesson_?\d|(?<![0-9])0[0-8](?![0-9])")


def layer(module: str) -> int:
    if module.startswith("kltools.lessons."):
        return 2
    return 1 if module.startswith(("kltools.course", "kltools.lessons")) else 0


def tree(module: str) -> ast.Module:
    return ast.parse(MODULES[module].read_text(encoding="utf-8"))


def imports_from(source_tree: ast.AST) -> list[tuple[str, str]]:
    """(module, name) for every ``from kltools... import name`` in a syntax tree."""
    return [
        (node.module, alias.name)
        for node in ast.walk(source_tree)
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("kltools")
        for alias in node.names
    ]


def notebook_trees() -> list[ast.Module]:
    trees = []
    for path in sorted((ROOT / "notebooks").glob("*.ipynb")):
        cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
        code = "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "code")
        trees.append(ast.parse(code))
    return trees


def trees_of_the_tests() -> list[ast.Module]:
    return [ast.parse(path.read_text(encoding="utf-8")) for path in (ROOT / "tests").rglob("*.py")]


def imported_by_tests() -> dict[str, set[str]]:
    names: dict[str, set[str]] = defaultdict(set)
    for source in trees_of_the_tests():
        for module, name in imports_from(source):
            names[module].add(name)
    return names


def imported_names() -> dict[str, set[str]]:
    """What the kltools modules and the notebooks import from each kltools module."""
    names: dict[str, set[str]] = defaultdict(set)
    for importer in MODULES:
        for module, name in imports_from(tree(importer)):
            if module != importer and f"{module}.{name}" not in MODULES:  # not a submodule
                names[module].add(name)
    for notebook in notebook_trees():
        for module, name in imports_from(notebook):
            names[module].add(name)
    return names


@pytest.mark.parametrize("module", MODULES)
def test_nothing_imports_upward_or_across_lessons(module: str) -> None:
    for imported, _ in imports_from(tree(module)):
        if imported not in MODULES:  # a name imported from a package's __init__
            continue
        assert layer(imported) <= layer(module), f"{module} imports {imported}"
        if layer(module) == 2 and layer(imported) == 2:
            assert imported == module, f"the lesson {module} imports the lesson {imported}"


@pytest.mark.parametrize("module", MODULES)
def test_no_module_imports_a_private_name_of_another(module: str) -> None:
    private = [(m, n) for m, n in imports_from(tree(module)) if n.startswith("_") and m != module]
    assert private == []


def declared_all(module: str) -> set[str]:
    return set(getattr(importlib.import_module(module), "__all__", ()))


@pytest.mark.parametrize("module", MODULES)
def test_all_lists_what_others_import(module: str) -> None:
    wanted = imported_names().get(module, set())
    declared = declared_all(module)
    missing = wanted - declared
    assert not missing, f"imported from {module} but not in its __all__: {sorted(missing)}"
    public_library = layer(module) == 0 and not module.split(".")[-1].startswith("_")
    if public_library or module in ("kltools", "kltools.lessons"):
        return
    if module.startswith("kltools.lessons."):
        wanted = wanted | LESSON_PROTOCOL
    unused = declared - wanted - imported_by_tests().get(module, set())
    assert not unused, f"in {module}'s __all__ but imported by none: {sorted(unused)}"


def defined_names(source_tree: ast.Module) -> set[str]:
    """Every function, class, argument and assigned name a module defines."""
    names = set()
    for node in ast.walk(source_tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(node.name)
        elif isinstance(node, ast.arg):
            names.add(node.arg)
        elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            names.add(node.id)
        elif isinstance(node, ast.alias):
            names.add(node.asname or node.name.split(".")[-1])
    return names


@pytest.mark.parametrize("module", MODULES)
def test_no_name_carries_a_lesson_number(module: str) -> None:
    numbered = sorted(n for n in defined_names(tree(module)) if LESSON_NUMBER.search(n))
    assert numbered == []


@pytest.mark.parametrize("module", COURSE_LAYER)
def test_course_modules_are_short(module: str) -> None:
    lines = MODULES[module].read_text(encoding="utf-8").count("\n")
    assert lines <= MAX_LINES, f"{module} has {lines} lines"


def test_each_lesson_has_its_module_and_its_tests() -> None:
    from kltools.lessons import LESSONS

    for lesson in LESSONS:
        assert lesson.module in MODULES, lesson.module
        assert (ROOT / "tests" / "lessons" / f"test_{lesson.name}.py").exists(), lesson.name

"""The package as a whole: its version is written once, and the import graph has no cycle."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import qca

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "qca"


def test_citation_names_the_package_version() -> None:
    citation = (ROOT / "CITATION.cff").read_text(encoding="utf-8")
    match = re.search(r"^version:\s*(\S+)\s*$", citation, flags=re.MULTILINE)
    assert match is not None and match.group(1) == qca.__version__


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _target(node: ast.ImportFrom, package: str) -> str:
    """The module a ``from X import ...`` statement in ``package`` names, resolved."""
    if not node.level:
        return node.module or ""
    base = package.split(".")
    base = base[: len(base) - node.level + 1]
    return ".".join(base + ([node.module] if node.module else []))


def _imports(path: Path) -> list[tuple[str, list[str]]]:
    """(imported module, names) for every ``from X import names`` inside qca, resolved."""
    module = _module_name(path)
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            target = _target(node, package)
            if target == "qca" or target.startswith("qca."):
                found.append((target, [alias.name for alias in node.names]))
        elif isinstance(node, ast.Import):
            found.extend((a.name, []) for a in node.names if a.name.startswith("qca"))
    return found


def test_no_private_name_is_imported_across_modules() -> None:
    offenders = []
    for path in sorted(PACKAGE.rglob("*.py")):
        for target, names in _imports(path):
            for name in names:
                if name.startswith("_") and not name.startswith("__"):
                    offenders.append(f"{_module_name(path)}: from {target} import {name}")
    assert offenders == []


def test_the_core_imports_nothing_of_qca_but_exceptions() -> None:
    for path in sorted((PACKAGE / "_core").rglob("*.py")):
        for target, _ in _imports(path):
            assert target.startswith("qca._core") or target == "qca.exceptions", (path, target)


def _top_level_targets(path: Path) -> set[str]:
    """Modules of qca imported when ``path`` is imported (not inside functions or TYPE_CHECKING)."""
    module = _module_name(path)
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    targets: set[str] = set()

    def visit(statements: list[ast.stmt]) -> None:
        for node in statements:
            if isinstance(node, ast.If):
                test = ast.unparse(node.test)
                if "TYPE_CHECKING" not in test:
                    visit(node.body)
                visit(node.orelse)
            elif isinstance(node, ast.Try):
                visit(node.body)
            elif isinstance(node, ast.ImportFrom):
                target = _target(node, package)
                if target == "qca" or target.startswith("qca."):
                    submodules = [f"{target}.{a.name}" for a in node.names]
                    if all(_exists(m) for m in submodules):
                        targets.update(submodules)  # `from . import x`: only x runs
                    else:
                        targets.add(target)
                        targets.update(m for m in submodules if _exists(m))
            elif isinstance(node, ast.Import):
                targets.update(a.name for a in node.names if a.name.startswith("qca"))

    visit(ast.parse(path.read_text(encoding="utf-8")).body)
    return {t for t in targets if _exists(t)}


def _exists(module: str) -> bool:
    relative = Path(*module.split("."))
    return (ROOT / relative.with_suffix(".py")).exists() or (
        ROOT / relative / "__init__.py"
    ).exists()


def test_no_import_cycle() -> None:
    graph = {_module_name(p): _top_level_targets(p) for p in sorted(PACKAGE.rglob("*.py"))}
    state: dict[str, int] = {}
    stack: list[str] = []

    def walk(node: str) -> None:
        state[node] = 1
        stack.append(node)
        for target in sorted(graph.get(node, ())):
            if target == node:
                continue
            if state.get(target) == 1:
                cycle = stack[stack.index(target) :] + [target]
                raise AssertionError("import cycle: " + " -> ".join(cycle))
            if state.get(target) is None:
                walk(target)
        stack.pop()
        state[node] = 2

    for name in sorted(graph):
        if state.get(name) is None:
            walk(name)

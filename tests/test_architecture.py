"""The package's import graph: no cycles, and dependencies point one way (DESIGN.md §2).

Every import of an ``equipoise`` module is an edge, also those deferred into a function for
start-up speed (they are dependencies all the same); imports under ``TYPE_CHECKING`` are for
the type checker only. A package importing its own submodules (re-exports) is not a cycle of
design. Check by hand: ``python -m pytest tests/test_architecture.py -q``.
"""

from __future__ import annotations

import ast
from pathlib import Path

import networkx as nx
import pytest

SRC = Path(__file__).resolve().parents[1] / "src"
PACKAGE = SRC / "equipoise"


def _module_name(path: Path) -> str:
    parts = path.relative_to(SRC).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(tree: ast.Module) -> list[str]:
    """Return every module imported, at module level or deferred into a function.

    Imports under ``if TYPE_CHECKING:`` are for the type checker only and are left out.
    """
    found: list[str] = []

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            for child in node.orelse:
                visit(child)
            return
        if isinstance(node, ast.Import):
            found.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append(node.module)
            found.extend(f"{node.module}.{alias.name}" for alias in node.names)
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(tree)
    return found


def import_graph() -> nx.DiGraph:
    """Return the graph of imports between the package's modules."""
    modules = {_module_name(p): p for p in PACKAGE.rglob("*.py")}
    graph = nx.DiGraph()
    graph.add_nodes_from(modules)
    for name, path in modules.items():
        for target in _imports(ast.parse(path.read_text(encoding="utf-8"))):
            if target in modules and target != name:
                graph.add_edge(name, target)
    return graph


def test_the_import_graph_has_no_cycles() -> None:
    graph = import_graph()
    # a package's __init__ re-exporting its submodules is not a cycle of design
    acyclic = graph.copy()
    for a, b in list(acyclic.edges):
        if b.startswith(a + ".") or a.startswith(b + "."):
            acyclic.remove_edge(a, b)
    cycles = list(nx.simple_cycles(acyclic))
    assert cycles == [], f"import cycles: {cycles[:5]}"


def _layer(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


@pytest.mark.parametrize(
    ("lower", "forbidden"),
    [
        ("engines", {"scenario", "simulate", "metrics", "experiments", "store", "report", "web", "cli"}),
        ("scenario", {"compile", "engines", "simulate", "experiments", "store", "report", "web", "cli"}),
        ("experiments", {"store", "report", "web", "cli"}),
        ("store", {"experiments", "report", "web", "cli", "simulate", "engines"}),
        ("report", {"web", "cli"}),
        ("web", {"cli"}),
    ],
)  # fmt: skip
def test_dependencies_point_one_way(lower: str, forbidden: set[str]) -> None:
    graph = import_graph()
    wrong = sorted(
        (a, b)
        for a, b in graph.edges
        if _layer(a) == lower and _layer(b) in forbidden and _layer(b) != lower
    )
    assert wrong == [], f"{lower} imports {wrong}"

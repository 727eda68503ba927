"""The house rules of the code's structure: layers import downwards only, and no circles.

The layers, bottom to top: ``scanner`` (collectors, the Inventory model) -> ``analysis``
(graph, SPOFs, findings) -> ``reports`` (pure renderers) -> ``drscout`` (CLI and run history).
A module may import its own layer and the layers below, never above; and no two modules may
import each other, directly or round a longer circle, even lazily inside a function.  The
import graph is read from the source with :mod:`ast`, so imports inside functions count too.
"""

from __future__ import annotations

import ast
from pathlib import Path

import networkx as nx
import pytest

ROOT = Path(__file__).resolve().parent.parent
LAYERS = ("scanner", "analysis", "reports", "drscout")


def _modules() -> dict[str, Path]:
    found: dict[str, Path] = {}
    for package in LAYERS:
        for path in (ROOT / package).rglob("*.py"):
            name = ".".join(path.relative_to(ROOT).with_suffix("").parts)
            found[name.removesuffix(".__init__")] = path
    return found


def _base(module: str, path: Path, node: ast.ImportFrom) -> str:
    if not node.level:
        return node.module or ""
    parts = module.split(".")
    if path.name != "__init__.py":
        parts = parts[:-1]
    parts = parts[:len(parts) - (node.level - 1)]
    return ".".join([*parts, *([node.module] if node.module else [])])


def _imported(module: str, path: Path, modules: dict[str, Path]) -> set[str]:
    """Project modules ``module`` imports; ``from pkg import sub`` names ``pkg.sub``."""
    out: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            out |= {a.name for a in node.names if a.name in modules}
        elif isinstance(node, ast.ImportFrom):
            base = _base(module, path, node)
            for alias in node.names:
                full = f"{base}.{alias.name}"
                target = full if full in modules else base
                if target in modules:
                    out.add(target)
    out.discard(module)
    return out


@pytest.fixture(scope="module")
def graph() -> nx.DiGraph:
    modules = _modules()
    g = nx.DiGraph()
    g.add_nodes_from(modules)
    for name, path in modules.items():
        g.add_edges_from((name, target) for target in _imported(name, path, modules))
    return g


def test_the_import_graph_is_read(graph: nx.DiGraph) -> None:
    """Guards the guard: an empty or edgeless graph would make the rules below vacuous."""
    assert graph.number_of_nodes() > 150
    assert graph.has_edge("drscout.cli.main", "scanner.orchestrator")
    assert graph.has_edge("analysis.graph", "scanner.inventory.model")


def test_no_module_imports_itself_round_a_circle(graph: nx.DiGraph) -> None:
    circles = [c for c in nx.strongly_connected_components(graph) if len(c) > 1]
    assert circles == []


def test_layers_import_downwards_only(graph: nx.DiGraph) -> None:
    rank = {layer: i for i, layer in enumerate(LAYERS)}
    upward = sorted(f"{a} -> {b}" for a, b in graph.edges
                    if rank[b.split(".")[0]] > rank[a.split(".")[0]])
    assert upward == []

"""The package's architecture, checked from its source: no import cycles, no import up a layer.

Layers, top to bottom (a module may import its own layer and the ones below it):

    entry      cli, commands/, orchestration/ (the only place Airflow is imported)
    api        api/                   HTTP; reads through views/ + store/, starts jobs via Airflow's REST API
    jobview    jobview/               the HTML job page (API and CLI)
    pipeline   pipeline/              the steps of each job kind (write side)
    views      views/                 seed-shaped bodies and Parquet rows (read side)
    core       everything else        store/, crawl/, extract/, knowledge/, relevance/, text/, models, ...

Every import counts, module-level or inside a function: a lazy import is the usual way an
upward dependency or a cycle hides. Imports under ``if TYPE_CHECKING:`` do not run, so they
count for the layers but not for cycles. The graph is read with ``ast`` (nothing is imported).
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import docharvest

PACKAGE_DIR = Path(docharvest.__file__).parent
SKIPPED = ("migrations",)  # Alembic scripts: loaded by Alembic, not imported

LAYERS: dict[str, tuple[str, ...]] = {
    "entry": ("docharvest.cli", "docharvest.commands", "docharvest.orchestration"),
    "api": ("docharvest.api",),
    "jobview": ("docharvest.jobview",),
    "pipeline": ("docharvest.pipeline",),
    "views": ("docharvest.views",),
}
ORDER = ["entry", "api", "jobview", "pipeline", "views", "core"]
# Side by side, not above one another: the API never runs a step, a step never renders a page.
APART = {("api", "pipeline"), ("jobview", "pipeline"), ("pipeline", "jobview")}

# Known exceptions, each with what removes it. ``test_known_exceptions_are_still_there`` fails
# once one is gone, so the list only shrinks: delete its line then.
KNOWN_UPWARD: dict[tuple[str, str], str] = {}
KNOWN_CYCLES: dict[frozenset[str], str] = {}


def layer_of(module: str) -> str:
    for layer, prefixes in LAYERS.items():
        if any(module == p or module.startswith(p + ".") for p in prefixes):
            return layer
    return "core"


def may_import(importer: str, imported: str) -> bool:
    a, b = layer_of(importer), layer_of(imported)
    return (a, b) not in APART and ORDER.index(a) <= ORDER.index(b)


@cache
def modules() -> dict[str, Path]:
    found = {}
    for path in sorted(PACKAGE_DIR.rglob("*.py")):
        relative = path.relative_to(PACKAGE_DIR.parent).with_suffix("")
        if any(part in SKIPPED for part in relative.parts):
            continue
        parts = relative.parts[:-1] if relative.name == "__init__" else relative.parts
        found[".".join(parts)] = path
    return found


def _type_checking_only(tree: ast.Module) -> set[int]:
    """Line numbers of the imports under ``if TYPE_CHECKING:``."""
    lines = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            lines |= {n.lineno for stmt in node.body for n in ast.walk(stmt) if hasattr(n, "lineno")}
    return lines


def _package_of(module: str) -> str:
    return module if modules()[module].name == "__init__.py" else module.rpartition(".")[0]


def imports_of(module: str) -> Iterator[tuple[str, bool, int]]:
    """(imported docharvest module, runs at import or call time, line) for each import in ``module``."""
    known = modules()
    tree = ast.parse(modules()[module].read_text())
    typing_only = _type_checking_only(tree)
    for node in ast.walk(tree):
        targets: list[str] = []
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:  # relative import
                package = _package_of(module)
                for _ in range(node.level - 1):
                    package = package.rpartition(".")[0]
                base = f"{package}.{base}".rstrip(".")
            targets = [f"{base}.{alias.name}" for alias in node.names] + [base]
            # ``from pkg import submodule`` names the submodule; ``from pkg import name`` the package.
            named = [t for t in targets[:-1] if t in known]
            targets = named or [base]
        for target in targets:
            while target and target not in known:
                target = target.rpartition(".")[0]
            if target and target != module:
                yield target, node.lineno not in typing_only, node.lineno


def import_graph(*, runtime_only: bool) -> dict[str, set[str]]:
    return {m: {t for t, runs, _ in imports_of(m) if runs or not runtime_only} for m in modules()}


def cycles(graph: dict[str, set[str]]) -> list[frozenset[str]]:
    """Strongly connected components of more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[frozenset[str]] = []
    for root in sorted(graph):
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = set()
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.add(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(frozenset(component))
    return found


def test_the_package_is_read_whole() -> None:
    found = modules()
    assert "docharvest.store.repository" in found and "docharvest.views.scrape" in found
    graph = import_graph(runtime_only=False)
    assert "docharvest.store.repository" in graph["docharvest.views.scrape"]  # the reader sees imports
    assert layer_of("docharvest.store.datasets") == "core" and layer_of("docharvest.cli") == "entry"


def upward_imports() -> dict[tuple[str, str], str]:
    """Every import up a layer (or across api/jobview <-> pipeline), with where it is."""
    found = {}
    for module in modules():
        for target, _, line in imports_of(module):
            if not may_import(module, target):
                found[(module, target)] = f"{modules()[module].relative_to(PACKAGE_DIR.parent)}:{line}"
    return found


def test_no_import_cycles() -> None:
    new = [sorted(c) for c in set(cycles(import_graph(runtime_only=True))) - set(KNOWN_CYCLES)]
    assert not new, f"import cycles: {new}"


def test_no_import_up_a_layer() -> None:
    new = {edge: where for edge, where in upward_imports().items() if edge not in KNOWN_UPWARD}
    assert not new, "imports up a layer (or across api/jobview <-> pipeline): " + ", ".join(
        f"{where} {a} -> {b} ({layer_of(a)} -> {layer_of(b)})" for (a, b), where in sorted(new.items())
    )


def test_known_exceptions_are_still_there() -> None:
    """A known cycle or upward import that is gone must leave the lists, so they cannot grow back."""
    gone_cycles = [sorted(c) for c in set(KNOWN_CYCLES) - set(cycles(import_graph(runtime_only=True)))]
    gone_imports = sorted(set(KNOWN_UPWARD) - set(upward_imports()))
    assert not gone_cycles, f"these cycles are gone: delete them from KNOWN_CYCLES: {gone_cycles}"
    assert not gone_imports, f"these imports are gone: delete them from KNOWN_UPWARD: {gone_imports}"


def test_airflow_is_imported_in_orchestration_only() -> None:
    found = []
    for module, path in modules().items():
        if layer_of(module) == "entry" and module.startswith("docharvest.orchestration"):
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            names = (
                [a.name for a in node.names]
                if isinstance(node, ast.Import)
                else [node.module or ""]
                if isinstance(node, ast.ImportFrom)
                else []
            )
            found += [
                f"{module}:{node.lineno} {n}" for n in names if n == "airflow" or n.startswith("airflow.")
            ]
    assert not found, f"Airflow imported outside docharvest.orchestration: {found}"


def test_the_checks_catch_what_they_forbid() -> None:
    """The rules themselves: a view importing a step, the API importing a step, a cycle."""
    assert not may_import("docharvest.views.scrape", "docharvest.pipeline.common")
    assert not may_import("docharvest.store.datasets", "docharvest.views.datasets")
    assert not may_import("docharvest.api.scrape_routes", "docharvest.pipeline.scrape")
    assert not may_import("docharvest.jobview.data", "docharvest.pipeline.progress_log")
    assert not may_import("docharvest.pipeline.scrape", "docharvest.api.jobs")
    assert may_import("docharvest.pipeline.scrape", "docharvest.views.datasets")
    assert may_import("docharvest.api.scrape_routes", "docharvest.views.scrape")
    assert may_import("docharvest.commands.scrape", "docharvest.pipeline.common")
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [frozenset({"a", "b", "c"})]
    assert cycles({"a": {"b"}, "b": set()}) == []

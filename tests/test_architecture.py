"""The import graph is a DAG: deventer_werk ← klantgroepen ← clients ← monitoring between the
top-level apps, and no cycle between the sub-apps of clients. Every import counts, also the
ones inside functions (a function-level import hides a cycle, it does not remove it).
Migrations and tests are left out: they are not part of the running code's structure."""

import ast
import graphlib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ["deventer_werk", "klantgroepen", "clients", "monitoring"]

#: Allowed order of the layers; a layer may import only layers to its left. The REST API is
#: the one exception inside deventer_werk: it composes every app, so it sits on top.
LAGEN = ["deventer_werk", "klantgroepen", "clients", "monitoring", "deventer_werk.api"]
SUBAPPS = [
    "clients.intake",
    "clients.begeleiding",
    "clients.trajecten",
    "clients.handhaving",
    "clients.planning",
    "clients.demo",  # synthetic data for every sub-app: on top of them
]


def _modules() -> dict[str, Path]:
    found = {}
    for package in PACKAGES:
        for path in (ROOT / package).rglob("*.py"):
            parts = path.relative_to(ROOT).with_suffix("").parts
            if "migrations" in parts or "tests" in parts:
                continue
            if parts[-1] == "__init__":
                parts = parts[:-1]
            found[".".join(parts)] = path
    return found


def _imports(module: str, path: Path) -> set[str]:
    is_package = path.name == "__init__.py"
    targets = set()
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            targets.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = module.split(".")
                base = base[: len(base) - node.level + (1 if is_package else 0)]
                prefix = ".".join(base + ([node.module] if node.module else []))
            else:
                prefix = node.module or ""
            targets.add(prefix)
            targets.update(f"{prefix}.{alias.name}" for alias in node.names)
    return {t for t in targets if t.split(".")[0] in PACKAGES}


def _laag(module: str) -> str:
    if module == "deventer_werk.api" or module.startswith("deventer_werk.api."):
        return "deventer_werk.api"
    return module.split(".")[0]


def _subapp(module: str) -> str | None:
    if module.split(".")[0] != "clients":
        return None
    return next((s for s in SUBAPPS if module == s or module.startswith(s + ".")), "clients")


def _edges(node_of) -> dict[str, dict[str, list[str]]]:
    """{from node: {to node: [example 'module -> import', ...]}}"""
    edges: dict[str, dict[str, list[str]]] = {}
    for module, path in _modules().items():
        van = node_of(module)
        if van is None:
            continue
        for target in _imports(module, path):
            naar = node_of(target)
            if naar is not None and naar != van:
                edges.setdefault(van, {}).setdefault(naar, []).append(f"{module} -> {target}")
    return edges


def _cycle(edges) -> list[str] | None:
    sorter = graphlib.TopologicalSorter({van: set(naar) for van, naar in edges.items()})
    try:
        sorter.prepare()
    except graphlib.CycleError as error:
        return error.args[1]
    return None


def test_parser_sees_function_level_and_relative_imports(tmp_path):
    bron = tmp_path / "mod.py"
    bron.write_text("def f():\n    from klantgroepen.models import Klantgroep\nfrom ..x import y\n")
    assert _imports("clients.intake.mod", bron) == {
        "klantgroepen.models",
        "klantgroepen.models.Klantgroep",
        "clients.x",
        "clients.x.y",
    }


def test_cycle_detection_reports_the_cycle():
    assert _cycle({"a": {"b": []}, "b": {"a": []}}) is not None
    assert _cycle({"a": {"b": []}}) is None


def test_top_level_apps_follow_the_layers():
    edges = _edges(_laag)
    omhoog = [
        voorbeeld
        for van, doelen in edges.items()
        for naar, voorbeelden in doelen.items()
        if LAGEN.index(naar) > LAGEN.index(van)
        for voorbeeld in voorbeelden
    ]
    assert omhoog == [], "imports against the layer order:\n" + "\n".join(sorted(omhoog))
    assert _cycle(edges) is None


@pytest.mark.parametrize("sub", SUBAPPS + ["clients"])
def test_subapps_of_clients_have_no_cycle(sub):
    edges = _edges(_subapp)
    cycle = _cycle(edges)
    if cycle and sub in cycle:
        voorbeelden = [v for a, b in zip(cycle, cycle[1:], strict=False) for v in edges[a][b][:3]]
        pytest.fail(f"cycle {' -> '.join(cycle)}:\n" + "\n".join(voorbeelden))

"""Imports follow the flow: cases -> items -> requests -> responses -> verdicts -> metrics -> gate -> reports.

Every import counts, also those inside functions (the package imports lazily to stay cheap, and a lazy
import against the flow is still a dependency); imports under `if TYPE_CHECKING:` do not.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "pytest_csrbench"

# (module prefix, stage): a module may import only modules of its own or an earlier stage
STAGES = [
    ("pytest_csrbench", 0), ("pytest_csrbench._lazy", 0), ("pytest_csrbench.results", 0),
    ("pytest_csrbench.stats", 0), ("pytest_csrbench.outcomes", 0),
    ("pytest_csrbench.cases", 1), ("pytest_csrbench.render", 2),
    ("pytest_csrbench.models", 3), ("pytest_csrbench.judges", 4),
    ("pytest_csrbench.metrics", 5), ("pytest_csrbench.comparison", 5), ("pytest_csrbench.reference", 5),
    ("pytest_csrbench.diagnostics", 5),
    ("pytest_csrbench.gate", 6), ("pytest_csrbench.options", 6), ("pytest_csrbench.provenance", 6),
    ("pytest_csrbench.manifest", 6), ("pytest_csrbench.preflight", 6),
    ("pytest_csrbench.report", 7), ("pytest_csrbench.testing", 7),
    ("pytest_csrbench.session", 8), ("pytest_csrbench.item_reports", 8), ("pytest_csrbench.coordination", 8),
    ("pytest_csrbench.benchmark", 9), ("pytest_csrbench.plugin", 9), ("pytest_csrbench.rerun", 9), ("pytest_csrbench.cli", 10),
    ("pytest_csrbench.robust", 8), ("pytest_csrbench.robust.summary", 5), ("pytest_csrbench.robust.strategies", 2),
    ("pytest_csrbench.robust.imageops", 2), ("pytest_csrbench.robust.search", 4), ("pytest_csrbench.robust.bench", 9),
    ("pytest_csrbench.robust.hooks", 9),
]
# the `csrbench report` / `compare` commands compose stages (they re-compute reference points)
COMMANDS = {"pytest_csrbench.report.cli", "pytest_csrbench.report.compare_cli"}


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports(path: Path) -> set[str]:
    """Package modules imported by `path` anywhere in it, except under `if TYPE_CHECKING:`."""
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skip = {id(n) for node in ast.walk(tree) if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test)
            for n in ast.walk(node)}
    found = set()
    for node in ast.walk(tree):
        if id(node) in skip:
            continue
        if isinstance(node, ast.ImportFrom):
            base = package.split(".")[: len(package.split(".")) - node.level + 1] if node.level else []
            target = ".".join(base + [node.module]) if node.module else ".".join(base)
            if node.module is None:
                found |= {f"{target}.{a.name}" for a in node.names}
            else:
                found.add(target if node.level else node.module)
        elif isinstance(node, ast.Import):
            found |= {a.name for a in node.names}
    return {f for f in found if f.startswith("pytest_csrbench")}


def stage(module: str) -> tuple[str, int]:
    return max(((p, s) for p, s in STAGES if module == p or module.startswith(p + ".")), key=lambda ps: len(ps[0]))


def modules() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def test_every_import_points_down_the_flow() -> None:
    against = []
    for path in modules():
        name = module_name(path)
        if name in COMMANDS:
            continue
        here = stage(name)
        for target in imports(path):
            there = stage(target)
            if there[0] != here[0] and there[1] > here[1]:
                against.append(f"{name} -> {target}")
    assert against == [], "imports against the flow (see docs/architecture.md)"


def test_no_import_cycles_between_modules() -> None:
    names = {module_name(p) for p in modules()}
    graph: dict[str, set[str]] = {}
    for path in modules():
        targets = set()
        for target in imports(path):
            while target not in names and "." in target:
                target = target.rsplit(".", 1)[0]
            if target in names and target != module_name(path) and target != "pytest_csrbench":
                targets.add(target)
        graph[module_name(path)] = targets

    def reaches(start: str, goal: str) -> bool:
        seen, todo = set(), [start]
        while todo:
            node = todo.pop()
            if node == goal:
                return True
            if node not in seen:
                seen.add(node)
                todo.extend(graph.get(node, ()))
        return False

    cycles = sorted(f"{a} -> {b}" for a, targets in graph.items() for b in targets if reaches(b, a))
    assert cycles == []


@pytest.mark.parametrize("path", [p for p in modules() if p.name != "session.py"], ids=lambda p: p.name)
def test_nothing_writes_onto_the_session_from_outside(path: Path) -> None:
    """The session's state changes only in session.py; reports read the RunResult."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    writes = []
    for node in ast.walk(tree):
        targets = node.targets if isinstance(node, ast.Assign) else [node.target] if isinstance(
            node, (ast.AugAssign, ast.AnnAssign)) else []
        for target in targets:
            text = ast.unparse(target)
            if text.startswith(("csr.", "self.csr.", "csr_session.")) or "csr.__dict__" in text:
                writes.append(f"line {target.lineno}: {text}")
        if isinstance(node, ast.Call) and ast.unparse(node.func) == "setattr" and node.args and \
                ast.unparse(node.args[0]) in ("csr", "self.csr", "csr_session"):
            writes.append(f"line {node.lineno}: setattr")
    assert writes == []

"""The package's layout: every module imports alone, and no two modules import each other, even through
imports inside functions (a cycle held apart that way is still a cycle in the design)."""

from __future__ import annotations

import ast
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "converter"


def modules() -> dict[str, Path]:
    """Dotted name -> file, for every module of the package."""
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        found[name] = path
    return found


def imported(path: Path, name: str, known: set[str]) -> set[str]:
    """The package's modules that ``path`` imports anywhere (top level or inside a function), but for
    imports made for the type checker only (``if TYPE_CHECKING:``), which never run."""
    found: set[str] = set()
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    tree = ast.parse(path.read_text("utf-8"))
    typing_only = {id(n) for block in ast.walk(tree) if isinstance(block, ast.If)
                   and isinstance(block.test, ast.Name) and block.test.id == "TYPE_CHECKING"
                   for stmt in block.body for n in ast.walk(stmt)}
    for node in ast.walk(tree):
        if id(node) in typing_only:
            continue
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                kept = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*kept, base] if base else kept)
            targets = [base, *(f"{base}.{alias.name}" for alias in node.names)]
        else:
            continue
        found |= {t for t in targets if t in known and t != name}
    return found


def test_every_module_imports_alone_in_a_fresh_interpreter() -> None:
    names = sorted(n for n in modules() if n != "converter.__main__")  # __main__ runs the CLI
    failed = []
    with ThreadPoolExecutor(max_workers=4) as pool:  # each import runs in its own interpreter
        for name, done in zip(names, pool.map(_import_alone, names), strict=True):
            if done.returncode:
                failed.append(f"{name}: {done.stderr.strip().splitlines()[-1]}")
    assert failed == []


def _import_alone(name: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", f"import {name}"], capture_output=True, text=True, check=False)


def test_no_import_cycles_between_modules() -> None:
    known = modules()
    graph = {name: imported(path, name, set(known)) for name, path in known.items()}
    # a package's __init__ re-exporting its children is not a cycle: children may import siblings via it
    # only if the __init__ imports nothing of theirs; drop edges child -> own package __init__
    for name, targets in graph.items():
        graph[name] = {t for t in targets if not name.startswith(t + ".")}
    cycles = []
    state: dict[str, int] = {}

    def visit(node: str, trail: list[str]) -> None:
        state[node] = 1
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                cycles.append(" -> ".join([*trail[trail.index(nxt):], nxt]))
            elif nxt not in state:
                visit(nxt, [*trail, nxt])
        state[node] = 2

    for name in sorted(graph):
        if name not in state:
            visit(name, [name])
    assert cycles == []


def test_the_top_of_the_package_reads_as_the_pipeline() -> None:
    entries = sorted(p.name for p in PACKAGE.iterdir() if p.name != "__pycache__")
    assert entries == ["__init__.py", "__main__.py", "archive", "article.py", "cli", "errors.py", "extract", "issue",
                       "load", "markdown", "options.py", "pipeline.py", "policy", "py.typed", "render"]

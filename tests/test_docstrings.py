"""Public functions say what they raise: a module-level function (or a documented method) that raises one of
our errors (or any ``*Error``) names it in its docstring ("Raises ``SourceError`` when ..."). Undocumented
methods that implement a library's hook (``logging.Handler.emit``, a URL fetcher's ``fetch``, a Jinja2 loader)
raise what that library expects. The command line is left out: its functions turn these errors into one line
and an exit code, which ``converter.cli`` documents."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "converter"


def test_every_public_function_that_raises_says_so() -> None:
    silent = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if "cli" in path.relative_to(PACKAGE).parts[:1]:
            continue
        tree = ast.parse(path.read_text("utf-8"))
        top_level = {id(n) for n in tree.body}
        for node in ast.walk(tree):
            if not isinstance(node, ast.FunctionDef) or node.name.startswith("_"):
                continue
            if id(node) not in top_level and ast.get_docstring(node) is None:
                continue  # a library's hook, implemented
            raised = set()
            for inner in ast.walk(node):
                if isinstance(inner, ast.Raise) and inner.exc is not None:
                    target = inner.exc.func if isinstance(inner.exc, ast.Call) else inner.exc
                    if isinstance(target, ast.Name) and target.id.endswith("Error"):
                        raised.add(target.id)
            doc = ast.get_docstring(node) or ""
            if raised and "raise" not in doc.lower():
                silent.append(f"{path.relative_to(PACKAGE.parent)}:{node.lineno} {node.name} raises "
                              f"{', '.join(sorted(raised))}")
    assert silent == []

"""The type checker runs clean: mypy, configured in ``[tool.mypy]`` of pyproject.toml, finds no error in the
package. Its cache is the project's ``.mypy_cache``, so a run after the first takes a few seconds."""

from __future__ import annotations

import importlib.util
import re
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


def test_mypy_finds_no_error_in_the_package() -> None:
    if importlib.util.find_spec("mypy") is None:
        pytest.skip("mypy is not installed (it comes with the test extra: pip install -e '.[test]')")
    run = subprocess.run([sys.executable, "-m", "mypy", "--cache-dir", str(REPO / ".mypy_cache")], cwd=REPO,
                         capture_output=True, text=True, timeout=300)
    report = (run.stdout + run.stderr).strip()
    assert re.fullmatch(r"Success: no issues found in \d+ source files", report), report
    assert run.returncode == 0, report

"""Shared test helpers: where ../shared is, small builders, and epubcheck."""

from __future__ import annotations

import logging
import shutil
import subprocess
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

# No property test is timed: on a loaded machine Hypothesis's default 200 ms deadline failed a test that
# passes alone (speed is measured in bench/, never asserted).
settings.register_profile("converter", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("converter")

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
SEED = SHARED / "seeds" / "000_6891f99af320f9d1.txt"
CORPUS = SHARED / "corpus"


def need_shared(path: Path) -> Path:
    """Skip the test, saying why, when the data beside the project is absent."""
    if not path.exists():
        pytest.skip(f"{path} is absent: the shared data set must sit beside the project as ../shared")
    return path


@pytest.fixture
def seed_path() -> Path:
    return need_shared(SEED)


def epubcheck_command() -> list[str]:
    """How to run epubcheck here; skips the test, saying why, when it (or java) is not installed."""
    java, script = shutil.which("java"), shutil.which("epubcheck")
    if java is None or script is None:
        pytest.skip("epubcheck needs java and the epubcheck package (apt install epubcheck)")
    jar = Path(script).resolve()
    if jar.suffix != ".jar":
        return [script]
    return [java, "-jar", str(jar)]


@pytest.fixture
def epubcheck() -> Callable[[Sequence[Path]], dict[Path, str]]:
    """A function checking books with epubcheck, side by side (each run takes seconds to start): path -> report."""
    command = epubcheck_command()

    def check(paths: Sequence[Path]) -> dict[Path, str]:
        def run(path: Path) -> str:
            done = subprocess.run([*command, str(path)], capture_output=True, text=True, timeout=120)
            return done.stdout + done.stderr

        with ThreadPoolExecutor(max(1, len(paths))) as pool:
            return dict(zip(paths, pool.map(run, paths), strict=True))

    return check


def assert_warned(caplog: pytest.LogCaptureFixture, warning: str) -> None:
    """``warning`` is in what the converter logged at WARNING or above; ``""`` means it logged no warning
    at all (so a case that expects silence can fail)."""
    logged = [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING and r.name.startswith("converter")]
    if warning:
        assert any(warning in message for message in logged), logged
    else:
        assert logged == []


def run_cli(*args: str, cwd: Path | None = None) -> tuple[int, str, str]:
    """Run the converter with click's runner (in ``cwd`` when given): exit code, stdout, stderr."""
    import os

    from click.testing import CliRunner

    from converter.cli import main

    old = Path.cwd()
    if cwd is not None:
        os.chdir(cwd)
    try:
        result = CliRunner().invoke(main, list(args))
    finally:
        os.chdir(old)
    return result.exit_code, result.stdout, result.stderr

"""Shared test helpers: where ../shared is, and small builders."""

from __future__ import annotations

from pathlib import Path

import pytest

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

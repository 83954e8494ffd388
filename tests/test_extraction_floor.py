"""A floor under extraction quality: body F1 on a fixed, fast subset of the dev corpus, per corpus and kind.

Scored with the corpus's own ``score.py`` (4-word shingles, pages weighed equally), the prediction being
what ``converter.extract`` gives as the Markdown edition would print it. The floors sit a little under the
figures ``bench/extract_text.py`` and ``bench/extract_html.py`` report (cross-validated by site; see
``bench/README.md``), so a change that makes extraction worse on pages like these fails CI. The subset is
every ``STRIDE``-th page of each corpus in name order, so it does not move when pages are added elsewhere.

Skipped, saying why, when ``../shared`` is absent.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest

import converter
from converter.errors import ConverterError
from tests.conftest import CORPUS, need_shared

#: Every STRIDE-th page of a corpus: 20 of zyte's 60, 27 of dragnet's 533, 25 of l3s's 244.
STRIDE = {"zyte": 3, "dragnet": 20, "l3s": 10}
KINDS = ("html", "innertext", "dump")

#: Body F1 this subset must reach, per corpus and kind (measured figure minus about 0.02; see the module).
FLOOR = {
    ("zyte", "html"): 0.95, ("zyte", "innertext"): 0.92, ("zyte", "dump"): 0.91,
    ("dragnet", "html"): 0.90, ("dragnet", "innertext"): 0.76, ("dragnet", "dump"): 0.78,
    ("l3s", "html"): 0.90, ("l3s", "innertext"): 0.89, ("l3s", "dump"): 0.88,
}


def _scorer() -> ModuleType:
    spec = importlib.util.spec_from_file_location("corpus_score", need_shared(CORPUS / "score.py"))
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


def _pages(corpus: str) -> list[Path]:
    folder = need_shared(CORPUS / corpus)
    pages = sorted(p for p in folder.iterdir() if (p / "truth.txt").exists())
    return pages[::STRIDE[corpus]]


def _prediction(page: Path, kind: str) -> str:
    source = page / ("page.html" if kind == "html" else f"{kind}.txt")
    try:
        article = converter.extract(source, kind="html" if kind == "html" else "text")
    except ConverterError:
        return ""
    return f"# {article.title}\n\n{article.body}\n"


def body_f1(corpus: str, kind: str) -> float:
    """The corpus scorer's body F1 of our extraction over the subset."""
    score = _scorer()
    pairs = [(page.joinpath("truth.txt").read_text("utf-8", errors="replace"),
              score.md_to_text(_prediction(page, kind))) for page in _pages(corpus)]
    metrics, _ = score.score_pairs(pairs)
    return float(metrics["f1"])


@pytest.mark.parametrize(("corpus", "kind"), list(FLOOR), ids=[f"{c}-{k}" for c, k in FLOOR])
def test_body_f1_stays_above_its_floor(corpus: str, kind: str) -> None:
    assert body_f1(corpus, kind) >= FLOOR[corpus, kind]


if __name__ == "__main__":  # print the figures the floors come from
    for corpus, kind in FLOOR:
        print(f"{corpus:8} {kind:10} {body_f1(corpus, kind):.3f} (floor {FLOOR[corpus, kind]})")

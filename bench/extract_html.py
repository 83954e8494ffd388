"""HTML extraction on the corpus: body F1 and speed beside trafilatura and readability-lxml, and metadata.

    python bench/extract_html.py [--corpus ../shared/corpus] [--per-page] [--keep DIR]

Body: every zyte dev page goes through ours, trafilatura (Markdown output) and readability-lxml (its
summary, one line per block) in the same run, timed per page; the predictions are scored by the
corpus's own ``score.py``. Metadata: every readability page's front matter (title, author, date,
language, site) is scored by the corpus's ``score_meta.py``, ours beside trafilatura's.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

import yaml

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
#: Block tags after which readability-lxml's summary gets a line break (its HTML has no text layout).
_BLOCK_END = re.compile(
    r"(</(?:p|div|li|h[1-6]|tr|td|th|blockquote|pre|figcaption|section|article)>|<br\s*/?>)", re.I)


def ours(html: str) -> tuple[str, dict]:
    from converter.extract.html import extract_html

    result = extract_html(html)
    return result.body, dict(result.metadata)


def trafilatura_md(html: str) -> tuple[str, dict]:
    import trafilatura

    return trafilatura.extract(html, output_format="markdown") or "", {}


def readability_text(html: str) -> tuple[str, dict]:
    from lxml import html as lxml_html
    from readability import Document

    summary = Document(html).summary(html_partial=True)
    if not summary.strip():
        return "", {}
    return lxml_html.fromstring(_BLOCK_END.sub(r"\1\n", summary)).text_content(), {}


EXTRACTORS: dict[str, Callable[[str], tuple[str, dict]]] = {
    "ours": ours, "trafilatura": trafilatura_md, "readability-lxml": readability_text,
}


def load_scorer(corpus: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location("corpus_score", corpus / "score.py")
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


def body_run(corpus: Path, name: str, out: Path) -> list[float]:
    """Write one extractor's prediction for every zyte page; the seconds each page took."""
    extract, seconds = EXTRACTORS[name], []
    out.mkdir(parents=True, exist_ok=True)
    for page in sorted(p for p in (corpus / "zyte").iterdir() if (p / "page.html").exists()):
        html = (page / "page.html").read_text("utf-8")
        start = time.perf_counter()
        try:
            body, _ = extract(html)
        except Exception as error:
            print(f"    {name} failed on {page.name}: {error}")
            body = ""
        seconds.append(time.perf_counter() - start)
        (out / f"{page.name}.md").write_text(f"# title\n\n{body}\n", "utf-8")
    return seconds


def body_report(scorer: ModuleType, corpus: Path, runs: dict[str, tuple[Path, list[float]]],
                worst: int) -> None:
    results, medians = {}, {}
    for name, (folder, seconds) in runs.items():
        pairs = [((p / "truth.txt").read_text("utf-8"), scorer.read_prediction(folder, p.name)[0])
                 for p in sorted((corpus / "zyte").iterdir()) if (p / "page.html").exists()]
        figures, counts = scorer.score_pairs(pairs)
        results[name] = figures
        ms = [s * 1000 for s in seconds]
        medians[name] = statistics.median(ms)
        print(f"{name:<17} F1 {figures['f1']:.3f}  P {figures['precision']:.3f}  R {figures['recall']:.3f}   "
              f"{statistics.median(ms):6.1f} ms/page median  {statistics.mean(ms):6.1f} mean")
        if name == "ours" and worst:
            ids = sorted(p.name for p in (corpus / "zyte").iterdir() if (p / "page.html").exists())
            for (tp, fp, fn), page in sorted(zip(counts, ids, strict=True), key=lambda c: c[0][0])[:worst]:
                precision, recall = scorer.page_precision(tp, fp, fn), scorer.page_recall(tp, fp, fn)
                print(f"    P {precision:.2f}  R {recall:.2f}  {page}")
    for other in ("trafilatura", "readability-lxml"):
        if not results.get(other, {}).get("f1"):
            continue  # not installed (trafilatura is in the ``bench`` extra)
        print(f"ours / {other}: F1 ratio {results['ours']['f1'] / results[other]['f1']:.3f}, "
              f"median time ratio {medians['ours'] / medians[other]:.2f}")


def meta_run(corpus: Path, out: Path) -> None:
    """Front matter of ours and trafilatura (when installed) for every readability page, scored by
    ``score_meta.py``."""
    try:
        import trafilatura
    except ImportError:
        trafilatura = None  # the ``bench`` extra is not installed: ours alone

    from converter.extract.html import extract_html

    runs = [("ours", out / "meta-ours")] + ([("trafilatura", out / "meta-trafilatura")] if trafilatura else [])
    for name, folder in runs:
        folder.mkdir(parents=True, exist_ok=True)
        for page in sorted((corpus / "readability").iterdir()):
            html = (page / "page.html").read_text("utf-8")
            if name == "ours":
                meta = dict(extract_html(html).metadata)
            else:
                found = trafilatura.extract_metadata(html)
                meta = {"title": found.title, "authors": [found.author] if found.author else [],
                        "date": found.date, "site": found.sitename} if found else {}
            (folder / f"{page.name}.md").write_text(front_matter(meta), "utf-8")
        result = subprocess.run([sys.executable, str(corpus / "score_meta.py"), str(folder), "--corpus",
                                 str(corpus)], capture_output=True, text=True, check=True)
        print(f"{name:<17} {result.stdout.strip()}")


def front_matter(meta: dict) -> str:
    """The fields score_meta.py reads, as YAML front matter (the author list indented, as it expects)."""
    front = {"title": meta.get("title") or "", "date": meta.get("date") or "",
             "language": meta.get("language") or "", "site": meta.get("site") or ""}
    text = yaml.safe_dump(front, allow_unicode=True, sort_keys=False, width=1000)
    authors = "".join(f"  - {json.dumps(a, ensure_ascii=False)}\n" for a in meta.get("authors") or ())
    return f"---\n{text}author:\n{authors}---\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=REPO.parent / "shared" / "corpus")
    parser.add_argument("--per-page", action="store_true", help="list our worst pages")
    parser.add_argument("--worst", type=int, default=12)
    parser.add_argument("--keep", type=Path, help="write the predictions here instead of a temporary folder")
    args = parser.parse_args()
    if not (args.corpus / "score.py").exists():
        print(f"skipped: {args.corpus} is absent; the shared corpus must sit beside the project as "
              "../shared/corpus (or pass --corpus)")
        return 0
    with tempfile.TemporaryDirectory(prefix="extract-html-") as tmp:
        out = args.keep or Path(tmp)
        runs = {name: (out / name, body_run(args.corpus, name, out / name)) for name in EXTRACTORS}
        body_report(load_scorer(args.corpus), args.corpus, runs, args.worst if args.per_page else 0)
        meta_run(args.corpus, out)
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""The corpus dev pages, their sites, and folds grouped by site, for cross-validated figures.

A page's site is the host of its address (``meta.json``'s ``url``, else the page's canonical or
``og:url`` link), without ``www.``; a readability page without one is grouped by its folder name less
a trailing number (``bbc-1`` -> ``bbc``). Folds are built over the pages of every corpus at once
(the same site may sit in two corpora) so that a site's pages are never split between the fold that
scores and the folds that tune: groups are dealt, largest first (ties broken by a hash of the name),
to the fold with fewest pages. Deterministic; no randomness.

Peers' outputs are slow to recompute, so ``cached`` keeps any text on disk under
``/tmp/converter-bench-cache`` (or ``$CONVERTER_BENCH_CACHE``), keyed by what produced it.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from urllib.parse import urlsplit

CORPORA = ("zyte", "readability", "dragnet", "l3s")
KINDS = ("html", "innertext", "dump")
SOURCE = {"html": "page.html", "innertext": "innertext.txt", "dump": "dump.txt"}
FOLDS = 5
CACHE = Path(os.environ.get("CONVERTER_BENCH_CACHE", "/tmp/converter-bench-cache"))

_CANONICAL = re.compile(
    r"<link[^>]+rel=[\"']?canonical[\"']?[^>]*href=[\"']([^\"']+)|"
    r"<meta[^>]+property=[\"']og:url[\"'][^>]*content=[\"']([^\"']+)", re.I)


@dataclass(frozen=True)
class Page:
    """One dev page: its corpus, folder name, folder and site."""

    corpus: str
    name: str
    folder: Path
    site: str

    @property
    def key(self) -> str:
        return f"{self.corpus}/{self.name}"

    def source(self, kind: str) -> str:
        return (self.folder / SOURCE[kind]).read_text("utf-8")

    @property
    def has_truth(self) -> bool:
        """The article body was marked (readability's pages have metadata truth only)."""
        return (self.folder / "truth.txt").exists()

    def truth(self) -> str:
        return (self.folder / "truth.txt").read_text("utf-8")

    def meta(self) -> dict:
        path = self.folder / "meta.json"
        return json.loads(path.read_text("utf-8")) if path.exists() else {}


def site_of(corpus: str, folder: Path) -> str:
    """The host a page came from (see the module docstring)."""
    url = ""
    meta = folder / "meta.json"
    if meta.exists():
        url = json.loads(meta.read_text("utf-8")).get("url") or ""
    if not url and (folder / "page.html").exists():
        m = _CANONICAL.search((folder / "page.html").read_text("utf-8", errors="replace")[:200_000])
        url = (m.group(1) or m.group(2)) if m else ""
    host = urlsplit(url).hostname if url.startswith("http") else None
    if host:
        return registered_domain(host)
    stem = re.sub(r"-\d+$", "", folder.name)
    return f"{corpus}:{stem}"


def registered_domain(host: str) -> str:
    """``blogs.nfl.com`` -> ``nfl.com``, ``www.news.com.au`` -> ``news.com.au``: one site, one group."""
    labels = host.lower().split(".")
    keep = 3 if len(labels) >= 3 and len(labels[-1]) == 2 and labels[-2] in _SECOND_LEVEL else 2
    return ".".join(labels[-keep:])


_SECOND_LEVEL = frozenset({"co", "com", "org", "net", "ac", "gov", "edu", "ne", "or"})


def load_pages(root: Path, corpora: tuple[str, ...] = CORPORA) -> list[Page]:
    """Every page folder with a ``truth.txt`` or a ``meta.json`` of the named corpora, in a stable order."""
    pages = []
    for corpus in corpora:
        base = root / corpus
        if not base.is_dir():
            continue
        for folder in sorted(p for p in base.iterdir()
                             if (p / "truth.txt").exists() or (p / "meta.json").exists()):
            pages.append(Page(corpus, folder.name, folder, site_of(corpus, folder)))
    return pages


def assign_folds(pages: list[Page], k: int = FOLDS) -> dict[str, int]:
    """Page key -> fold number in ``range(k)``, whole sites to one fold (GroupKFold-style)."""
    groups: dict[str, list[Page]] = defaultdict(list)
    for page in pages:
        groups[page.site].append(page)
    order = sorted(groups, key=lambda g: (-len(groups[g]), hashlib.sha1(g.encode()).hexdigest()))
    sizes, fold_of = [0] * k, {}
    for group in order:
        fold = min(range(k), key=lambda f: (sizes[f], f))
        sizes[fold] += len(groups[group])
        for page in groups[group]:
            fold_of[page.key] = fold
    return fold_of


def load_scorer(root: Path) -> ModuleType:
    """The corpus's ``score.py`` as a module."""
    spec = importlib.util.spec_from_file_location("corpus_score", root / "score.py")
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


def cached(tag: str, page: Page, kind: str, make: Callable[[], str]) -> str:
    """``make()``'s text for one page and rendering, kept on disk under ``tag`` between runs."""
    path = CACHE / tag / kind / page.corpus / f"{page.name}.txt"
    if path.exists():
        return path.read_text("utf-8")
    text = make()
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(text, "utf-8")
    tmp.replace(path)
    return text


def lines_as_html(text: str) -> str:
    """A text rendering as an HTML page, one ``<p>`` a line, for the HTML-only peers."""
    from html import escape

    paras = "".join(f"<p>{escape(line.strip())}</p>\n" for line in text.splitlines() if line.strip())
    return f"<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head><body>\n{paras}</body></html>"


def score_table(scorer: ModuleType, rows: list[tuple[Page, str]]) -> dict:
    """Aggregate body F1/P/R (score.py's metric) of ``(page, Markdown prediction)`` pairs."""
    pairs = [(page.truth(), scorer.md_to_text(pred)) for page, pred in rows if page.has_truth]
    return scorer.score_pairs(pairs)[0]


def fold_spread(scorer: ModuleType, rows: list[tuple[Page, str]], fold_of: dict[str, int]) -> tuple[float, float]:
    """Lowest and highest F1 over the folds (each fold's pages scored alone)."""
    by_fold: dict[int, list[tuple[Page, str]]] = defaultdict(list)
    for page, pred in rows:
        by_fold[fold_of[page.key]].append((page, pred))
    f1s = [score_table(scorer, part)["f1"] for part in by_fold.values() if part]
    return (min(f1s), max(f1s)) if f1s else (0.0, 0.0)


# The peers, each as text -> body text; imported lazily (the ``bench`` extra).
# Each peer runs as the corpus README ran it (its figures are reproduced to the third decimal): a peer the
# bench under-reports would flatter ours.
def trafilatura_body(html: str) -> str:
    """trafilatura's Markdown without the reader comments: every corpus's truth stops where comments begin,
    and trafilatura keeps them unless told (``include_comments=False``, its documented switch)."""
    import trafilatura

    return trafilatura.extract(html, output_format="markdown", include_comments=False) or ""


_TAG = re.compile(r"<[^>]+>")


def readability_body(html: str) -> str:
    """readability-lxml's summary with its tags replaced by spaces (``text_content()`` would glue the words
    on either side of a tag, costing it shingles)."""
    from html import unescape

    from readability import Document

    summary = Document(html).summary(html_partial=True)
    return unescape(_TAG.sub(" ", summary)) if summary.strip() else ""


def justext_body(html: str, language: str = "English") -> str:
    import justext

    stop = justext.get_stoplist(language)
    return "\n\n".join(p.text for p in justext.justext(html.encode("utf-8"), stop) if not p.is_boilerplate)


PEERS: dict[str, Callable[[str], str]] = {
    "trafilatura": trafilatura_body, "readability-lxml": readability_body, "jusText": justext_body,
}


#: Cache tag suffix of a peer whose settings changed since outputs were first cached (the old ones stay valid
#: for nobody: "-nocomments" is trafilatura without reader comments, "-spaced" readability with tags as spaces).
PEER_VARIANT = {"trafilatura": "-nocomments", "readability-lxml": "-spaced"}


def peer_prediction(name: str, page: Page, kind: str) -> str:
    """A peer's body for one page and rendering (text renderings go in as one ``<p>`` a line), cached."""
    def make() -> str:
        source = page.source(kind)
        html = source if kind == "html" else lines_as_html(source)
        try:
            return PEERS[name](html)
        except Exception:
            return ""  # a peer that fails on a page scores it as empty
    return cached(f"peer-{name}{PEER_VARIANT.get(name, '')}", page, kind, make)


def format_row(label: str, figures: dict, spread: tuple[float, float] | None = None) -> str:
    extra = f"  folds {spread[0]:.3f}-{spread[1]:.3f}" if spread else ""
    return (f"  {label:<18} F1 {figures['f1']:.3f}  P {figures['precision']:.3f}  R {figures['recall']:.3f}"
            f"  ({figures['pages']} pages){extra}")


#: Metadata fields and where their truth is: readability's meta.json names them its own way.
META_FIELDS = {"title": "title", "author": "byline", "date": "publishedTime", "site": "siteName",
               "language": "lang"}


def load_meta_scorer(root: Path) -> ModuleType:
    """The corpus's ``score_meta.py`` as a module (its ``field_score`` compares one field)."""
    spec = importlib.util.spec_from_file_location("corpus_score_meta", root / "score_meta.py")
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


def meta_pages(root: Path) -> list[Page]:
    """Every page with a ``meta.json`` (readability, dragnet, l3s): the metadata truth."""
    pages = []
    for corpus in CORPORA:
        base = root / corpus
        if base.is_dir():
            pages += [Page(corpus, f.name, f, site_of(corpus, f))
                      for f in sorted(p for p in base.iterdir() if (p / "meta.json").exists())]
    return pages


def title_match(meta_scorer: ModuleType) -> Callable[[object, object], bool]:
    """score_meta.py's title comparison, reading a ``?`` in the truth as any one character outside ASCII.

    l3s's annotation tool stored Latin-1, so its truth prints curly quotes and dashes as ``?`` (corpus
    README): "Pakistan?s stocks" is the headline "Pakistan’s stocks". score_meta.py alone would count
    the right line wrong; the bench reports both figures."""
    def title_ok(pred: object, truth: object) -> bool:
        if meta_scorer.title_ok(pred, truth):
            return True
        t, p = meta_scorer.norm(truth), meta_scorer.norm(pred)
        if "?" not in t or not p:
            return False
        pattern = re.compile("".join(r"(?:[^\x00-\x7f]|\?)" if ch == "?" else re.escape(ch) for ch in t))
        return any(pattern.fullmatch(x) for x in (p, meta_scorer._SUFFIX.sub("", p)))
    return title_ok


def meta_report(meta_scorer: ModuleType, found: dict[str, dict], pages: list[Page], label: str,
                fold_of: dict[str, int] | None = None, fields: tuple[str, ...] = tuple(META_FIELDS)) -> None:
    """Accuracy of each metadata field per corpus, over the pages whose truth has that field (the title
    by ``title_match``, with score_meta.py's own figure beside it where they differ); with ``fold_of``,
    the lowest and highest of the site-grouped folds beside each figure; only ``fields`` (a peer that
    gives only a title: ``("title",)``)."""
    lenient = title_match(meta_scorer)
    for corpus in CORPORA:
        part = [p for p in pages if p.corpus == corpus and p.key in found]
        if not part:
            continue
        cells = []
        for field, truth_key in META_FIELDS.items():
            if field not in fields:
                continue
            scores: list[float] = []
            strict: list[float] = []
            by_fold: dict[int, list[float]] = defaultdict(list)
            for page in part:
                truth = page.meta().get(truth_key)
                if truth:
                    pred = found[page.key].get("authors" if field == "author" else field)
                    strict.append(meta_scorer.field_score(field, pred, truth))
                    scores.append(float(lenient(pred, truth)) if field == "title" else strict[-1])
                    if fold_of is not None:
                        by_fold[fold_of[page.key]].append(scores[-1])
            if scores:
                spread = [sum(f) / len(f) for f in by_fold.values() if f]
                folds = f" [{min(spread):.2f}-{max(spread):.2f}]" if len(spread) > 1 else ""
                also = f" [score_meta {sum(strict) / len(strict):.3f}]" if strict != scores else ""
                cells.append(f"{field} {sum(scores) / len(scores):.3f}{also} ({len(scores)}){folds}")
        print(f"  {label:<18} {corpus:<12} " + "  ".join(cells))

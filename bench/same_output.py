"""Does a speed change keep every output the same? Fingerprints of each corpus input, two code trees compared.

    python bench/same_output.py --base /tmp/base [--new /tmp/new] [--corpus ../shared/corpus]
                                [--kinds page.html,innertext.txt,dump.txt]

Every input of the corpus (``page.html`` through the HTML extractor, ``innertext.txt`` and ``dump.txt``
through the text extractor) is read and extracted by the pipeline's own stages, once with the code tree
``--base`` (a snapshot of the package's parent folder, e.g. from ``git archive <commit> converter``) and once
with ``--new`` (default: this repository's), each in a child process of its own; the script reports how
many inputs gave the same result, and for each that did not, which parts differed. Compared, as digests:
the Markdown body, every metadata field of the extraction, every ``--explain`` decision, every field of the
Article built from it, and each resource's name, type and bytes; an input that fails compares its error
message.

``--fingerprint OUT`` (used by the children) writes the digests of the tree on ``sys.path`` as JSON lines.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO / ".." / "shared" / "corpus"


def _digest(value: object) -> str:
    return hashlib.sha1(repr(value).encode("utf-8", "surrogatepass")).hexdigest()[:16]


def fingerprint(path: Path) -> dict[str, str]:
    """Digests of everything the pipeline makes of one input file (its error message if it fails)."""
    from dataclasses import fields

    from converter.errors import ConverterError
    from converter.pipeline import build_article, extract_source, load_source

    kind = "html" if path.suffix == ".html" else "text"
    try:
        loaded = load_source(path=path, kind=kind)
        extractions = extract_source(loaded)
    except ConverterError as err:
        return {"error": _digest(str(err))}
    out: dict[str, str] = {}
    for n, extraction in enumerate(extractions):
        article = build_article(extraction, loaded)
        out[f"{n}.body"] = _digest(extraction.body)
        for key, value in sorted(extraction.metadata.items()):
            out[f"{n}.meta.{key}"] = _digest(value)
        out[f"{n}.decisions"] = _digest([tuple(vars(d).values()) for d in extraction.decisions])
        for f in fields(article):
            if f.name != "resources":
                out[f"{n}.article.{f.name}"] = _digest(getattr(article, f.name))
        out[f"{n}.resources"] = _digest([(r.ref, r.media_type, hashlib.sha1(r.data).hexdigest())
                                         for r in article.resources])
    return out


def inputs(corpus: Path, names: list[str]) -> list[Path]:
    return sorted(p for name in names for p in corpus.glob(f"*/*/{name}"))


def _write_fingerprints(corpus: Path, names: list[str], out: Path) -> None:
    with out.open("w") as stream:
        for path in inputs(corpus, names):
            stream.write(json.dumps({"input": str(path.relative_to(corpus)), "digests": fingerprint(path)}) + "\n")


def _run_child(tree: Path, corpus: Path, names: list[str], out: Path) -> dict[str, dict[str, str]]:
    env = dict(os.environ, PYTHONPATH=str(tree))
    subprocess.run([sys.executable, __file__, "--corpus", str(corpus), "--kinds", ",".join(names),
                    "--fingerprint", str(out), "--tree", str(tree)], check=True, env=env)
    return {(row := json.loads(line))["input"]: row["digests"] for line in out.read_text().splitlines()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--base", type=Path, help="the code tree to compare with (holds converter/)")
    parser.add_argument("--new", type=Path, default=REPO, help="the code tree compared (default: this one)")
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--kinds", default="page.html,innertext.txt,dump.txt")
    parser.add_argument("--fingerprint", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--tree", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    names = args.kinds.split(",")
    if args.fingerprint:
        sys.path.insert(0, str(args.tree))
        import converter

        assert Path(converter.__file__).resolve().is_relative_to(args.tree.resolve()), converter.__file__
        _write_fingerprints(args.corpus, names, args.fingerprint)
        return
    if not args.base:
        parser.error("--base is required")
    if not args.corpus.is_dir():
        sys.exit(f"no corpus at {args.corpus}")
    scratch = Path(os.environ.get("TMPDIR", "/tmp"))
    base = _run_child(args.base.resolve(), args.corpus, names, scratch / f"same_output_base_{os.getpid()}.jsonl")
    new = _run_child(args.new.resolve(), args.corpus, names, scratch / f"same_output_new_{os.getpid()}.jsonl")
    for name in names:
        keys = [k for k in base if k.endswith(name)]
        same = [k for k in keys if base[k] == new.get(k)]
        print(f"{name}: {len(same)}/{len(keys)} identical")
        for key in keys:
            if base[key] != new.get(key):
                parts = sorted(p for p in set(base[key]) | set(new.get(key, {}))
                               if base[key].get(p) != new.get(key, {}).get(p))
                print(f"  differs: {key}: {', '.join(parts)}")


if __name__ == "__main__":
    main()

"""Render the seed article (or the bundled example) in every theme, as PNG pages to compare by eye.

    .venv/bin/python bench/gallery.py [--input PATH] [--out DIR] [--pages N] [--page-size A5]

Writes DIR/<theme>.pdf and DIR/<theme>-<page>.png (pdftoppm at 60 dpi) and prints the files.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SEED = REPO.parent / "shared" / "seeds" / "000_6891f99af320f9d1.txt"
EXAMPLE = REPO / "examples" / "harbour-ferry.txt"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--input", type=Path, default=SEED if SEED.exists() else EXAMPLE)
    parser.add_argument("--out", type=Path, default=REPO / "out" / "gallery")
    parser.add_argument("--pages", type=int, default=2)
    parser.add_argument("--page-size", default="A5")
    args = parser.parse_args()
    if shutil.which("pdftoppm") is None:
        sys.exit("pdftoppm (poppler-utils) is needed; run scripts/setup.sh")

    import converter
    from converter.render.themes import themes

    args.out.mkdir(parents=True, exist_ok=True)
    article = converter.extract(args.input)
    for theme in themes():
        pdf = args.out / f"{theme}.pdf"
        converter.render(article, "pdf", pdf, converter.RenderOptions(theme=theme, page_size=args.page_size))
        subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", str(args.pages), str(pdf),
                        str(args.out / theme)], check=True)
        print(" ".join(str(p) for p in sorted(args.out.glob(f"{theme}-*.png"))))
    return 0


if __name__ == "__main__":
    sys.exit(main())

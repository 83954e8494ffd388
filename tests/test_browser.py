"""The HTML edition in a real browser: Debian's Chromium driven by Playwright, at a phone's width (390 px)
and a desktop's (1280 px), light and dark. No horizontal scroll, the text within a readable measure,
pictures scaled to fit, colours that follow the scheme; a screenshot of each under the test's folder.

Playwright drives the system's ``/usr/bin/chromium`` (``scripts/setup.sh`` installs it with apt); it never
downloads a browser, and the page may fetch nothing but itself.
"""

from __future__ import annotations

import io
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image

from converter import Article, render
from converter.article import Resource

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"

#: Chromium's switches: headless, no sandbox (CI runs as root), nothing fetched or updated behind our back.
LAUNCH_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
               "--disable-component-update", "--disable-sync", "--no-first-run"]

#: Widest text column, in ems of the body text (``--measure`` is 36em; a little slack for rounding).
MAX_MEASURE_EM = 37


def picture(size: tuple[int, int]) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (40, 90, 140)).save(out, "PNG")
    return out.getvalue()


def wide_table() -> str:
    head = "| " + " | ".join(["Station"] + [f"Q{i}-2024" for i in range(1, 14)]) + " |"
    rows = ["| " + " | ".join([f"Harbour{r}"] + [f"{r * 1000 + i:,}" for i in range(1, 14)]) + " |" for r in (1, 2)]
    return "\n".join([head, "|" + "---|" * 14, *rows])


ARTICLE = Article(
    title="A crossing the town depends on: the night ferry and the people who keep it running",
    subtitle="Volunteers have kept the boat afloat for ninety-one winters.",
    authors=("Maren Ellis",), date="2025-01-14", site="The Harbour Post", language="en",
    body="\n\n".join([
        "The crossing has run for ninety-one years and carries nurses to the night shift. " * 5,
        "::: figure\n![The quay at dawn](img/wide.png)\n\nThe quay at dawn, seen from the breakwater.\n:::",
        "The timetable is at https://www.example-council.gov.uk/documents/planning/2025/harbour-ferry-timetable-"
        "winter-edition-final-version.pdf and in the harbour office.",
        "## Passengers by quarter",
        wide_table(),
        "```\nferry --timetable winter --from harbour --to island --departures-after 22:00 --format long-table\n```",
        "::: figure\n![A heron](img/tall.png)\n\nA heron waits on the slipway.\n:::",
        "The harder problem is the winter, when storms close the crossing for days. " * 6,
    ]),
    resources=(Resource("img/wide.png", "image/png", picture((2400, 1200))),
               Resource("img/tall.png", "image/png", picture((300, 500)))),
)


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    playwright_api = pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed")
    if not Path(CHROMIUM).exists():
        pytest.skip(f"Chromium is not installed at {CHROMIUM} (scripts/setup.sh installs Debian's)")
    with playwright_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def editions(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    from converter.issue import compile_issue, render_issue

    folder = tmp_path_factory.mktemp("html")
    article = folder / "article.html"
    article.write_bytes(render(ARTICLE, "html"))
    issue = folder / "issue.html"
    issue.write_bytes(render_issue(compile_issue([ARTICLE, ARTICLE.with_metadata(title="A second crossing")],
                                                 title="The Harbour Post", number="12"), "html"))
    return {"article": article, "issue": issue}


#: Measured in the page: scroll width, the widest paragraph in ems, each picture's box against its column
#: and its own shape, and the colours of the page and its text.
MEASURE = """() => {
  const px = (el, prop) => parseFloat(getComputedStyle(el)[prop]);
  const paragraphs = [...document.querySelectorAll('.article-body p')];
  const widest = Math.max(...paragraphs.map(p => p.getBoundingClientRect().width / px(p, 'fontSize')));
  const pictures = [...document.querySelectorAll('img')].map(img => {
    const box = img.getBoundingClientRect(), column = img.closest('.article-body, .article, body');
    return {fits: box.right <= column.getBoundingClientRect().right + 0.5 && box.left >= -0.5,
            shape: Math.abs(box.width / box.height - img.naturalWidth / img.naturalHeight) < 0.02,
            loaded: img.complete && img.naturalWidth > 0};
  });
  return {scroll: document.documentElement.scrollWidth, view: window.innerWidth, widest,
          pictures, background: getComputedStyle(document.documentElement).backgroundColor,
          ink: getComputedStyle(document.body).color};
}"""


def luminance(rgb: str) -> float:
    r, g, b = (int(float(v)) for v in rgb[rgb.index("(") + 1:rgb.index(")")].split(",")[:3])
    return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255


@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("edition", ["article", "issue"])
def test_html_edition_in_chromium(browser, editions: dict[str, Path], tmp_path: Path, edition: str, width: int,
                                  scheme: str) -> None:
    page = browser.new_page(viewport={"width": width, "height": 900}, color_scheme=scheme)
    fetched: list[str] = []

    def only_local(route) -> None:
        url = route.request.url
        if url.startswith(("file:", "data:")):
            route.continue_()
        else:
            fetched.append(url)
            route.abort()

    page.route("**/*", only_local)
    try:
        page.goto(editions[edition].as_uri())
        found = page.evaluate(MEASURE)
        shot = tmp_path / f"{edition}-{width}-{scheme}.png"
        page.screenshot(path=str(shot), full_page=True)
    finally:
        page.close()
    assert found["scroll"] <= found["view"], f"horizontal scroll: {found['scroll']} px in a {found['view']} px window"
    assert found["widest"] <= MAX_MEASURE_EM, f"a paragraph {found['widest']:.1f} em wide"
    if width == 390:
        assert found["widest"] >= 15, "the text column is squeezed"
    assert found["pictures"] and all(p == {"fits": True, "shape": True, "loaded": True} for p in found["pictures"])
    dark = scheme == "dark"
    assert (luminance(found["background"]) < 0.2) == dark and (luminance(found["ink"]) > 0.7) == dark
    assert fetched == []
    assert Image.open(shot).width == width

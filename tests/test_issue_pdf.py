"""The issue's PDF, read back: contents numbers against the pages where articles start, bookmarks,
running header, page numbers, metadata, reproducibility, cache reuse and failure isolation."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from dataclasses import replace
from pathlib import Path

import pytest

pypdf = pytest.importorskip("pypdf")

from converter.issue import Cache, compile_issue, render_issue  # noqa: E402
from converter.issue import pdf as issue_pdf  # noqa: E402
from converter.issue.pdf_join import PartJoiner, join_parts  # noqa: E402
from converter.issue.pdf_parts import PartResult, render_part  # noqa: E402
from converter.options import RenderOptions  # noqa: E402

CASE = Path(__file__).parent / "cases" / "issue-basic"
ARTICLES = ["The Bridge Reopens", "Market Hall Gets a Roof", "Night Ferry Timetable Changes",
            "The Library Stays Open", "A Winter in the Orchard"]
_CONTENTS_LINE = re.compile(r"^(.+?)\s*(?:\.\s*)+(\d+)$")


@pytest.fixture(scope="module")
def issue():
    return compile_issue(manifest=CASE / "issue.toml")


@pytest.fixture(scope="module")
def joined(issue) -> tuple[bytes, tuple]:
    """The issue's PDF, and the arguments its parts would be joined with in one call (to join them again):
    the parts' PDFs by slot, whatever order they were added in, and what the join was finished with."""
    added: dict[int, bytes] = {}
    finished = []
    real_add, real_finish = PartJoiner.add, PartJoiner.finish

    def add(self, slot, pdf, *args):
        added[slot] = pdf
        return real_add(self, slot, pdf, *args)

    def finish(self, *args):
        finished.append(args)
        return real_finish(self, *args)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(PartJoiner, "add", add)
        patch.setattr(PartJoiner, "finish", finish)
        data = render_issue(issue, "pdf")
    return data, ([added[slot] for slot in sorted(added)], *finished[0])


@pytest.fixture(scope="module")
def pdf(joined) -> bytes:
    return joined[0]


def page_texts(pdf: bytes) -> list[str]:
    """Each page's text as pdftotext lays it out."""
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    count = len(pypdf.PdfReader(io.BytesIO(pdf)).pages)
    return [subprocess.run(["pdftotext", "-layout", "-f", str(n), "-l", str(n), "-", "-"], input=pdf,
                           capture_output=True, check=True).stdout.decode() for n in range(1, count + 1)]


def contents_numbers(text: str) -> dict[str, int]:
    found = {}
    for line in text.splitlines():
        m = _CONTENTS_LINE.match(line.strip())
        if m:
            found[m.group(1).strip()] = int(m.group(2))
    return found


def outline(reader, items=None, depth=0) -> list[tuple[int, str, int]]:
    """The bookmarks as (depth, title, page from 1)."""
    flat = []
    for item in reader.outline if items is None else items:
        if isinstance(item, list):
            flat += outline(reader, item, depth + 1)
        else:
            flat.append((depth, item.title, reader.get_destination_page_number(item) + 1))
    return flat


def test_contents_numbers_are_the_pages_where_articles_start(pdf):
    pages = page_texts(pdf)
    numbers = contents_numbers(pages[1])
    assert set(ARTICLES) <= set(numbers), numbers
    for title in ARTICLES:
        start = next(n for n, text in enumerate(pages, 1) if n > 2 and title in text)
        assert numbers[title] == start, title
        assert pages[start - 1].strip().endswith(str(start))  # the page number printed in its footer


def test_bookmarks_nest_issue_sections_articles_and_subheads(pdf):
    marks = outline(pypdf.PdfReader(io.BytesIO(pdf)))
    assert marks[0] == (0, "The Riverside Courier", 1)
    by_title = {title: (depth, page) for depth, title, page in marks}
    assert by_title["News"][0] == by_title["Features"][0] == 1
    assert all(by_title[title][0] == 2 for title in ARTICLES)
    assert by_title["Traffic returns"][0] == 3 and by_title["January"][0] == 3
    news = [title for _, title, _ in marks][marks.index((1, "News", by_title["News"][1])) + 1:]
    assert news.index("The Bridge Reopens") < news.index("Features") < news.index("The Library Stays Open")


def test_running_header_names_issue_and_article_and_metadata_is_set(pdf):
    pages = page_texts(pdf)
    start = next(n for n, text in enumerate(pages) if n > 2 and "A Winter in the Orchard" in text)
    header = pages[start + 1].splitlines()[0]
    assert "The Riverside Courier" in header and "A Winter in the Orchard" in header
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    assert reader.metadata.title == "The Riverside Courier — Issue 12"  # as the EPUB names the issue
    assert reader.metadata.author == "Riverside Reading Club"
    assert "/Keywords" not in reader.metadata  # the articles have no tags
    assert reader.trailer["/Root"]["/Lang"] == "en"


def test_keywords_are_the_subjects_the_articles_share(issue):
    first, second, *_ = issue.articles
    tagged = replace(issue, sections=(replace(issue.sections[0], articles=(
        replace(first, tags=("Transport", "Bridges")), replace(second, tags=("transport", "Markets")))),))
    info = issue_pdf.pdf_info(tagged)
    assert info.title == "The Riverside Courier — Issue 12"
    assert info.keywords == ("Transport", "Bridges", "Markets")


def test_same_input_gives_the_same_bytes(issue, pdf, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1714953600")
    assert render_issue(issue, "pdf") == render_issue(issue, "pdf")
    assert render_issue(issue, "epub") == render_issue(issue, "epub")


def test_rebuild_renders_only_the_changed_part(issue, tmp_path, monkeypatch):
    cache = Cache(tmp_path)
    first = render_issue(issue, "pdf", cache=cache)
    rendered: list[str] = []
    real = issue_pdf.render_part
    monkeypatch.setattr(issue_pdf, "render_part", lambda job: rendered.append(job.html) or real(job))
    assert render_issue(issue, "pdf", cache=cache) == first
    assert rendered == []
    library = issue.sections[1].articles[0]
    edited = library.with_metadata(body=library.body + "\n\nA last line was added.")
    changed = issue.__class__(issue.metadata, (issue.sections[0], issue.sections[1].__class__(
        "Features", (edited, issue.sections[1].articles[1]))))
    render_issue(changed, "pdf", cache=cache)
    assert any("A last line was added." in html for html in rendered)
    assert not any("The Bridge Reopens</h1>" in html for html in rendered)  # the News part came from the cache


def test_rebuild_writes_the_html_of_the_changed_part_only(issue, tmp_path, monkeypatch):
    cache = Cache(tmp_path)
    first = render_issue(issue, "pdf", cache=cache)
    built: list[tuple[int, ...]] = []
    real = issue_pdf.part_job
    monkeypatch.setattr(issue_pdf, "part_job", lambda i, o, group: built.append(tuple(group)) or real(i, o, group))
    assert render_issue(issue, "pdf", cache=cache) == first
    assert built == []  # every part found by its recipe, no article turned into HTML
    library = issue.sections[1].articles[0]
    edited = library.with_metadata(body=library.body + "\n\nA last line was added.")
    changed = issue.__class__(issue.metadata, (issue.sections[0], issue.sections[1].__class__(
        "Features", (edited, issue.sections[1].articles[1]))))
    render_issue(changed, "pdf", cache=cache)
    news = len(issue.sections[0].articles)
    assert built and all(news <= index for group in built for index in group)  # the News part was not rebuilt
    built.clear()
    render_issue(issue, "pdf", cache=cache, options=issue_pdf.RenderOptions(justify=False))
    assert built  # another option, other recipes: the HTML is made again


def _edited(issue, line: str = "A sentence the editor added."):
    """The issue with a sentence added to the first paragraph of the Features section's first article."""
    library = issue.sections[1].articles[0]
    first, _, rest = library.body.partition("\n\n")
    edited = library.with_metadata(body=f"{first} {line}\n\n{rest}")
    return issue.__class__(issue.metadata, (issue.sections[0], issue.sections[1].__class__(
        "Features", (edited, *issue.sections[1].articles[1:]))))


def test_a_rebuild_after_a_body_edit_is_the_pdf_a_fresh_build_gives(issue, tmp_path):
    """Parts from the cache, the edited one laid out anew, joined while it is laid out: the pages' text,
    the bookmarks and the bytes are those of a build without the cache."""
    cache = Cache(tmp_path)
    render_issue(issue, "pdf", cache=cache)
    changed = _edited(issue)
    rebuilt = render_issue(changed, "pdf", cache=cache)
    fresh = render_issue(changed, "pdf")
    assert any("A sentence the editor added." in text for text in page_texts(rebuilt))
    assert page_texts(rebuilt) == page_texts(fresh)
    assert outline(pypdf.PdfReader(io.BytesIO(rebuilt))) == outline(pypdf.PdfReader(io.BytesIO(fresh)))
    assert rebuilt == fresh  # the parts are copied in one order whatever order they come in


def test_a_rebuild_opens_each_cached_part_once_and_stamps_no_contents_again(issue, tmp_path, monkeypatch):
    """The join is where a cached part's PDF is opened (it checks the page count its record claims): the
    part is not opened first to check it. Page numbers the edit did not move are not stamped again."""
    import hashlib

    import pikepdf

    cache = Cache(tmp_path)
    render_issue(issue, "pdf", cache=cache)
    opened: list[str] = []
    real_open = pikepdf.Pdf.open

    def counting_open(source, *args, **kwargs):
        opened.append(hashlib.sha256(source.getvalue()).hexdigest())
        return real_open(source, *args, **kwargs)

    stamped: list[list[int]] = []
    real_stamp = issue_pdf.stamp_contents
    monkeypatch.setattr(issue_pdf, "stamp_contents", lambda pdf, numbers: stamped.append(numbers) or
                        real_stamp(pdf, numbers))
    monkeypatch.setattr(pikepdf.Pdf, "open", counting_open)
    given: list[int] = []
    real_add = PartJoiner.add
    monkeypatch.setattr(PartJoiner, "add", lambda self, slot, *a: given.append(slot) or real_add(self, slot, *a))
    render_issue(_edited(issue), "pdf", cache=cache)
    assert sorted(given) == list(range(len(given))) and len(given) >= 3  # the front matter and two parts
    assert len(opened) == len(given) + 1  # each part once, then the digits document
    assert len(set(opened)) == len(opened)
    assert stamped == []  # the edit moved no page: the stamped contents came from the cache


def test_an_article_that_fails_to_render_leaves_the_others(issue, monkeypatch):
    real = issue_pdf.render_part

    def flaky(job):
        return PartResult(failure="the PDF engine gave up") if "Market Hall Gets a Roof</h1>" in job.html else real(job)

    monkeypatch.setattr(issue_pdf, "render_part", flaky)
    pdf, printed = issue_pdf.render_issue_pdf(issue, issue_pdf.RenderOptions())
    assert [f.reason for f in printed.failures] == ["the PDF engine gave up"]
    titles = {title for _, title, _ in outline(pypdf.PdfReader(io.BytesIO(pdf)))}
    assert "Market Hall Gets a Roof" not in titles
    assert {"The Bridge Reopens", "Night Ferry Timetable Changes", "A Winter in the Orchard"} <= titles
    numbers = contents_numbers(page_texts(pdf)[1])
    assert "Market Hall Gets a Roof" not in numbers and "The Bridge Reopens" in numbers



def test_a_run_of_articles_that_fails_together_but_renders_one_by_one_is_joined_whole(issue, monkeypatch):
    # A part of several articles over its time limit (a loaded machine), whose articles then render alone: the
    # join was sized for the planned parts and raised a bare ValueError ("the parts in slots [1] were not
    # added"); the articles are joined one part each, all of them printed, none a failure.
    real = issue_pdf.render_part

    def too_slow_together(job):
        together = job.html.count("<h1") > 1 and "Market Hall Gets a Roof</h1>" in job.html
        return PartResult(failure="the PDF took longer than 1 s and was stopped") if together else real(job)

    monkeypatch.setattr(issue_pdf, "render_part", too_slow_together)
    assert any(len(group) > 1 for group in issue_pdf.plan_parts(issue))  # the fixture has a run to split
    pdf, printed = issue_pdf.render_issue_pdf(issue, issue_pdf.RenderOptions())
    assert printed.failures == ()
    pages = page_texts(pdf)
    numbers = contents_numbers(pages[1])
    for title in ARTICLES:
        assert numbers[title] == next(n for n, text in enumerate(pages, 1) if n > 2 and title in text)

def footer_fonts(pdf: bytes) -> list[set[str]]:
    """Per page, the base names of the fonts the page's resources hold."""
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    return [{str(font.get_object()["/BaseFont"]).split("+")[-1]
             for font in (page["/Resources"].get_object().get("/Font") or {}).values()} for page in reader.pages]


def test_page_numbers_are_drawn_in_the_footer_font_on_every_page_but_the_cover(pdf):
    pages = page_texts(pdf)
    assert not re.search(r"^\s*1\s*$", pages[0], re.M)  # the cover has no number
    assert all(text.strip().endswith(str(n)) for n, text in enumerate(pages, 1) if n > 1)
    fonts = footer_fonts(pdf)
    assert all("Helvetica" not in page for page in fonts)
    assert all("Source-Sans-Pro" in page for page in fonts[1:])  # print.css: the footer is in the heading font


def test_a_footer_turned_off_in_css_prints_no_numbers(issue):
    options = issue_pdf.RenderOptions(css=("@page { @bottom-center { content: none; } }",))
    pages = page_texts(render_issue(issue, "pdf", options=options))
    assert not any(text.strip().endswith(str(n)) for n, text in enumerate(pages, 1) if n > 2)


def test_a_font_installed_since_the_last_build_renders_the_parts_again(issue, tmp_path, monkeypatch):
    cache = Cache(tmp_path)
    render_issue(issue, "pdf", cache=cache)
    rendered: list[str] = []
    real = issue_pdf.render_part
    monkeypatch.setattr(issue_pdf, "render_part", lambda job: rendered.append(job.html) or real(job))
    monkeypatch.setattr(issue_pdf, "rendering_environment", lambda: "weasyprint 70.0\n/usr/share/fonts/new 1")
    render_issue(issue, "pdf", cache=cache)
    assert any("The Bridge Reopens</h1>" in html for html in rendered)


def test_a_part_over_its_time_limit_is_a_failure_not_a_hang_in_a_worker_and_here(issue):
    from concurrent.futures import ProcessPoolExecutor

    from converter.policy.limits import Limits

    job = issue_pdf.part_job(issue, issue_pdf.RenderOptions(limits=Limits(pdf_seconds=0.001)), [0, 1, 2])
    with ProcessPoolExecutor(1) as pool:
        result = pool.submit(issue_pdf.render_part, job).result()
    assert result.failure.startswith("the PDF took longer than 0.001 s and was stopped") and not result.pdf
    # with --jobs 1 the part renders from the caller's process, through the same capped child
    here = issue_pdf.render_part(job)
    assert here.failure.startswith("the PDF took longer than 0.001 s and was stopped") and not here.pdf


def test_with_jobs_1_a_part_over_the_memory_cap_fails_that_part_only(issue, monkeypatch):
    from converter.issue import pdf_parts

    real = pdf_parts._lay_out_part

    def greedy(page, limits):  # the part holding one article asks for twice the default 2 GB cap
        if "Market Hall Gets a Roof</h1>" in page.html:
            bytearray(4 * 1024**3)
        return real(page, limits)

    monkeypatch.setattr(pdf_parts, "_lay_out_part", greedy)
    pdf, printed = issue_pdf.render_issue_pdf(issue, issue_pdf.RenderOptions(), executor=None)
    assert [f.reason for f in printed.failures] == [
        "the PDF engine ran out of its 2048 MB memory limit; convert the page to HTML or EPUB, or raise "
        "Limits.pdf_memory_bytes"]
    text = "\n".join(page_texts(pdf))
    assert "Market Hall Gets a Roof" not in text
    assert all(title in text for title in ARTICLES if title != "Market Hall Gets a Roof")


def test_the_contents_is_laid_out_once_and_its_numbers_stamped(issue, monkeypatch):
    def no_second_layout(*args, **kwargs):
        raise AssertionError("the front matter was laid out a second time")

    monkeypatch.setattr(issue_pdf, "render_front", no_second_layout)
    pages = page_texts(render_issue(issue, "pdf"))
    numbers = contents_numbers(pages[1])
    for title in ARTICLES:
        assert numbers[title] == next(n for n, text in enumerate(pages, 1) if n > 2 and title in text)


def test_the_join_holds_one_part_open_at_a_time_and_gives_the_same_pdf(joined, monkeypatch):
    """Each part is read, copied and closed before the next (its objects freed: opened together, the parts of
    a 100-article issue held 70 MB); the PDF is the same, byte for byte."""
    import pikepdf

    data, args = joined
    parts = args[0]
    opened, most = [], []
    real_open, real_close = pikepdf.Pdf.open, pikepdf.Pdf.close

    def tracked_open(*a, **k):
        document = real_open(*a, **k)
        opened.append(document)
        most.append(len(opened))
        return document

    def tracked_close(self):
        if self in opened:
            opened.remove(self)
        real_close(self)

    monkeypatch.setattr(pikepdf.Pdf, "open", tracked_open)
    monkeypatch.setattr(pikepdf.Pdf, "close", tracked_close)
    again = join_parts(*args)
    assert len(parts) >= 3 and len(most) == len(parts) + 1  # every part, then the digits document
    assert max(most) == 1  # never two parts open together, nor a part with the digits document
    assert again == data


def test_render_issue_tells_progress_as_each_part_is_laid_out(issue, tmp_path):
    """The library's ``render_issue`` takes the CLI's progress callable: one line per PDF part laid out,
    counting up to every part (front matter, contents digits, the articles' parts); a rebuild from the cache
    lays nothing out and says nothing, and an EPUB is one step."""
    import converter

    told: list[str] = []
    cache = Cache(tmp_path)
    first = converter.render_issue(issue, "pdf", cache=cache, progress=told.append)
    parts = 2 + len(issue_pdf.plan_parts(issue))
    counts = [re.fullmatch(r"rendered (\d+)/(\d+) parts \((\d+) pages laid out, before joining\)", line)
              for line in told]
    assert all(counts), told
    assert [(int(m[1]), int(m[2])) for m in counts] == [(n, parts) for n in range(1, parts + 1)]
    assert int(counts[-1][3]) >= len(pypdf.PdfReader(io.BytesIO(first)).pages)
    again: list[str] = []
    assert converter.render_issue(issue, "pdf", cache=cache, progress=again.append) == first
    assert again == []
    converter.render_issue(issue, "epub", progress=again.append)
    assert again == []


def test_a_process_warms_the_fonts_from_its_second_part_on(monkeypatch):
    """A rebuild's worker renders one part: the fonts sample (a layout of its own) would only delay it. A
    worker rendering several parts warms the fonts before its second, for the rest."""
    from converter.issue import pdf_parts
    from converter.render.sanitize import Sanitized

    calls: list[str] = []
    monkeypatch.setattr(pdf_parts, "warm", lambda page, limits: calls.append("engine and stylesheet"))
    monkeypatch.setattr(pdf_parts, "warm_fonts", lambda page, limits: calls.append("fonts"))
    monkeypatch.setattr(pdf_parts, "_PARTS_WARMED", [])
    page = Sanitized("<p>x</p>", 1, 8, 0, "p { color: black }", "", False)
    pdf_parts._warm(page, pdf_parts.Limits())
    assert calls == ["engine and stylesheet"]
    pdf_parts._warm(page, pdf_parts.Limits())
    pdf_parts._warm(page, pdf_parts.Limits())
    assert calls == ["engine and stylesheet", "engine and stylesheet", "fonts", "engine and stylesheet", "fonts"]


def test_the_page_numbers_drawn_at_the_join_are_the_footers_operators_with_each_number(joined):
    """``NumberStreams`` writes the footer's fixed instructions once: each page's stream is what writing
    every instruction of the footer for that page gives, the digits' text matrix moved to centre the number."""
    from decimal import Decimal

    import pikepdf

    from converter.issue.pdf_join import NumberStreams, _renamed, footer_digits

    footer = footer_digits(joined[1][3])
    assert footer is not None
    rename = {name[1:]: f"Num{name[1:]}" for entries in footer.resources.values() for name in entries}
    streams = NumberStreams(footer, rename)
    for number in ("1", "7", "10", "42", "118", "1000", "20461"):
        width = sum(footer.widths[d] for d in number)
        text = [([*ops[:4], Decimal(str(round(footer.centre - width / 2 * float(ops[0]), 3))), ops[5]], name)
                if name == "Tm" else (ops, name) for ops, name in footer.text]
        ops = [([], "q"), *footer.state, ([], "BT"), *text,
               ([pikepdf.String(b"".join(footer.codes[d] for d in number))], "Tj"), ([], "ET"), ([], "Q")]
        whole = pikepdf.unparse_content_stream([([_renamed(o, rename) for o in operands], pikepdf.Operator(name))
                                                for operands, name in ops])
        assert streams.stream(number) == whole
    assert b"Tj" in streams.stream("3") and b"Tm" in streams.stream("3")


def test_no_contents_page_holds_a_lone_entry(tmp_path):
    """12 articles in 4 sections on A4 made a contents one line too long for its page: the last entry went
    alone onto a page of its own (trial 5). The last entries keep together, a heading with its first entry."""
    sections = {"News": 4, "Sport": 3, "Culture": 3, "Opinion": 2}
    manifest = ['title = "The Harbour Weekly"']
    number = 0
    for section, count in sections.items():
        names = []
        for _ in range(count):
            number += 1
            name = f"{section.lower()}-{number:02d}.md"
            (tmp_path / name).write_text(f"---\ntitle: Story Number {number} of the Week\nauthor: Reporter {number}\n"
                                         f"---\n\nA sentence about the harbour, story {number}.\n")
            names.append(name)
        manifest += ["[[sections]]", f'title = "{section}"', f"articles = {names!r}".replace("'", '"')]
    (tmp_path / "issue.toml").write_text("\n".join(manifest) + "\n")
    issue = compile_issue(manifest=tmp_path / "issue.toml")
    front = render_part(issue_pdf.front_job(issue, RenderOptions(), None))
    contents = page_texts(front.pdf)[1:]
    entries = [re.findall(r"Story Number \d+", text) for text in contents]
    assert sum(map(len, entries)) == 12
    assert len(contents) == 2 and all(len(found) >= 2 for found in entries), entries
    assert "OPINION" in contents[1]  # the heading went over with its entries

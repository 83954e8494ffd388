"""Hostile inputs at scale (bench/hostile_scale.py has the full sizes): the element cap at parse time, and
the stages that were superlinear in the number of blocks, proved on small inputs with the cap lowered."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from hostile_helpers import run_cli

from converter import RenderOptions, extract
from converter.errors import ExtractionError, SourceError
from converter.extract.feed import extract_feed
from converter.extract.html import extract_html
from converter.extract.html.judged import _FirstBlock, _InOrder, in_page_order, page_blocks
from converter.extract.html.parse import check_attribute_count, check_element_count, parse_page
from converter.extract.result import Decision
from converter.policy.limits import Limits


#: A page of ``n`` tiny paragraphs: ``n + 6`` elements (html, head, title, body, article, h1).
def _tiny(n: int) -> str:
    return "<html><head><title>Tiny</title></head><body><article><h1>Tiny</h1>" + "<p>a.</p>" * n + \
        "</article></body></html>"


CAP_MESSAGE = ("the page has 1,006 elements, over the limit of 1,000 (Limits.max_input_elements); save the "
               "article alone (the browser's reader view or print to HTML) and convert that")


def test_page_over_the_element_cap_is_refused_before_extraction() -> None:
    with pytest.raises(ExtractionError) as caught:
        extract_html(_tiny(1000), max_elements=1000)
    assert str(caught.value) == CAP_MESSAGE


def test_page_at_the_element_cap_is_converted() -> None:
    extraction = extract_html(_tiny(994), max_elements=1000)
    assert extraction.body.count("a.") == 994


def test_cap_reaches_the_library_through_limits() -> None:
    options = RenderOptions(limits=Limits(max_input_elements=1000))
    with pytest.raises(ExtractionError) as caught:
        extract(_tiny(1000), kind="html", limits=options.limits, name="tiny.html")
    assert str(caught.value) == f"tiny.html: {CAP_MESSAGE}"


def test_count_is_libxml2s_own_not_the_angle_brackets() -> None:
    # 3,000 "<" in text and a comment, 4 elements: not refused, and the tree is built as usual
    page = "<html><body><p>" + "a &lt; b, 1 < 2; " * 2000 + "</p><!--" + "<" * 1000 + "--></body></html>"
    check_element_count(page, 10)
    assert parse_page(page, 10).find("body/p") is not None


def test_count_of_a_huge_page_stays_small_in_memory() -> None:
    """The count frees each element as it ends: after counting 200,000 elements the pull parser holds
    only the open path (checked through what the counter returns, not a timing)."""
    with pytest.raises(ExtractionError, match=r"^the page has 200,006 elements, over the limit of 100,000 "):
        check_element_count(_tiny(200_000), 100_000)


def test_feed_entries_are_counted_together() -> None:
    item = "<item><title>E</title><description><![CDATA[" + "<p>x</p>" * 300 + "]]></description></item>"
    feed = f'<?xml version="1.0"?><rss version="2.0"><channel><title>F</title>{item * 4}</channel></rss>'
    assert len(extract_feed(feed, max_elements=1_300)) == 4
    with pytest.raises(ExtractionError) as caught:
        extract_feed(feed, max_elements=1_000, name="f.xml")
    assert str(caught.value).startswith("f.xml: the content of its entries has 1,2")
    assert "over the limit of 1,000 (Limits.max_input_elements)" in str(caught.value)


def test_cli_refuses_an_over_cap_page_in_one_line(tmp_path: Path) -> None:
    (tmp_path / "tiny.html").write_text(_tiny(100_000))
    result = run_cli(["convert", "tiny.html", "-o", "tiny.pdf"], tmp_path)
    assert result.rc == 1
    assert result.stderr.strip().splitlines() == [
        "converter: error: tiny.html: the page has 100,006 elements, over the limit of 100,000 "
        "(Limits.max_input_elements); save the article alone (the browser's reader view or print to HTML) "
        "and convert that"]
    assert not (tmp_path / "tiny.pdf").exists()


def test_in_order_search_answers_as_in() -> None:
    """``_InOrder.contains`` is ``in``, asked in any order (found after the cursor, before it, or not)."""
    rng = random.Random(7)
    whole = "".join(rng.choice("ab ") for _ in range(400))
    search = _InOrder(whole)
    for _ in range(2000):
        start = rng.randrange(len(whole))
        needle = whole[start:start + rng.randrange(1, 9)] if rng.random() < .7 else \
            "".join(rng.choice("abc") for _ in range(rng.randrange(1, 6)))
        assert search.contains(needle) == (needle in whole), needle


def test_in_order_search_reads_each_block_once_in_page_order() -> None:
    """Blocks found in order move the cursor forward: the search for each starts where the last one was
    found, so a page of many blocks costs the length of its text, not its square."""
    blocks = [f"Sentence {i} is short." for i in range(5000)]
    search = _InOrder(" ".join(blocks))
    cursors = []
    for block in blocks:
        assert search.contains(block)
        cursors.append(search.cursor)
    assert cursors == sorted(cursors) and cursors[-1] == len(" ".join(blocks[:-1])) + 1


def test_page_blocks_line_of_a_block_without_one_is_its_parents() -> None:
    body = parse_page("<html><body><div>\n" + "<p>x</p>\n" * 50 + "</div></body></html>").find("body")
    div = body[0]
    made = div.makeelement("figcaption")  # an element the extractor made: no source line
    made.text = "caption"
    div.append(made)
    assert (1, "caption") in page_blocks(body)  # the <div>'s line (its siblings are not walked)


@pytest.mark.parametrize("indexed", [False, True])
def test_first_block_holding_a_piece_is_the_first_in_order(indexed: bool) -> None:
    """``_FirstBlock.holding`` answers as the walk of every text in order, whether it walks (few pieces) or
    uses its index of 4-character pieces and its joined search for shorter ones (many pieces)."""
    rng = random.Random(3)
    texts = [" ".join("".join(rng.choice("abc") for _ in range(rng.randrange(1, 5)))
                      for _ in range(rng.randrange(0, 6))) for _ in range(300)]
    first = _FirstBlock(texts)
    first.DIRECT = 0 if indexed else 10**9
    for _ in range(1000):
        text = rng.choice(texts)
        at = rng.randrange(len(text) + 1)
        piece = text[at:at + rng.randrange(1, 10)] if rng.random() < .8 else \
            "".join(rng.choice("abcd ") for _ in range(rng.randrange(1, 6)))
        if piece:
            assert first.holding(piece) == next((i for i, t in enumerate(texts) if piece in t), None), piece


def test_in_page_order_indexes_the_blocks_when_many_decisions_have_no_line() -> None:
    """20,000 empty headings dropped by a block rule (no page line): each takes its block's line through
    the index, not a walk of the blocks before it (the index is built once: checked, not timed)."""
    blocks = [(n + 10, f"Section {n}") for n in range(20_000)]
    decisions = [Decision(0, f"Section {n}", "dropped", "empty_section") for n in reversed(range(20_000))]
    ordered = in_page_order(decisions, blocks)
    assert [d.text for d in ordered] == [text for _, text in blocks]


def test_element_with_too_many_attributes_is_refused_before_parsing() -> None:
    """libxml2 takes the square of one element's attributes (1,000,000 took hours): refused first, even
    with a ``>`` in a quoted value before them; a long quoted value is one attribute."""
    many = '<p title=">" ' + " ".join(f"a{i}=1" for i in range(101)) + ">Text.</p>"
    with pytest.raises(ExtractionError) as caught:
        extract_html(f"<html><body>{many}</body></html>", max_attributes=100)
    assert str(caught.value) == ("the page has a <p> element with more than 100 attributes "
                                 "(Limits.max_element_attributes); is it really a saved article?")
    few = '<p title="' + "a long title> " * 2000 + '" ' + " ".join(f"a{i}=1" for i in range(98)) + ">Text.</p>"
    check_attribute_count(few, 100)
    assert "Text." in extract_html(f"<html><body>{few}<p>More text.</p></body></html>", max_attributes=100).body


def test_feed_entry_with_too_many_attributes_is_refused() -> None:
    item = "<item><title>E</title><description><![CDATA[<p " + "a " * 50 + ">x</p>]]></description></item>"
    feed = f'<?xml version="1.0"?><rss version="2.0"><channel><title>F</title>{item}</channel></rss>'
    with pytest.raises(ExtractionError, match=r"^f.xml: the content of its entries has a <p> element with more "
                                              r"than 10 attributes"):
        extract_feed(feed, max_attributes=10, name="f.xml")


def test_markdown_with_too_many_cells_and_links_is_refused() -> None:
    """One line may hold thousands of table cells (1.6 KB of parser tokens each): the element cap counts
    ``|`` and ``](`` before the Markdown is parsed."""
    links = "".join(f"[l{i}](https://e.com/{i}) " for i in range(400))
    body = "# T\n\n" + "|c" * 600 + "|\n" + "|-" * 600 + "|\n" + links
    limits = Limits(max_input_elements=1_000)
    with pytest.raises(SourceError) as caught:
        extract(body, kind="markdown", name="t.md", limits=limits)
    assert str(caught.value) == ("t.md: has 1,602 table cell and link marks ('|' and ']('), over the limit of "
                                 "1,000 (Limits.max_input_elements); is it really one article?")
    assert extract(body, kind="markdown", name="t.md", limits=Limits(max_input_elements=1_602)).title == "T"


class _CountingFace:
    """A face 10 pixels a character at any size that counts how often it is measured."""

    def __init__(self) -> None:
        self.measured = 0

    def length(self, text: str, size: int) -> float:
        self.measured += 1
        return 10.0 * len(text)


def test_cover_title_wrap_stops_past_the_lines_it_shows() -> None:
    """A title of 200,000 words (or one word of 200,000 letters) is measured only as far as the cover's
    lines go: the wrapped lines it shows are those of the whole wrap."""
    from converter.render.epub.cover import wrap

    title = "word " * 200_000
    whole = wrap("word " * 50, _CountingFace(), 40, 100)  # type: ignore[arg-type]
    counting = _CountingFace()
    lines = wrap(title, counting, 40, 100, most=4)  # type: ignore[arg-type]
    assert lines == whole[:5] and counting.measured < 100
    counting = _CountingFace()
    assert wrap("x" * 200_000, counting, 40, 100, most=4) == ["x" * 10] * 5  # type: ignore[arg-type]
    assert counting.measured < 200

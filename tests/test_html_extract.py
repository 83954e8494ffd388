"""HTML and MHTML extraction: golden cases (tests/cases/html-*), focused rules, hostile pages, the corpus."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import converter
from converter.errors import ExtractionError
from converter.extract.html import extract_html
from converter.extract.html.mhtml import extract_mhtml
from converter.extract.result import Extraction
from converter.policy.resources import ResourcePolicy
from tests.conftest import CORPUS, need_shared

CASES = Path(__file__).parent / "cases"
PAGE_CASES = sorted(p for p in CASES.glob("html-*") if not p.name.startswith("html-feed-"))


def _extract_case(case: Path) -> Extraction:
    if (case / "input.mhtml").exists():
        return extract_mhtml((case / "input.mhtml").read_bytes())
    return extract_html((case / "input.html").read_text("utf-8"), base_dir=case,
                        load_resource=ResourcePolicy(case).load)


def _plain(metadata: object) -> dict:
    return json.loads(json.dumps(dict(metadata), ensure_ascii=False))  # tuples as lists, as JSON has them


@pytest.mark.parametrize("case", PAGE_CASES, ids=[p.name for p in PAGE_CASES])
def test_golden_page(case: Path) -> None:
    result = _extract_case(case)
    assert result.body + "\n" == (case / "expected_body.md").read_text("utf-8")
    assert _plain(result.metadata) == json.loads((case / "expected_meta.json").read_text("utf-8"))


# Focused rules: each page shows one pattern.

def _body(html: str, **options: object) -> str:
    return extract_html(f"<html><body><article>{html}</article></body></html>", **options).body


PROSE = ("<p>A paragraph long enough to be taken for article text by any reasonable scorer, with commas, "
         "clauses, and a full stop at its end.</p>")


def test_lazy_picture_takes_its_real_address_from_data_src() -> None:
    body = _body(f'{PROSE}<img src="data:image/gif;base64,R0lGOD" data-src="https://x.example/a.jpg" '
                 'alt="A">')
    assert "![A](https://x.example/a.jpg)" in body


def test_lazy_picture_takes_the_largest_srcset_candidate() -> None:
    body = _body(f'{PROSE}<img data-srcset="https://x.example/s.jpg 320w, https://x.example/l.jpg 1280w" '
                 'alt="Wide">')
    assert "![Wide](https://x.example/l.jpg)" in body


def test_noscript_copy_replaces_the_placeholder() -> None:
    body = _body(f'{PROSE}<p><img class="lazy" src="blank.gif" alt="">'
                 '<noscript><img src="https://x.example/real.jpg" alt="Real"></noscript></p>')
    assert body.endswith("![Real](https://x.example/real.jpg)")
    assert "blank.gif" not in body


def test_picture_source_gives_the_largest_candidate() -> None:
    body = _body(f'{PROSE}<picture><source srcset="https://x.example/p-800.webp 800w, '
                 'https://x.example/p-1600.webp 1600w"><img src="https://x.example/p.jpg" alt="P"></picture>')
    assert "![P](https://x.example/p-1600.webp)" in body


def test_tracking_pixel_is_dropped() -> None:
    body = _body(f'{PROSE}<img src="https://t.example/collect.gif" width="1" height="1" alt="">'
                 '<img src="https://t.example/b/pixel.png" alt="">')
    assert "t.example" not in body


def test_picture_loaded_through_load_resource_gets_an_images_ref() -> None:
    loaded = converter.Resource("ignored", "image/png", b"\x89PNG...")
    result = extract_html(f'<body>{PROSE}<p><img src="photo.png" alt="Photo"></p></body>',
                          load_resource=lambda url: loaded if url == "photo.png" else None)
    assert "![Photo](images/photo.png)" in result.body
    assert [(r.ref, r.data) for r in result.resources] == [("images/photo.png", b"\x89PNG...")]


def test_javascript_link_keeps_its_text_only() -> None:
    body = _body(f'{PROSE}<p>Open <a href="javascript:alert(1)">the gallery</a> or '
                 '<a href="https://x.example/">the site</a>.</p>')
    assert body.endswith("Open the gallery or [the site](https://x.example/).")


def test_relative_link_is_made_absolute_from_the_canonical_url() -> None:
    html = ('<html><head><link rel="canonical" href="https://x.example/news/a.html"></head><body>'
            f'{PROSE}<p>See <a href="../b.html">the other story</a>.</p></body></html>')
    assert extract_html(html).body.endswith("See [the other story](https://x.example/b.html).")


def test_table_becomes_a_pipe_table_with_escaped_pipes() -> None:
    body = _body(f"{PROSE}<table><tr><th>Harbour</th><th>Depth at low tide</th></tr>"
                 "<tr><td>North | East quay</td><td>4.5 metres</td></tr></table>")
    assert body.endswith(
        "| Harbour | Depth at low tide |\n| --- | --- |\n| North \\| East quay | 4.5 metres |")


def test_code_block_is_fenced_with_its_language() -> None:
    body = _body(f'{PROSE}<pre><code class="language-js">let a = `x`;\nlet b = 2;</code></pre>')
    assert body.endswith("```js\nlet a = `x`;\nlet b = 2;\n```")


def test_footnotes_become_references_and_definitions() -> None:
    body = _body('<p>A claim<sup><a href="#n1" id="r1">1</a></sup> that needs a source, written out at some '
                 'length so the paragraph is article text.</p><section role="doc-endnotes"><ol>'
                 '<li id="n1">The source. <a href="#r1">↩</a></li></ol></section>')
    assert body == ("A claim[^1] that needs a source, written out at some length so the paragraph is article "
                    "text.\n\n[^1]: The source.")


def test_comments_are_dropped_unless_kept() -> None:
    page = (f'<html><body><article>{PROSE}</article><div id="comments"><p>First!</p>'
            '<p>Great piece, thanks.</p></div></body></html>')
    assert "First!" not in extract_html(page).body
    kept = extract_html(page, keep_comments=True).body
    assert kept.endswith("## Comments\n\nFirst!\n\nGreat piece, thanks.")


def test_a_long_comment_thread_is_dropped_though_it_is_prose() -> None:
    reply = ("<p>I read this twice and still think the council had no choice, given the budget it was handed "
             "and the deadline the province set for the plan.</p>")
    page = (f'<html><body><article>{PROSE * 6}</article><div class="comment-list">{reply * 3}</div>'
            "</body></html>")
    result = extract_html(page)
    assert "council had no choice" not in result.body
    assert any(d.rule == "comment_section" for d in result.decisions)


def test_a_post_filed_under_a_discussion_category_is_kept() -> None:
    # blog software names the post's wrapper after its categories: "discussion" there is the writer's word
    post = f'<div class="post hentry category-for-discussion tag-comments">{PROSE}{PROSE}</div>'
    assert _body(post).startswith("A paragraph long enough")


def test_post_text_written_with_line_breaks_is_kept_in_a_widget_named_wrapper() -> None:
    text = ("A post written without paragraphs, one line after another as blog editors save them, long "
            "enough to be the article")
    page = (f'<html><body><div class="widget Blog"><div class="post-body">{text}.<br><br>{text} again.<br>'
            '</div></div><div class="sidebar"><a href="/a">Archive</a></div></body></html>')
    body = extract_html(page).body
    assert f"{text}." in body and f"{text} again." in body


@pytest.mark.parametrize("line", [
    "Filed under News and City Politics | Comments",
    'Tags: <a href="/t/a">budget</a>, <a href="/t/b">council</a>',
    "This entry was posted on Monday, October 15th, 2012 and is filed under Life.",
])
def test_the_line_filing_a_post_under_categories_is_dropped(line: str) -> None:
    result = extract_html(f"<html><body><article>{PROSE}<p>{line}</p></article></body></html>")
    assert result.body == PROSE[3:-4]
    assert any(d.rule == "filing_line" for d in result.decisions)


def test_the_box_about_the_author_is_dropped() -> None:
    # longer than a byline (those go by ``byline_block``)
    box = ('<div class="about-author"><p>Jane Roe writes about city budgets and has covered the council '
           "for ten years for several papers. She lives by the river with two cats and far too many "
           "books about local government.</p></div>")
    result = extract_html(f"<html><body><article>{PROSE}{PROSE}{box}</article></body></html>")
    assert "Jane Roe" not in result.body
    assert any(d.rule == "author_box" for d in result.decisions)


def test_an_embedded_post_in_a_wrapper_is_kept() -> None:
    # the scorer drops a <div> more than a fifth links: the embed's wrapper, with its author and date links
    embed = ('<div class="social-media-embed"><blockquote class="twitter-tweet"><p>The ferry is back in '
             'the water this morning <a href="https://t.co/x1">pic.twitter.com/x1</a></p>&mdash; Harbour '
             'Watch (@harbourwatch) <a href="https://twitter.com/harbourwatch/status/1">May 3, 2024</a>'
             '</blockquote></div>')
    body = _body(f"{PROSE}{embed}{PROSE}")
    assert "The ferry is back in the water this morning" in body
    assert "Harbour Watch (@harbourwatch)" in body


def test_a_list_of_links_that_is_most_of_the_article_is_kept() -> None:
    # a post gathering links to earlier posts: the list is what the page is about
    items = "".join(f'<li><a href="/p/{i}">Part {i} of the series on the harbour ferry and its crew</a></li>'
                    for i in range(1, 9))
    result = extract_html(f"<html><body><article><p>Our posts on the ferry, in order.</p><ul>{items}</ul>"
                          "</article></body></html>")
    assert "Part 8 of the series on the harbour ferry" in result.body
    assert not any(d.rule == "link_list" for d in result.decisions)


def test_a_short_list_of_links_under_the_article_is_dropped() -> None:
    items = "".join(f'<li><a href="/p/{i}">Another story {i}</a></li>' for i in range(1, 4))
    result = extract_html(f"<html><body><article>{PROSE}{PROSE}<ul>{items}</ul></article></body></html>")
    assert "Another story" not in result.body


def test_a_heading_left_with_nothing_under_it_is_dropped() -> None:
    # the related-stories list under it goes (link_list); the heading announcing it has nothing left to head
    items = "".join(f'<li><a href="/p/{i}">Another story {i}</a></li>' for i in range(1, 4))
    result = extract_html(f"<html><body><article><h2>The plan</h2>{PROSE}<h3>A detail</h3>{PROSE}"
                          f"<h2>More Great Stories</h2><ul>{items}</ul></article></body></html>")
    assert result.body.endswith("at its end.") and "## The plan" in result.body and "### A detail" in result.body
    assert "More Great Stories" not in result.body
    assert any(d.rule == "empty_section" and d.text == "More Great Stories" for d in result.decisions)


def test_a_heading_over_a_picture_or_a_subheading_with_text_is_kept() -> None:
    body = _body(f'{PROSE}<h2>The map</h2><img src="https://x.example/map.png" alt="">'
                 f"<h2>Two sides</h2><h3>First</h3>{PROSE}")
    assert "## The map" in body and "## Two sides" in body


@pytest.mark.parametrize("line", ["Reading time: 4 minutes", "Tempo de leitura: 2 minutos", "5 min read"])
def test_the_reading_time_line_is_dropped(line: str) -> None:
    result = extract_html(f"<html><body><article><p>{line}</p>{PROSE}</article></body></html>")
    assert result.body == PROSE[3:-4]
    assert any(d.rule == "reading_time" for d in result.decisions)


def test_a_sentence_about_reading_time_is_kept() -> None:
    line = "<p>Reading time matters: 40 percent of readers stop after the second screen of a story.</p>"
    assert _body(f"{line}{PROSE}").startswith("Reading time matters")


def test_caption_parts_written_without_a_space_are_set_apart() -> None:
    figure = ('<figure><img src="https://x.example/1.jpg" alt=""><figcaption><span class="mr3">The mayor '
              'speaks on July 25, 2019.</span><span class="mono">Jane Roe / AP file</span></figcaption></figure>')
    assert "on July 25, 2019. Jane Roe / AP file" in _body(f"{PROSE}{figure}{PROSE}")


@pytest.mark.parametrize("line", ['<strong>[Related: <a href="/p/2">The council votes on the ferry</a>]</strong>',
                                  '(Read more: <a href="/p/3">How the ferry was saved</a>)'])
def test_a_teaser_in_brackets_is_dropped(line: str) -> None:
    result = extract_html(f"<html><body><article>{PROSE}<p>{line}</p>{PROSE}</article></body></html>")
    assert "ferry" not in result.body
    assert any(d.rule == "call_to_action" for d in result.decisions)


def test_a_call_to_action_as_a_list_item_is_dropped() -> None:
    box = ('<ul><li>Sign-up to the Harbour News newsletter and download our ferry timetable for free.</li>'
           "<li>The timetable lists every crossing of the winter season, with the tides, the fares and the "
           "notes of the harbour master on the weather.</li></ul>")
    result = extract_html(f"<html><body><article>{PROSE}{box}{PROSE}</article></body></html>")
    assert "Sign-up to" not in result.body and "- The timetable lists every crossing" in result.body
    assert any(d.rule == "call_to_action" for d in result.decisions)


def test_a_paragraph_in_a_wrapper_named_like_boilerplate_is_kept() -> None:
    # the scorer reads "media" in the wrapper's class as boilerplate and drops the article's first paragraph
    lead = ('<div class="el__leafmedia el__leafmedia--sourced-paragraph"><p><cite>Hong Kong (Harbour News)</cite>'
            "A muddled view of the ferry talks once again weighs on the island's shops and their owners.</p></div>")
    assert _body(f"{lead}{PROSE}{PROSE}").startswith("*Hong Kong (Harbour News)*A muddled view of the ferry talks")


def test_the_caption_of_a_picture_the_page_does_not_hold_is_dropped() -> None:
    # a video player (its <iframe> is never text) or a picture a script would have put in its placeholder
    video = ('<figure class="embed is-video"><iframe src="https://x.example/embed/1"></iframe><figcaption>'
             "<span>Day 3, Part 10: the opening statement</span></figcaption></figure>")
    placeholder = ('<figure><div class="placeholder" style="padding-top:67%"></div><figcaption>The mayor speaks '
                   "on Tuesday.</figcaption></figure>")
    result = extract_html(f"<html><body><article>{PROSE}{video}{PROSE}{placeholder}{PROSE}</article></body></html>")
    assert "opening statement" not in result.body and "The mayor speaks" not in result.body
    assert {d.text for d in result.decisions if d.rule == "lost_picture_caption"} == {
        "Day 3, Part 10: the opening statement", "The mayor speaks on Tuesday."}


def test_the_caption_of_a_picture_a_quotation_or_a_table_is_kept() -> None:
    picture = ('<figure><img src="https://x.example/1.jpg" alt=""><figcaption>The ferry at dawn.</figcaption>'
               "</figure>")
    quote = "<figure><blockquote><p>We will sail again.</p></blockquote><figcaption>Jane Roe</figcaption></figure>"
    body = _body(f"{PROSE}{picture}{PROSE}{quote}{PROSE}")
    assert "The ferry at dawn." in body and "We will sail again." in body and "Jane Roe" in body


def test_a_caption_said_twice_is_written_once() -> None:
    slide = '<figure><img src="https://x.example/{0}.jpg" alt=""><figcaption>{1}</figcaption></figure>'
    caption = "The mayor speaks with a shop owner during a campaign stop on Tuesday."
    body = _body(f"{PROSE}{slide.format(1, caption)}{slide.format(2, caption)}{PROSE}")
    assert body.count(caption) == 1
    assert "![](https://x.example/1.jpg)" in body


def test_decisions_name_the_rule_that_dropped_a_block() -> None:
    page = f'<html><body><nav><a href="/">Home</a></nav><article>{PROSE}</article></body></html>'
    dropped = {(d.rule, d.text) for d in extract_html(page).decisions if d.verdict == "dropped"}
    assert ("navigation_landmark", "Home") in dropped


def test_the_headline_standfirst_and_byline_blocks_are_recorded_as_metadata_not_dropped() -> None:
    page = ('<html><head><title>Ferry saved</title></head><body><article><h1>Ferry saved</h1>'
            '<p class="standfirst">Volunteers towed the old ferry clear of the rocks before the storm.</p>'
            f'<p class="byline">By Jane Roe</p>{PROSE}</article></body></html>')
    result = extract_html(page)
    judged = {d.text: (d.verdict, d.rule) for d in result.decisions}
    assert judged["Ferry saved"] == ("title", "title_heading")
    assert judged["Volunteers towed the old ferry clear of the rocks before the storm."] == ("metadata", "standfirst")
    assert judged["By Jane Roe"] == ("metadata", "byline_block")
    assert len([d for d in result.decisions if d.text == "By Jane Roe"]) == 1  # not also "outside the article"


def test_a_french_chapo_is_the_standfirst() -> None:
    page = ('<html lang="fr"><head><title>Le bac sauvé</title></head><body><article><h1>Le bac sauvé</h1>'
            '<p class="article-chapo">Les bénévoles ont remorqué le vieux bac loin des rochers avant la tempête.</p>'
            f'{PROSE}</article></body></html>')
    result = extract_html(page)
    assert result.metadata["subtitle"] == ("Les bénévoles ont remorqué le vieux bac loin des rochers avant la "
                                     "tempête.")
    assert "remorqué" not in result.body


def test_text_that_looks_like_markdown_is_escaped() -> None:
    body = _body("<p>1. Not a list, *not* emphasis, [not] a link: a sentence written long enough to count "
                 "as article text.</p>")
    assert body.startswith("1\\. Not a list, \\*not\\* emphasis, \\[not\\] a link")


def test_site_name_is_stripped_from_the_title() -> None:
    html = ('<html><head><title>Ferry saved by volunteers - The Courier</title>'
            '<meta property="og:site_name" content="The Courier"></head>'
            f'<body>{PROSE}</body></html>')
    assert extract_html(html).metadata["title"] == "Ferry saved by volunteers"


# Hostile pages.

def test_empty_page_is_an_extraction_error() -> None:
    with pytest.raises(ExtractionError, match="no article text found"):
        extract_html("<html><body><script>x()</script><nav><a href='/'>Home</a></nav></body></html>")


@pytest.mark.parametrize("html", ["", "   ", "<!-- only a comment -->", "\x00\x00"])
def test_nothing_at_all_is_an_extraction_error(html: str) -> None:
    with pytest.raises(ExtractionError):
        extract_html(html)


def test_page_without_body_tag_is_read() -> None:
    result = extract_html("<title>T</title><p>" + "Words of a page that never opened a body. " * 5)
    assert result.body.startswith("Words of a page that never opened a body.")


def test_deep_nesting_neither_crashes_nor_loses_the_text() -> None:
    html = "<html><body>" + "<div>" * 5000 + "Deep text at the bottom of the page. " * 4 + "</div>" * 5000
    assert "Deep text at the bottom of the page." in extract_html(html + "</body></html>").body


def test_huge_text_node_is_kept_whole() -> None:
    words = "word " * 200_000
    assert len(extract_html(f"<html><body><p>{words}</p></body></html>").body) == len(words) - 1


def test_broken_markup_is_read() -> None:
    body = extract_html("<html><body><p>First paragraph of a broken page <b>bold <i>both</b> italic"
                        "<p>Second paragraph, never closed, of the same broken page" + "." * 40).body
    assert body.startswith("First paragraph of a broken page **bold *both*** italic\n\nSecond paragraph")


def test_mhtml_part_is_decoded_by_its_charset() -> None:
    html = "<html><body><p>Caf\u00e9 cr\u00e8me, written long enough to be an article paragraph.</p></body>"
    mhtml = (b'MIME-Version: 1.0\nContent-Type: multipart/related; boundary="B"\n\n--B\n'
             b"Content-Type: text/html; charset=iso-8859-1\nContent-Transfer-Encoding: 8bit\n\n"
             + html.encode("latin-1") + b"\n--B--\n")
    assert extract_mhtml(mhtml).body.startswith("Café crème")


def test_mhtml_without_html_part_is_a_source_error() -> None:
    with pytest.raises(converter.SourceError, match="no HTML page"):
        extract_mhtml(b'MIME-Version: 1.0\nContent-Type: multipart/related; boundary="B"\n\n--B\n'
                      b"Content-Type: text/plain\n\nhello\n--B--\n")


# The pipeline.

def test_saved_page_through_the_pipeline_embeds_its_picture() -> None:
    article = converter.extract(CASES / "html-saved-page" / "input.html")
    assert article.title == "A new kiln for the cooperative"
    assert article.resource("images/kiln.png").data == (
        CASES / "html-saved-page" / "page_files" / "kiln.png").read_bytes()


# The corpus (beside the project, never in it).

def test_corpus_pages_give_article_text() -> None:
    """Must-contain floor on the dev pages: every page gives a body, and most of them long ones."""
    pages = sorted(need_shared(CORPUS / "zyte").glob("*/page.html"))[:12]
    bodies = [extract_html(p.read_text("utf-8")).body for p in pages]
    assert all(len(b) > 200 for b in bodies)


def test_control_characters_are_taken_out_before_parsing() -> None:
    """The substring test in front of the control-character pattern looks for exactly its characters."""
    from converter.extract.html.parse import _CONTROL, _CONTROL_CHARS, parse_page

    assert set(_CONTROL_CHARS) == {c for c in map(chr, range(0x10000)) if _CONTROL.fullmatch(c)}
    root = parse_page("<html><body><p>a\x00b\x08c\x0bd\x1fe\tf</p></body></html>")
    assert root.findtext(".//p") == "abcde\tf"


@pytest.mark.parametrize(("levels", "walked"), [(2000, False), (2100, True)])
def test_only_a_tree_with_enough_nodes_is_walked_for_its_depth(levels: int, walked: bool) -> None:
    """``_depth`` walks the tree only when it has as many nodes as the depth limit (a chain needs one per
    level); a page nested past the limit is read again without its wrappers, its text kept."""
    from converter.extract.html.parse import LIBXML_MAX_DEPTH, _depth, _may_be_too_deep, _parse, parse_page

    html = "<html><body>" + "<span>" * levels + "deep words" + "</span>" * levels + "</body></html>"
    read = _parse(html)  # as libxml2 reads it: what is nested past its limit is lost
    assert _may_be_too_deep(read) is walked
    assert (_depth(read) >= LIBXML_MAX_DEPTH) is walked
    root = parse_page(html)
    assert _depth(root) < LIBXML_MAX_DEPTH
    assert "deep words" in root.text_content()


def test_text_of_is_text_content() -> None:
    from converter.extract.html.parse import parse_page, text_of

    root = parse_page("<html><body><div>a <b>bold</b> tail<script>s()</script><p>é &amp; <i>x</i></p>"
                      "<br>end</div> after</body></html>")
    assert [text_of(e) for e in root.iter()] == [e.text_content() for e in root.iter()]


_PIECES = st.sampled_from(["word", "a", " ", "\n  ", "x" * 79, "y" * 81, "<b>", "</b>", "<i>bold</i>", "<br>",
                           "<p>", "</p>", "\u00a0", "é"])


@given(st.lists(_PIECES, max_size=40).map("".join), st.integers(min_value=1, max_value=90))
def test_the_opening_of_a_dropped_element_is_its_cleaned_text_cut(markup: str, limit: int) -> None:
    """``rules.opening`` stops reading early: what it gives is still the whole text cleaned, then cut."""
    from converter.extract.html.parse import clean_text, parse_fragment
    from converter.extract.html.rules import opening

    element = parse_fragment(markup)
    assert opening(element, limit) == clean_text(element.text_content())[:limit]


_MARKUP = st.none() | st.lists(st.sampled_from(["share", "Bar", "relatedArticles", "-", "_", " ", "\t", "category-",
                                                "tag-", "News", "none", "None", "x1", "AD", "İ", "\u212a", "é"]),
                               max_size=8).map("".join)


@given(_MARKUP, _MARKUP)
def test_markup_tokens_are_the_words_of_class_and_id_written_together(classes: str | None,
                                                                     identifier: str | None) -> None:
    """The class's and the id's words are read apart (each cached): together they are the words of
    ``"{class} {id}"`` read at once, as the rules were written against."""
    from lxml.html import Element

    from converter.extract.html.vocabulary import _NO_TOKENS, _tokens, markup_tokens

    element = Element("div", {k: v for k, v in (("class", classes), ("id", identifier)) if v is not None})
    expected = _tokens(f"{classes} {identifier}") if classes or identifier else _NO_TOKENS
    assert markup_tokens(element) == expected


_BLOCKS = """<html><body><div><h2>Sign up for our newsletter</h2><p>Updated 12:24 am EST 3 May 2019</p>
<p>Reading time: 4 minutes</p><div class="author-box">Jane writes about ferries.</div>
<ul><li><a href="/a">One story</a></li><li><a href="/b">Another story</a></li></ul>
<p>Advertisement</p><p>This slideshow requires JavaScript.</p><p>[button link="x"]Send us[/button]</p>
<p>A paragraph of the article, long enough to stay, with words and more words in it.</p>
<p>Posted in News | 3 comments</p></div></body></html>"""


@pytest.mark.parametrize("html", [_BLOCKS, *(p.read_text("utf-8") for p in sorted(CASES.glob("html-*/input.html")))])
def test_block_rules_read_each_text_once_and_decide_the_same(html: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """The block rules share the text of the element they are asked about (``prune.BlockText``): the same
    decisions as when every rule reads the text again."""
    from converter.extract.html import prune
    from converter.extract.html.parse import clean_text, parse_page

    def decide() -> list[tuple[str, str, str]]:
        article = parse_page(html).find("body")
        return [(d.rule, d.verdict, d.text) for d in prune.prune_article(article, prune.ArticleFacts("Title"))]

    shared = decide()
    monkeypatch.setattr(prune.BlockText, "of", lambda self, element: clean_text(element.text_content()))
    assert shared == decide()
    if html is _BLOCKS:
        assert [rule for rule, _, _ in shared] == ["dateline", "leftover_shortcode", "script_notice",
                                                  "call_to_action", "link_list", "byline_block", "reading_time",
                                                  "dateline", "call_to_action"]


_PAGE = """<html><body><form class="search"><input></form><nav>Home</nav><div role="banner">Bay Courier</div>
<div class="main-wrap" id="page"><div class="adSlot">Advertisement</div><div class="post has-share">
<p>A paragraph of the article, long enough to stay, with words and more words in it, about the ferry.</p>
<div class="share-bar"><a href="/s">Share</a></div><div class="social-embed"><blockquote>A post</blockquote></div>
</div><aside class="sidebar widget"><a href="/r">Related story</a></aside><div id="comments">Nice piece</div>
<div class="cookie-consent">We use cookies</div><p class="credit">Photo: Kai Wu</p></div></body></html>"""


@pytest.mark.parametrize("html", [_PAGE, *(p.read_text("utf-8") for p in sorted(CASES.glob("html-*/input.html")))])
def test_page_rules_are_asked_only_about_elements_they_can_match(html: str) -> None:
    """``clean_page`` asks the page rules only about a ``<form>``, a ``<nav>``, an element with a role, or
    one whose class or id holds a word of their vocabularies (``_may_match``): the same decisions, in the
    same order, as when every element of the page is asked."""
    from converter.extract.html import clean
    from converter.extract.html.parse import parse_page, text_length
    from converter.extract.html.rules import drop_matching

    def decisions(everything: bool) -> list[tuple[str, str, int]]:
        body = parse_page(html).find("body")
        if not everything:
            return [(d.rule, d.text, d.line) for d in clean.clean_page(body)]
        hidden = drop_matching(body, clean.HIDDEN_RULES, None)
        return [(d.rule, d.text, d.line) for d in
                hidden + drop_matching(body, clean.PAGE_RULES, clean.Page(text_length(body)))]

    gated = decisions(False)
    assert gated == decisions(True)
    if html is _PAGE:
        assert [(rule, text) for rule, text, _ in gated] == [
            ("invisible_element", ""), ("consent_notice", "We use cookies"), ("comment_section", "Nice piece"),
            ("page_widget", "Related story"), ("share_bar", "Share"), ("advertisement", "Advertisement"),
            ("navigation_landmark", "Bay Courier"), ("navigation_landmark", "Home"), ("small_form", "")]


def test_a_data_table_picked_by_its_rows_is_kept_whole_with_its_introduction() -> None:
    """``table_part_pick``: a list page whose table cells outscore its prose (readability-lxml picks the
    ``<tbody>``) keeps the whole table, header row and caption, and the paragraph introducing it; re-parsed
    alone, the row group lost its table and became one run-on paragraph."""
    rows = "".join(f"<tr><th><i>Light {n}</i></th><td>{1800 + n}</td><td>A tower on the coast, raised in stone, "
                   f"then in iron, then automated, with a keeper's cottage beside it, number {n}.</td></tr>"
                   for n in range(30))
    page = ("<html><body><div id='content'><h1>Lights</h1><p>This list covers every light on the coast, with the "
            "year each was first lit and a short note on its history, as the records give them.</p>"
            "<table class='sortable'><caption>Lights of the coast</caption><thead><tr>"
            "<th class='headerSort'>Name</th><th class='headerSort'>First lit</th><th>Notes</th></tr></thead>"
            f"<tbody>{rows}</tbody></table></div></body></html>")
    body = extract_html(page).body
    assert body.startswith("This list covers every light on the coast")
    assert "| Name | First lit | Notes |\n| --- | --- | --- |\n| *Light 0* | 1800 | A tower on the coast" in body
    assert body.count("\n| *Light ") == 30


# Live blogs (converter/extract/html/live.py): each entry keeps its time stamp, joined to it.

def _entry(stamp: str, text: str, heading: str = "", datetime: str = "2024-03-02T11:32:00Z") -> str:
    head = f"<h3>{heading}</h3>" if heading else ""
    return (f'<div class="liveblog-entry"><div class="entry-meta"><time datetime="{datetime}">{stamp}</time>'
            f'</div>{head}<div class="entry-content"><p>{text}</p></div></div>')


def test_live_blog_entry_stamps_join_their_heading_or_first_paragraph() -> None:
    """Entries as ``<div>``s: a stamp that shows "2 hours ago" gives its ``datetime``'s time (UTC for a ``Z``
    time), one shown as a time of day is kept as written; with a heading the stamp opens it (an ``##``
    heading, as the text path writes entries), without one it opens the first paragraph in bold."""
    entries = "".join([
        _entry("2 hours ago", "The harbour master has reopened the inner basin to small boats this afternoon.",
               "Basin reopens"),
        _entry("10:58", "Two large trees have fallen across the harbour approach road near the bridge.",
               datetime="2024-03-02T10:58:00+00:00"),
        _entry("10:15 GMT", "Seven schools along the coast will close at midday before the strongest winds.",
               "Schools close early"),
    ])
    html = f'<html><body><h1>Storm live</h1><div class="liveblog-entries">{entries}</div></body></html>'
    assert extract_html(html).body == (
        "## 11:32 UTC — Basin reopens\n\n"
        "The harbour master has reopened the inner basin to small boats this afternoon.\n\n"
        "**10:58** Two large trees have fallen across the harbour approach road near the bridge.\n\n"
        "## 10:15 GMT — Schools close early\n\n"
        "Seven schools along the coast will close at midday before the strongest winds.")


def test_stamped_siblings_of_another_template_or_all_links_are_not_a_live_blog() -> None:
    """An article between "older" and "newer" teasers, each stamped (three siblings, not one template), and
    a list of stamped links to other stories, keep their shape: no stamp is joined to anything."""
    from converter.extract.html.live import live_blog_entries
    from converter.extract.html.parse import parse_page

    teaser = ('<div><span>older</span><time datetime="2012-07-24T06:10">24 Jul 2012 6:10am, EDT</time>'
              '<p>In the valley the trial may not shed much light on what happened that night.</p></div>')
    story = ('<article class="post"><time datetime="2012-07-24T09:05">24 Jul 2012 9:05am, EDT</time>'
             '<p>The authorities said on Tuesday that the search of the building would take days.</p></article>')
    related = "".join(f'<li><time datetime="2012-07-24T0{n}:00">0{n}:00</time><p><a href="/s{n}">A related '
                      f'story about the storm and the ferry and the harbour, number {n}</a></p></li>' for n in range(3))
    for html in (f"<html><body><div>{story}{teaser}{teaser}</div></body></html>",
                 f"<html><body><ul>{related}</ul></body></html>"):
        assert live_blog_entries(parse_page(html, 10_000, 100).find("body")) == 0


@pytest.mark.parametrize("html", [
    "<html><body><div id='app'></div><noscript><p>The whole article.</p></noscript></body></html>",
    "<html><body><script>var x = 'a long script text that shows nothing';</script>Some words<style>p{}</style>"
    " after it<template>Hidden</template> and a tail<!-- a comment's own text --> after a comment</body></html>",
    "<html><body><p>Ann</p>\n\n  <b>Lee</b>  <noscript>Turn on JavaScript</noscript>" + "<i>x</i>" * 30
    + "</body></html>",
    *(p.read_text("utf-8") for p in sorted(CASES.glob("html-*/input.html"))),
])
def test_the_shown_text_is_measured_until_it_is_long_enough(html: str) -> None:
    """``use_noscript_fallback`` asks whether the body shows more than ``SHELL_CHARS`` characters outside
    ``<noscript>``, scripts, styles and templates: read until it does, the same answer at any limit as the
    whole text the XPath of those text nodes gives, white space made single."""
    from converter.extract.html import noscript
    from converter.extract.html.parse import clean_text, parse_page

    body = parse_page(html).find("body")
    shown = clean_text(" ".join(body.xpath(".//text()[not(ancestor::noscript or ancestor::script or "
                                           "ancestor::style or ancestor::template)]")))
    for limit in (0, 10, noscript.SHELL_CHARS, 60, 10**6):
        assert noscript._shows_more_than(body, limit) == (len(shown) > limit), (limit, shown)

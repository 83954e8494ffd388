"""A saved page's title and authors: each named rule of extract/html/title.py and metadata.py on a page of
the shape real pages have (fixtures written by us), and clean names from bylines (extract/bylines.py)."""

from __future__ import annotations

import pytest

from converter.extract.bylines import byline_names, clean_names
from converter.extract.html import extract_html
from converter.extract.html.title import title_spans

LEAD = ("<p>Volunteers from the harbour saved the old ferry on Saturday, towing it clear of the rocks before "
        "the storm reached the bay.</p><p>The ferry had drifted after its mooring broke in the night, and the "
        "volunteers worked for six hours to bring it back to the quay.</p>")


def _page(head: str, body: str) -> str:
    return f"<html><head>{head}</head><body>{body}</body></html>"


def _title(head: str, body: str) -> str:
    return str(extract_html(_page(head, body)).metadata.get("title", ""))


def _authors(head: str, body: str) -> tuple[str, ...]:
    return tuple(extract_html(_page(head, body)).metadata.get("authors", ()))


# Titles

def test_the_printed_heading_that_agrees_with_the_title_is_the_headline() -> None:
    """Rule 1: "Headline | Site": the ``<h1>`` prints the headline's part, not the site's."""
    head = "<title>Volunteers save the harbour ferry | Bay Courier</title>"
    assert _title(head, f"<h1>Volunteers save the harbour ferry</h1>{LEAD}") == "Volunteers save the harbour ferry"


def test_the_site_part_first_and_a_section_between_are_left_out() -> None:
    """Rule 1 with the site's name first and a section between: "Site :: Section :: Headline"."""
    head = "<title>Bay Courier :: Local :: Volunteers save the harbour ferry</title>"
    body = f'<a href="/">Bay Courier</a><h2>Volunteers save the harbour ferry</h2>{LEAD}'
    assert _title(head, body) == "Volunteers save the harbour ferry"


def test_a_headline_printed_as_bold_text_in_a_table_layout() -> None:
    """Rule 1 from a bold line (no heading tags), the title naming site and section around it."""
    head = "<title>Bay Courier - News - Volunteers save the harbour ferry</title>"
    body = (f"<table><tr><td><b>Volunteers save the harbour ferry</b></td></tr>"
            f"<tr><td>{LEAD}</td></tr></table>")
    assert _title(head, body) == "Volunteers save the harbour ferry"


def test_a_title_that_is_only_a_section_name_gives_way_to_the_heading_above_the_body() -> None:
    """Rules 2-3: ``<title>`` "Latest News" is printed only as a menu label; the ``<h2>`` above the body
    shares its words with the opening paragraphs."""
    head = "<title>Latest News</title>"
    body = (f'<ul><li><a href="/news">Latest News</a></li></ul><h2>Most read</h2>'
            f"<h2>Harbour volunteers save drifting ferry</h2>{LEAD}")
    assert _title(head, body) == "Harbour volunteers save drifting ferry"


def test_without_any_printed_agreement_the_site_name_is_stripped_from_the_title() -> None:
    """Rule 4: no heading at all; the part the page prints as its home link's text is the site's name."""
    head = "<title>Harbour Notes: Volunteers save the ferry</title>"
    body = f'<a href="https://harbour-notes.example/">Harbour Notes</a>{LEAD}'
    assert _title(head, body) == "Volunteers save the ferry"


def test_the_publisher_declared_spelling_is_kept_when_the_words_agree() -> None:
    head = ("<title>'Saved' ferry back at the quay - Bay Courier</title>"
            '<meta property="og:title" content="‘Saved’ ferry back at the quay">')
    assert _title(head, f"<h1>'Saved' ferry back at the quay</h1>{LEAD}") == "‘Saved’ ferry back at the quay"


def test_the_printed_spelling_is_kept_where_the_document_title_spells_it_the_same() -> None:
    """The printed headline and ``<title>`` have curly quotes and an en dash, ``og:title`` straight ones:
    two of the page's own sources agree, the printed spelling stays."""
    head = ("<title>Ferry – “Saved” at the quay - Bay Courier</title>"
            '<meta property="og:title" content="Ferry - &quot;Saved&quot; at the quay">')
    assert _title(head, f"<h1>Ferry – “Saved” at the quay</h1>{LEAD}") == "Ferry – “Saved” at the quay"


def test_a_permalink_sign_after_a_heading_is_not_part_of_the_title() -> None:
    head = "<title>Installing the tools — Harbour docs</title>"
    body = f'<h1>Installing the tools<a class="headerlink" href="#install">¶</a></h1>{LEAD}'
    assert _title(head, body) == "Installing the tools"


def test_the_headline_inside_the_first_paragraph_cell_is_above_the_body() -> None:
    """A table cell holds the bold headline, a bold standfirst and the article's text after ``<br>``s: the
    body starts at its first run of plain text, so the headline above it is found; the bold sentence under
    it is the standfirst, not the headline."""
    head = "<title>Bay Courier</title>"
    body = ('<table><tr><td><a href="/">Bay Courier</a></td></tr><tr><td>'
            "<b>Harbour volunteers save drifting ferry</b><br>"
            "<b>Volunteers towed the old ferry clear of the rocks before the storm reached the bay.</b><br>"
            "Volunteers from the harbour saved the old ferry on Saturday, towing it clear of the rocks before "
            "the storm reached the bay.<br><br>The ferry had drifted after its mooring broke in the night, and "
            "the volunteers worked for six hours to bring it back to the quay.</td></tr></table>")
    assert _title(head, body) == "Harbour volunteers save drifting ferry"


def test_a_date_glued_to_the_headline_is_not_part_of_it() -> None:
    """The heading prints its date in a child element ("Headline (14/01/2008)", "Headline 28/12/2007
    11:27"): the title is the headline without it."""
    head = "<title>Volunteers save the harbour ferry - Bay Courier</title>"
    for date in ("<div>(14/01/2008)</div>", "<span>28/12/2007 11:27 - (BC)</span>"):
        assert _title(head, f"<h1>Volunteers save the harbour ferry {date}</h1>{LEAD}") \
            == "Volunteers save the harbour ferry"


def test_a_date_glued_to_the_headline_inside_a_table_row_is_not_part_of_it() -> None:
    """``without_dateline`` through a wrapper of one child: the row's cell prints the headline and, in a
    table of its own, "Published: ..." right after it (no space between); ``<title>`` names only the site,
    a tagline and the section."""
    head = "<title>Bay Courier – the bay's daily paper - Harbour</title>"
    body = ('<table><tr><td class="articleHead">Volunteers save the harbour ferry<img src="s.gif">'
            "<table><tr><td>Published: Wednesday, 2 January, 2008, 02:42 AM</td></tr></table></td></tr>"
            f"<tr><td>{LEAD}</td></tr></table>")
    assert _title(head, body) == "Volunteers save the harbour ferry"


def test_a_short_label_below_the_body_start_is_not_the_headline() -> None:
    """``<title>`` is a two-word section name sharing a word with the article ("Harbour News"), printed as
    a bold label under the article: the line above the body that shares its words is the headline."""
    head = "<title>Harbour News</title>"
    body = (f"<div><p>Volunteers pull the ferry from the rocks</p></div><div>{LEAD}</div>"
            "<table><tr><td><b>Harbour News</b></td></tr></table>")
    assert _title(head, body) == "Volunteers pull the ferry from the rocks"


def test_a_title_part_that_names_the_site_among_many_words_is_the_headline() -> None:
    """"Harbourview Volunteers Save ... - June 3, 2024 - Harbourview Official Site": the short last part names
    the site; the long first part only mentions it and stays."""
    head = ('<meta property="og:site_name" content="Harbourview">'
            "<title>Harbourview Volunteers Save the Old Ferry From the Rocks - June 3, 2024 - "
            "Harbourview Official Site</title>")
    assert _title(head, LEAD) == "Harbourview Volunteers Save the Old Ferry From the Rocks - June 3, 2024"


def test_a_one_part_title_printed_only_as_the_site_s_name_gives_way_to_the_line_above_the_body() -> None:
    """``<title>`` is only the site's name; the page prints it in a bold footer under the article and as
    the masthead's link home: the plain line above the body, sharing its words, is the headline."""
    head = "<title>Quayside Evening Star</title>"
    for masthead, footer in (("", "<b>Quayside Evening Star</b>"),
                             ('<table><tr><td class="title"><a href="/">Quayside Evening Star</a></td></tr>'
                              "</table>", "")):
        body = (f"{masthead}<div><p>Volunteers pull the ferry from the rocks</p></div><div>{LEAD}</div>"
                f"<table><tr><td>{footer}</td></tr></table>")
        assert _title(head, body) == "Volunteers pull the ferry from the rocks"


def test_a_one_word_section_heading_gives_way_to_the_longer_part_printed_as_text() -> None:
    """"Site - Section - Headline - Site": the section's name is an ``<h2>`` in the menu, the headline's
    part a plain line above the body: the longer part is the headline."""
    head = "<title>BC - Harbour - Volunteers save the old ferry - Bay Courier</title>"
    body = f"<h2>Harbour</h2><div><span>Volunteers save the old ferry</span></div><div>{LEAD}</div>"
    assert _title(head, body) == "Volunteers save the old ferry"


def test_a_numbered_or_compound_headline_class_marks_the_heading() -> None:
    """``class="headline2"`` and ``class="headingstory"`` mark the headline as ``headline`` does, when
    ``<title>`` names only the site."""
    for cls in ("headline2", "headingstory"):
        body = (f'<div><span class="{cls}">Harbour heroes rescue the old ferry</span></div>'
                f"<div><span>Menu</span>{LEAD}</div>")
        assert _title("<title>Bay Courier Online Edition</title>", body) == "Harbour heroes rescue the old ferry"


def test_a_title_printed_inside_a_dated_line_is_the_headline() -> None:
    """No element prints ``<title>`` alone: one line holds the date, the headline and the byline; the
    title is the headline (not the bulleted menu label above the body)."""
    head = "<title>Harbour volunteers save the old ferry from the rocks</title>"
    body = ("<ul><li>• Harbour Ferry Volunteers</li></ul><p>March 3, 2024 Harbour volunteers save the old ferry "
            f"from the rocks By Jane Roe</p><div>{LEAD}</div>")
    assert _title(head, body) == "Harbour volunteers save the old ferry from the rocks"


@pytest.mark.parametrize("title", ["Notes From The Harbour Wall: Ferry towed clear",
                                   "Ferry towed clear | Notes From The Harbour Wall"])
def test_a_blog_s_name_as_the_masthead_gives_way_to_the_post_s_heading(title: str) -> None:
    """Rule 1b: ``<title>`` is the blog's name and the post's title; the masthead's ``<h1>`` prints the
    blog's name (the longer part), an ``<h3>`` above the entry the post's title."""
    body = (f'<div class="header"><h1>Notes From The Harbour Wall</h1><h2>March 3, 2024</h2></div>'
            f'<div class="post"><h3>Ferry towed clear</h3>{LEAD}</div>')
    assert _title(f"<title>{title}</title>", body) == "Ferry towed clear"


def test_the_tagline_after_the_site_s_name_is_the_site_s_not_the_headline() -> None:
    """``site_runs``: "Headline | Site | Tagline" with the masthead printing the site's name and its tagline
    as one heading above the post's ``<h1>`` (linked to its permalink, which reads like a section's front):
    the tagline run is the site's."""
    head = ('<title>Ferry towed clear | Bay Courier | Local News Worth Reading</title>'
            '<meta property="og:site_name" content="Bay Courier">')
    body = ('<h2>Bay Courier | Local News Worth Reading</h2>'
            f'<h1><a href="/ferry-towed-clear/">Ferry towed clear</a></h1>{LEAD}')
    assert _title(head, body) == "Ferry towed clear"


def test_without_a_printed_headline_the_tagline_is_stripped_with_the_site_s_name() -> None:
    """``strip_site`` with the site's own name in the middle: "Post | Blog | Tagline" -> "Post"."""
    head = ('<title>Ferry towed clear | Notes From The Harbour Wall | A blog about boats</title>'
            '<meta property="og:site_name" content="Notes From The Harbour Wall">')
    assert _title(head, LEAD) == "Ferry towed clear"


def test_a_headline_printed_as_a_picture_is_read_from_its_alt_text() -> None:
    """``picture_heading``: the post's ``<h2>`` is an image of its title (a typeface plugin); the logo's
    picture, linked to the home page, copies ``<title>`` in its ``alt`` and is not the headline."""
    head = "<title>Ferry towed clear | Notes From The Harbour Wall | A blog about boats</title>"
    body = ('<h1><a href="/"><img src="logo.png" alt="Ferry towed clear | Notes From The Harbour Wall | A blog '
            'about boats"></a></h1><p class="tagline">A blog about boats</p>'
            f'<h2><img class="ttf" src="t.png" alt="Ferry towed clear"></h2>{LEAD}')
    assert _title(head, body) == "Ferry towed clear"


def test_with_a_site_wide_title_the_heading_next_to_the_body_is_the_headline() -> None:
    """``heading_next_to_body``: ``<title>`` describes the site (printed nowhere), the headline shares no
    word with the opening; the last heading before the body, a dateline passed over, is the headline."""
    head = "<title>Bay Courier - local news, sport, weather and traffic for the bay</title>"
    body = ('<table><tr><td><b><span class="headerText">Skipper honoured</span></b><br>'
            '<span class="dateText">2007-12-30 14:49:00.0</span></td></tr></table>'
            f"<table><tr><td>{LEAD}</td></tr></table>")
    assert _title(head, body) == "Skipper honoured"


def test_a_one_word_title_part_printed_just_above_the_body_is_the_post_s_heading() -> None:
    """``last_heading``: "Post : Blog" with a one-word post title that the opening does not repeat, printed
    as the last heading before the text: the post's heading, not a section's name."""
    head = "<title>Adrift : Notes From The Harbour Wall</title>"
    body = ('<h2>Harbour volunteers elsewhere</h2><div class="date"><h3>Oct</h3><h4>23</h4></div>'
            f"<h1>Adrift</h1>{LEAD}<h1>Comments</h1>")
    assert _title(head, body) == "Adrift"


def test_a_headline_linked_inside_a_heading_after_a_section_label_ranks_as_the_heading() -> None:
    """``enclosing_heading``: ``<h2><div>News</div><a>Headline</a></h2>``: the link prints the title's
    headline part and ranks as its ``<h2>``, above a "Share this:" heading lower down."""
    head = ('<title>Volunteers save the harbour ferry - Bay Courier</title>'
            '<meta property="og:title" content="The official blog of the Bay Courier">')
    body = ('<h2><div class="section">News</div><a href="/2012/11/01/ferry">Volunteers save the harbour ferry'
            '</a></h2><p><strong>By Bay Courier Staff |</strong></p><div class="post">'
            '<p>Volunteers saved the ferry on Saturday.</p><h3>Share this:</h3></div>'
            '<div class="comments"><p>Comments may be no longer than 2000 characters, and they must respect '
            'the guidelines of the community: no insults, no spam, no advertising of any kind here.</p></div>')
    assert _title(head, body) == "Volunteers save the harbour ferry"


def test_a_network_s_name_as_the_only_h1_gives_way_to_the_post_s_heading_under_it() -> None:
    """``heading_under_masthead``: no ``<title>``; the page's only ``<h1>`` is the network's name (no word of
    the opening), the post's headline an ``<h2>`` under it that shares words with the opening."""
    body = ('<div id="header"><h1><a href="/">Bay Writers Network</a></h1></div>'
            '<div class="post"><h2 class="posttitle">Volunteers tow the drifting ferry back</h2>'
            f'<small>March 3, 2024</small>{LEAD}</div>')
    assert _title("", body) == "Volunteers tow the drifting ferry back"


def test_the_only_h1_that_speaks_of_the_body_stays_the_headline_over_an_h2_under_it() -> None:
    """``heading_under_masthead`` leaves an ``<h1>`` that shares a word with the opening: the ``<h2>`` under
    it (a deck that repeats the opening's words) is not taken."""
    body = ("<h1>Storm night at the quay</h1><h2>Volunteers saved the old ferry from the rocks</h2>"
            f"{LEAD}")
    assert _title("", body) == "Storm night at the quay"


def test_a_title_printed_inside_a_hidden_block_is_not_printed() -> None:
    """``printed_elements``: the whole ``<title>`` copied into a span inside a ``display:none`` block (a
    CMS's page-title field) is not on the page; the visible span with the headline's part is."""
    head = "<title>BayCourier.com | News | Volunteers save the harbour ferry</title>"
    body = ('<div style="display: none"><span class="headlineArticle">BayCourier.com | News | Volunteers save '
            'the harbour ferry</span></div><div><span class="headlineArticle">Volunteers save the harbour ferry'
            f'</span></div>{LEAD}')
    assert _title(head, body) == "Volunteers save the harbour ferry"


def test_the_title_as_a_link_in_a_list_under_the_article_is_not_the_headline() -> None:
    """``headline_like`` only above the body: ``<title>`` is the story's index-page headline, the page prints
    another one as its ``<h1>``, and the ``<title>``'s words come back only as a link in the "Most e-mailed"
    list under the text: the ``<h1>`` is the headline."""
    head = "<title>Harbour: Volunteers never prouder - The Bay Courier</title>"
    body = (f'<h1>Night shift</h1><div class="story">{LEAD}</div><div class="most-emailed"><h3>Most e-mailed</h3>'
            '<ul><li><a href="/2024/03/03/night_shift">Harbour: Volunteers never prouder</a></li>'
            '<li><a href="/2024/03/02/tides">Spring tides expected this week</a></li></ul></div>')
    assert _title(head, body) == "Night shift"


def test_a_feed_s_linked_titles_in_a_list_are_not_the_headline() -> None:
    """``heading_above_body`` passes over links in list items (a news feed's ``<a class="title">`` above
    the story, sharing a word with it); the story's headline, a plain table cell, is found next
    (``line_above_body``)."""
    head = "<title>Bay TV - News section front</title>"
    body = ('<ul class="feed"><li><a class="title" href="http://feeds.example/1">Volunteers rescue stranded '
            'kayakers</a></li><li><a class="title" href="http://feeds.example/2">Storm closes the coast road'
            '</a></li></ul><table><tr><td class="topstory">Volunteers tow the drifting ferry back to the quay'
            f'</td></tr></table><div>{LEAD}</div>')
    assert _title(head, body) == "Volunteers tow the drifting ferry back to the quay"


def test_title_spans_cover_parts_runs_bracketed_notes_and_tight_separators() -> None:
    spans = title_spans("Ferry saved (from The Courier)")
    assert ("ferry", "saved") in spans
    assert ("ferry", "saved", "again") in title_spans("Ferry saved again_English_Wire")
    assert ("b", "c") in title_spans("A | B | C") and ("a", "c") not in title_spans("A | B | C")


# Authors

@pytest.mark.parametrize(("line", "names"), [
    ("By Jane Roe, Local Affairs Reporter", ("Jane Roe",)),  # the job after a comma is not a second author
    ("By Jane Roe, Senior Reporter, The Bay Courier", ("Jane Roe",)),
    ("By Jane Roe, Local Affairs Reporter, and Tom Poe, Sports Editor", ("Jane Roe", "Tom Poe")),
    ("By Ann Lee, PhD", ("Ann Lee",)),
    ("By Ann Lee, MA Harbour Health News", ("Ann Lee",)),
    ("Von Lena Hoffmann, Redakteurin", ("Lena Hoffmann",)),
    ("By JANE ROE March 11, 2015 3:46 PM", ("Jane Roe",)),  # capitals in title case
    ("Por María López @mlopez", ("María López",)),
    ("By Fiona Clarke and Sam Ortiz Arts Correspondents", ("Fiona Clarke", "Sam Ortiz")),  # no comma
    ("By JANE ROE And TOM POE", ("Jane Roe", "Tom Poe")),  # "And" in a line set in capitals
    ("By JANE ROE Associated Press Writer", ("Jane Roe",)),  # the agency after the name, the break lost
    ("By JANE ROE And TOM POEHarbour Courier", ("Jane Roe", "Tom Poe")),  # ... glued to the surname
    ("Author:Jane Roe", ("Jane Roe",)),
    ("By Jane Roe (Contact) Thursday, March 3, 2024", ("Jane Roe",)),  # a link's label, the weekday
])
def test_bylines_give_clean_names(line: str, names: tuple[str, ...]) -> None:
    assert byline_names(line) == names


@pytest.mark.parametrize("line", ["View Profile Email Twitter RSS", "View Comments", "Permalink", "About Us",
                                  "[www]", "Posted on", "Published: March 3, 2024", "No Primary Author"])
def test_a_byline_box_s_links_and_labels_are_not_names(line: str) -> None:
    assert clean_names(line) == ()


def test_a_byline_after_its_dateline_on_one_line_gives_the_name() -> None:
    assert clean_names("Monday, March 4, 2024, by Jane Roe") == ("Jane Roe",)


def test_the_byline_box_s_profile_link_gives_way_to_the_writer_s_name() -> None:
    """The first byline-class element holds only the box's links; the next one names the writer; a meta
    author that is a CMS placeholder names no one."""
    head = '<meta name="author" content="No Primary Author">'
    body = ('<div class="author-links"><a href="/u/jr">View Profile</a> <a href="/rss/jr">RSS</a></div>'
            f'<p class="byline">Posted on March 3, 2024 by Jane Roe</p>{LEAD}')
    assert _authors(head, body) == ("Jane Roe",)


def test_a_list_of_other_writers_is_not_the_article_s() -> None:
    assert clean_names("Jane Roe More by this author: Tom Poe, Ann Lee") == ("Jane Roe",)
    assert clean_names("More by Tom Poe") == ()


def test_the_visible_byline_skips_a_related_writers_block() -> None:
    body = ('<aside class="related"><div class="author">More by Tom Poe</div></aside>'
            f'<div class="byline">By Jane Roe, Local Affairs Reporter</div>{LEAD}')
    assert _authors("<title>Ferry</title>", body) == ("Jane Roe",)


def test_a_dozen_teaser_bylines_in_related_blocks_do_not_use_up_the_byline_tries() -> None:
    """``visible_byline``: a magazine's page lists teasers for other stories, each with its writer's byline,
    in related blocks above the article; those are passed over without counting as tries, so the
    article's own byline, the fifteenth byline element, is still read."""
    teasers = "".join(f'<div class="related-stories"><a href="/s{i}">Another story {i}</a>'
                      f'<span class="byline"><a href="/writer/w{i}">Writer Number{i}</a></span></div>'
                      for i in range(14))
    body = (f'{teasers}<h1>Volunteers save the harbour ferry</h1>'
            f'<span class="byline"><a href="/writer/jane_roe" rel="author">Jane Roe</a></span>{LEAD}')
    assert _authors("<title>Volunteers save the harbour ferry - Bay Courier</title>", body) == ("Jane Roe",)


def test_an_agency_credit_beside_the_headline_beats_a_related_story_s_writer() -> None:
    """The article is the agency's (its microdata author beside the headline, again under the body); the
    writer named in the "on the same subject" box inside the body wrote another story: not an author."""
    agency = ('<span class="author" itemprop="author" itemscope itemtype="http://schema.org/Person">'
              '<a href="/auteur/2005-afp"><span itemprop="name"> AFP</span></a></span>')
    body = (f'<article><header><h1 itemprop="headline">Le ferry du port remorqué</h1>{agency}</header>'
            '<div class="article-body"><aside class="related"><span class="name">Sur le même sujet</span>'
            '<a href="/2024/03/02/tempete"><h2>La tempête sur la baie</h2></a>'
            '<span class="author">Par<span class="authorname"> Jeanne Martin</span></span></aside>'
            f'{LEAD}<div class="authors-container">{agency}</div></div></article>')
    assert _authors("<title>Le ferry du port remorqué</title>", body) == ("AFP",)


def test_a_user_name_in_json_ld_gives_way_to_the_visible_byline() -> None:
    head = ('<script type="application/ld+json">{"@type": "NewsArticle", "headline": "Ferry",'
            ' "author": {"@type": "Person", "name": "jroe1984"}}</script>')
    assert _authors(head, f'<p class="byline">By Jane Roe • 8h</p>{LEAD}') == ("Jane Roe",)


def test_a_profile_address_in_the_meta_author_gives_way_to_the_next_source() -> None:
    head = '<meta property="article:author" content="https://social.example/janeroe">'
    assert _authors(head, f'<a rel="author" href="/jane">Jane Roe</a>{LEAD}') == ("Jane Roe",)


def test_the_site_s_own_name_is_the_author_only_when_no_one_else_is_named() -> None:
    head = '<meta property="og:site_name" content="Bay Courier"><meta name="author" content="Bay Courier">'
    assert _authors(head, LEAD) == ("Bay Courier",)
    assert _authors(head, f'<p class="byline">By Jane Roe</p>{LEAD}') == ("Jane Roe",)


def test_a_byline_naming_the_meta_author_and_more_names_them_all() -> None:
    # The meta tag holds the first writer only; the visible byline above the body names both.
    head = '<meta name="author" content="Fiona Clarke">'
    body = ('<p class="author-line">By <span class="name">Fiona Clarke</span> and <span class="name">Sam Ortiz'
            f'</span> <span class="role">Arts Correspondents</span></p>{LEAD}')
    assert _authors(head, body) == ("Fiona Clarke", "Sam Ortiz")
    assert _authors('<meta name="author" content="Tom Poe">', body) == ("Tom Poe",)  # another writer: the meta wins


def test_the_publication_day_is_the_publisher_s_local_one_when_sources_agree_on_the_instant() -> None:
    """JSON-LD gives the time in UTC (past midnight), the meta tag the same instant at -08:00: the day is
    the local one; a UTC time alone stays as it is."""
    ld = ('<script type="application/ld+json">{"@type": "NewsArticle", "headline": "Volunteers save the '
          'harbour ferry", "datePublished": "2024-02-24T01:18:13Z"}</script>')
    meta = '<meta property="article:published_time" content="2024-02-23T17:18:13-08:00">'
    body = f"<h1>Volunteers save the harbour ferry</h1>{LEAD}"
    assert extract_html(_page(ld + meta, body)).metadata["date"] == "2024-02-23"
    assert extract_html(_page(ld, body)).metadata["date"] == "2024-02-24"


def _visible_byline_two_walks(root):  # type: ignore[no-untyped-def]
    """``visible_byline`` as it was before its two searches shared one walk: the reference."""
    from converter.extract import bylines
    from converter.extract.html import meta_sources
    from converter.extract.html import vocabulary as words
    from converter.extract.html.parse import clean_text

    found = {}
    tried = 0
    for element in root.iter():
        if not isinstance(element.tag, str) or tried >= meta_sources.BYLINE_TRIES:
            continue
        if element.get("rel") == "author" or words.matches(element, words.BYLINE):
            if meta_sources._among_others(element):
                continue
            tried += 1
            content = clean_text(element.text_content())
            if not 2 < len(content) < 100 or not bylines.clean_names(content):
                continue
            found["authors"] = [content]
            dated = bylines.find_date(content)
            if dated:
                found["byline_date"] = dated
            break
    standfirst = next((e for e in root.iter() if isinstance(e.tag, str) and e.tag not in ("body", "html")
                       and words.matches(e, words.STANDFIRST)), None)
    return meta_sources.with_standfirst_and_date(found, standfirst, root)  # the part the walks do not touch


DEK = '<p class="dek">The volunteers worked through the night to bring the old ferry back to the quay.</p>'
TEASERS = "".join(f'<li><span class="author">{"Staff" if n % 2 else "by 12"}</span></li>' for n in range(14))


@pytest.mark.parametrize("body", [
    f'<div class="byline">By Ann Lee, 3 July 2024</div>{DEK}{LEAD}',  # the byline first
    f'{DEK}<div class="byline">Par Jeanne Martin</div>{LEAD}',  # the standfirst first
    f'<div class="standfirst byline">By Ann Lee</div>{LEAD}',  # one element both
    f'<aside class="related"><span class="author">By Bo Chan</span></aside>{DEK}<a rel="author">Ann Lee</a>{LEAD}',
    f'<ul>{TEASERS}</ul><div class="byline">By Ann Lee</div>{LEAD}{DEK}',  # the tries run out first
    f'<ul>{TEASERS}</ul>{LEAD}',  # no standfirst, the tries run out
    f'{LEAD}<p class="subhead">Short</p>',  # a standfirst too short to keep, no byline
    f'<time datetime="2024-07-03">3 July</time>{LEAD}',
])
def test_the_visible_byline_and_standfirst_searches_share_one_walk(body: str) -> None:
    """The byline (first of ``BYLINE_TRIES`` byline-class elements outside other stories that names someone)
    and the standfirst (the first element named a standfirst) are found in one walk: the same as in two."""
    from converter.extract.html.meta_sources import visible_byline
    from converter.extract.html.parse import parse_page

    root = parse_page(_page("", body))
    assert visible_byline(root) == _visible_byline_two_walks(root)


def test_printed_texts_without_a_digit_are_read_when_asked_the_same() -> None:
    """A printed element's text without a digit (no dateline to cut) is read when first asked; with one,
    the date glued to it is cut (``without_dateline``), inside a wrapper too."""
    from converter.extract.html.parse import parse_page
    from converter.extract.html.title import page_nodes, printed_elements

    root = parse_page(_page("", '<div><h1>Volunteers save the harbour ferry ¶</h1></div>'
                                '<div><h2>Ferry towed clear of the rocks <span>14/01/2008</span></h2></div>' + LEAD))
    texts = [p.text for p in printed_elements(page_nodes(root))]
    assert texts[:2] == ["Volunteers save the harbour ferry", "Ferry towed clear of the rocks"]

"""A small news site captured as a WARC and a WACZ, written here with warcio's writer (our own text).

The Harbour Gazette (invented): three articles (one with two pictures, one captured again as a revisit),
the home page, a tag list, a search page, a month's round-up marked as a CollectionPage, a copy of an
article under a second address, a stylesheet, a page that was not found, a
redirect, and one broken record.
"""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

from PIL import Image
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

SITE = "https://news.example"

#: URL -> (title, section, date, author, paragraphs) of each article.
ARTICLES = {
    f"{SITE}/2024/05/harbour-bridge-reopens.html": (
        "Harbour bridge reopens after two years of repairs", "Local", "2024-05-14", "Mara Quill", [
            "The swing bridge over the inner harbour opened to traffic again on Tuesday morning, two years after "
            "engineers closed it when a routine survey found corrosion in the counterweight chamber.",
            "Crews replaced forty tonnes of steel and rebuilt the control cabin, which had not been touched since "
            "the bridge was first motorised. The work ran three months over its schedule because of storms.",
            "Shopkeepers on the east quay said the closure had cost them a third of their trade. Several plan a "
            "street party on Saturday to welcome back the customers who drove round by the ring road.",
            "The harbour master said the bridge would swing for boats at the same hours as before, and that the "
            "new machinery is quieter and twice as quick to open.",
        ]),
    f"{SITE}/2024/05/council-budget.html": (
        "Council sets a budget with more for libraries", "Politics", "2024-05-20", "Tomas Reed", [
            "The town council approved next year's budget on Monday night after a four-hour meeting, adding money "
            "for longer library hours and cutting the fund for new parking signs.",
            "Councillors argued at length over the road repair programme, which will be spread over three years "
            "instead of two so that the library hours can be paid for without raising fees.",
            "The treasurer warned that the reserve fund is now at its lowest in a decade and said the council "
            "would have to choose between projects again next spring if costs keep rising.",
            "Residents who spoke in the public session mostly asked about bus shelters and the state of the "
            "footpath along the river, which the budget does not mention.",
        ]),
    f"{SITE}/2024/06/summer-festival.html": (
        "Summer festival moves to the old fish market", "Culture", "2024-06-02", "Ines Amadou", [
            "The summer festival will be held in the old fish market this year, after the park that hosted it for "
            "two decades was booked for drainage works during July.",
            "Organisers said the covered hall means concerts can go ahead in the rain for the first time, though "
            "the number of tickets has been cut by a fifth to fit the fire rules.",
            "Local bands will open each evening, and the closing night will feature the brass band that played at "
            "the very first festival thirty years ago, with several of its founding members.",
            "Tickets go on sale at the library and the tourist office on Friday; the festival runs for ten days "
            "from the second weekend of July.",
        ]),
}

BRIDGE, BUDGET, FESTIVAL = ARTICLES
HOME = f"{SITE}/"
TAG = f"{SITE}/tag/harbour"
SEARCH = f"{SITE}/search?q=bridge"
ROUNDUP = f"{SITE}/2024/05/may-in-review.html"
COPY = f"{SITE}/print/summer-festival.html"
MISSING = f"{SITE}/2024/05/deleted-story.html"
MOVED = f"{SITE}/2024/05/bridge"
STYLESHEET = f"{SITE}/static/site.css"
PHOTO = f"{SITE}/images/bridge.png"
CRANE = f"{SITE}/2024/05/media/crane.png"


def picture(color: tuple[int, int, int], size: tuple[int, int] = (64, 40)) -> bytes:
    """A small PNG of one colour."""
    out = io.BytesIO()
    Image.new("RGB", size, color).save(out, "PNG")
    return out.getvalue()


def article_page(url: str) -> bytes:
    title, section, date, author, paragraphs = ARTICLES[url]
    figures = ""
    if url == BRIDGE:  # a site path and a relative path: both resolved against the page's address
        figures = ('<figure><img src="/images/bridge.png" alt="The bridge" width="640" height="400">'
                   "<figcaption>The bridge swings open for a yacht.</figcaption></figure>"
                   '<p><img src="media/crane.png" alt="A crane" width="640" height="400"></p>')
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    ld = json.dumps({"@context": "https://schema.org", "@type": "NewsArticle", "headline": title,
                     "datePublished": date, "author": {"@type": "Person", "name": author},
                     "articleSection": section})
    return f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{title} | The Harbour Gazette</title>
<link rel="canonical" href="{url}"><link rel="stylesheet" href="/static/site.css">
<meta property="og:type" content="article"><meta property="og:site_name" content="The Harbour Gazette">
<script type="application/ld+json">{ld}</script></head>
<body><nav><a href="/">Home</a> <a href="/tag/harbour">Harbour</a> <a href="/search">Search</a></nav>
<main><article><h1>{title}</h1><p class="byline">By {author}</p>{figures}{body}</article></main>
<footer><p>The Harbour Gazette, 1 Quay Street.</p></footer></body></html>""".encode()


def list_page(title: str, extra_head: str = "") -> bytes:
    links = "".join(f'<li><a href="{u}">{ARTICLES[u][0]}</a></li>' for u in ARTICLES) * 8
    return f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{title}</title>{extra_head}</head>
<body><h1>{title}</h1><ul>{links}</ul></body></html>""".encode()


def _response(writer: WARCWriter, url: str, body: bytes, content_type: str = "text/html; charset=utf-8",
              status: str = "200 OK", date: str = "2024-06-10T08:00:00Z", more: tuple[tuple[str, str], ...] = ()):
    headers = StatusAndHeaders(status, [("Content-Type", content_type), ("Content-Length", str(len(body))),
                                        *more], protocol="HTTP/1.1")
    record = writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=headers,
                                       warc_headers_dict={"WARC-Date": date})
    writer.write_record(record)
    return record


def write_warc(path: Path, gzip: bool = True, broken: bool = True) -> Path:
    """The site's WARC at ``path``: every kind of record the archive reader must handle."""
    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=gzip)
    _response(writer, HOME, list_page("The Harbour Gazette"))
    _response(writer, TAG, list_page("Stories tagged harbour"))
    original = _response(writer, BRIDGE, article_page(BRIDGE), date="2024-05-14T09:00:00Z")
    _response(writer, PHOTO, picture((30, 90, 160)), content_type="image/png")
    _response(writer, CRANE, picture((200, 120, 20)), content_type="image/png")
    _response(writer, STYLESHEET, b"body { color: #222 }", content_type="text/css")
    budget = _response(writer, BUDGET, article_page(BUDGET), date="2024-05-20T18:00:00Z")
    if broken:  # bytes no reader can parse, between two good records
        buf.write(b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: not-a-number\r\n\r\n<html>cut off")
        buf.write(b"\r\n\r\n")
    _response(writer, FESTIVAL, article_page(FESTIVAL), date="2024-06-02T07:00:00Z")
    _response(writer, COPY, article_page(FESTIVAL), date="2024-06-03T07:00:00Z")
    _response(writer, SEARCH, list_page("Search results for bridge"))
    _response(writer, ROUNDUP, list_page("May in review", '<script type="application/ld+json">'
                                         '{"@context": "https://schema.org", "@type": "CollectionPage"}</script>'))
    _response(writer, MISSING, b"<html><body><p>Not found</p></body></html>", status="404 Not Found")
    _response(writer, MOVED, b"", content_type="", status="301 Moved Permanently",
              more=(("Location", "/2024/05/harbour-bridge-reopens.html"),))
    # the budget page captured again a week later, unchanged: a revisit pointing at the first capture
    revisit = writer.create_revisit_record(
        BUDGET, digest=budget.rec_headers.get_header("WARC-Payload-Digest"), refers_to_uri=BUDGET,
        refers_to_date="2024-05-20T18:00:00Z",
        http_headers=StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1"),
        warc_headers_dict={"WARC-Date": "2024-05-27T18:00:00Z"})
    writer.write_record(revisit)
    assert original is not None
    path.write_bytes(buf.getvalue())
    return path


def write_wacz(path: Path) -> Path:
    """The same site as a WACZ: the WARC stored under ``archive/``, with the package's other files."""
    warc = write_warc(path.with_name(path.name + ".tmp.warc.gz"), broken=False)
    with zipfile.ZipFile(path, "w") as zf:
        zf.write(warc, "archive/data.warc.gz", compress_type=zipfile.ZIP_STORED)
        pages = [{"format": "json-pages-1.0", "id": "pages", "title": "All Pages"},
                 *({"url": u, "ts": "2024-06-10T08:00:00Z"} for u in (HOME, *ARTICLES))]
        zf.writestr("pages/pages.jsonl", "\n".join(json.dumps(p) for p in pages) + "\n")
        zf.writestr("datapackage.json", json.dumps({"profile": "data-package", "wacz_version": "1.1.1",
                                                    "resources": [{"name": "data.warc.gz",
                                                                   "path": "archive/data.warc.gz"}]}))
    warc.unlink()
    return path

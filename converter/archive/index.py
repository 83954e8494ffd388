"""``OUT/index.html``: every edition of the run's folder, by month and section, searchable in the browser.

One self-contained file: the catalogue as a JSON data block, a stylesheet and a script inline, nothing
else. Its Content-Security-Policy allows no connection, no picture, no font, and only its own script
(by hash), so opening it never touches the network. Searching filters the list as one types (every
word must appear in the title, authors, section, site, date or URL); the list shows the first
``SHOWN`` matches and says how many more there are, so a catalogue of a million rows stays usable.
"""

from __future__ import annotations

import base64
import hashlib
import html
import io
import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO
from urllib.parse import quote

from converter.archive.catalogue import atomic_text
from converter.archive.state import State
from converter.archive.task import CONVERTED

#: Rows drawn at once (the rest are found by searching).
SHOWN = 500

_STYLE = """
:root { color-scheme: light dark; --muted: #666; }
body { font: 16px/1.45 system-ui, sans-serif; margin: 0 auto; max-width: 52rem; padding: 1rem; }
header { position: sticky; top: 0; background: Canvas; padding-bottom: .5rem; border-bottom: 1px solid #8884; }
h1 { font-size: 1.5rem; margin: .2rem 0; }
#q { width: 100%; font: inherit; padding: .4rem .6rem; box-sizing: border-box; }
#count, .meta { color: var(--muted); font-size: .9rem; }
h2 { font-size: 1.15rem; margin: 1.4rem 0 .2rem; }
h3 { font-size: .95rem; margin: .8rem 0 .2rem; text-transform: uppercase; letter-spacing: .04em; color: var(--muted); }
ul { list-style: none; padding: 0; margin: 0; }
li { padding: .25rem 0; }
.formats a { font-size: .8rem; margin-left: .4rem; }
"""

_SCRIPT = """
(function () {
  "use strict";
  var rows = JSON.parse(document.getElementById("catalogue").textContent);
  var list = document.getElementById("list"), count = document.getElementById("count");
  var box = document.getElementById("q"), SHOWN = SHOWN_ROWS;
  rows.forEach(function (r) {
    r.hay = [r.title, r.authors.join(" "), r.section, r.site, r.date, r.url].join(" ").toLowerCase();
  });
  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text) { e.textContent = text; }
    if (cls) { e.className = cls; }
    return e;
  }
  function draw() {
    var words = box.value.toLowerCase().split(/\\s+/).filter(Boolean);
    var hits = rows.filter(function (r) { return words.every(function (w) { return r.hay.indexOf(w) >= 0; }); });
    list.textContent = "";
    var month = null, section = null, ul = null;
    hits.slice(0, SHOWN).forEach(function (r) {
      var m = r.date ? r.date.slice(0, 7) : "Undated";
      if (m !== month) { month = m; section = null; list.appendChild(el("h2", m)); }
      if (r.section !== section) {
        section = r.section; list.appendChild(el("h3", r.section || "Other"));
        ul = list.appendChild(el("ul"));
      }
      var li = ul.appendChild(el("li")), a = li.appendChild(el("a", r.title || r.url || r.href[0]));
      a.href = r.href[0];
      var meta = [r.authors.join(", "), r.date.slice(0, 10), r.site].filter(Boolean).join(" \\u00b7 ");
      if (meta) { li.appendChild(el("span", " \\u2014 " + meta, "meta")); }
      var formats = li.appendChild(el("span", "", "formats"));
      r.href.forEach(function (h) {
        var f = formats.appendChild(el("a", h.split(".").pop().toUpperCase()));
        f.href = h;
      });
    });
    count.textContent = hits.length + " of " + rows.length + " articles" +
      (hits.length > SHOWN ? " (the first " + SHOWN + " shown; search to narrow)" : "");
  }
  box.addEventListener("input", draw);
  draw();
})();
""".replace("SHOWN_ROWS", str(SHOWN))


def index_rows(state: State) -> Iterator[dict[str, object]]:
    """The rows the page lists (small fields only), newest month first, then by section and title; streamed
    from the state in that order, so a million rows never sit in memory as objects."""
    query = ("SELECT row FROM articles WHERE status = ? AND row != '' ORDER BY "
             "substr(json_extract(row, '$.date'), 1, 7) DESC, lower(json_extract(row, '$.section')), "
             "lower(json_extract(row, '$.title')), source")
    for (row,) in state.con.execute(query, (CONVERTED,)):
        data = json.loads(row)
        yield {
            "title": data.get("title") or "", "authors": data.get("authors") or [],
            "date": data.get("date") or "", "section": data.get("section") or "", "site": data.get("site") or "",
            "url": data.get("url") or "", "href": [_href(o) for o in data.get("outputs") or []],
        }


def _href(output: str) -> str:
    return "/".join(quote(part) for part in output.split("/"))


def write_page(fh: IO[str], rows: Iterable[dict[str, object]], title: str, count: int) -> None:
    """The page for ``rows`` (see ``index_rows``) written to ``fh``, the data streamed row by row."""
    script_hash = base64.b64encode(hashlib.sha256(_SCRIPT.encode("utf-8")).digest()).decode("ascii")
    policy = (f"default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-{script_hash}'; "
              "img-src 'none'; connect-src 'none'; form-action 'none'; base-uri 'none'")
    fh.write(f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{policy}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="converter">
<title>{html.escape(title)}</title>
<style>{_STYLE}</style>
</head>
<body>
<header>
<h1>{html.escape(title)}</h1>
<input id="q" type="search" placeholder="Search titles, authors, sections, dates" aria-label="Search" autofocus>
<p id="count">{count} articles</p>
</header>
<noscript><p>The list needs JavaScript; catalogue.csv holds the same rows.</p></noscript>
<main id="list"></main>
<script type="application/json" id="catalogue">[""")
    for number, row in enumerate(rows):
        # "</" never appears raw inside the data block, so no text can close the script element
        fh.write(("," if number else "") + "\n" + json.dumps(row, ensure_ascii=False).replace("</", "<\\/"))
    fh.write(f"""]</script>
<script>{_SCRIPT}</script>
</body>
</html>
""")


def render_index(rows: Iterable[dict[str, object]], title: str = "Catalogue") -> str:
    """The page as a string (for small catalogues and tests)."""
    rows = list(rows)
    buffer = io.StringIO()
    write_page(buffer, rows, title, len(rows))
    return buffer.getvalue()


def write_index(state: State, out: Path) -> None:
    """Write ``out/index.html`` atomically from the state's converted articles."""
    sites = [r[0] for r in state.con.execute(
        "SELECT DISTINCT json_extract(row, '$.site') FROM articles WHERE status = ? AND row != '' LIMIT 2",
        (CONVERTED,))]
    title = f"{sites[0]}: catalogue" if len(sites) == 1 and sites[0] else "Catalogue"
    with atomic_text(out / "index.html") as fh:
        write_page(fh, index_rows(state), title, state.count(CONVERTED))

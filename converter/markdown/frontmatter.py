"""YAML front matter: the metadata block at the top of our Markdown, written and read back."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping

import yaml

from converter.errors import SourceError

#: Article field -> front-matter key, where they differ.
KEY_OF_FIELD = {"authors": "author"}
FIELD_OF_KEY = {v: k for k, v in KEY_OF_FIELD.items()} | {"authors": "authors", "byline": "authors",
                                                           "lang": "language", "canonical": "url",
                                                           "published": "date", "modified": "updated"}
#: Fields that hold several values.
LIST_FIELDS = ("authors", "tags")

_BLOCK = re.compile(r"\A\ufeff?---[ \t]*\r?\n(.*?)(?:\r?\n)?^(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S | re.M)


def dump(metadata: Mapping[str, object]) -> str:
    """The ``---`` block for the non-empty fields of ``metadata`` (Article field names, in the given order)."""
    data: dict[str, object] = {}
    for field, value in metadata.items():
        if not value:
            continue
        if field in LIST_FIELDS:
            items = list(value) if isinstance(value, (tuple, list)) else [value]
            value = items[0] if field == "authors" and len(items) == 1 else items
        data[KEY_OF_FIELD.get(field, field)] = value
    body = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=10_000, default_flow_style=False)
    return f"---\n{body}---\n"


def split(text: str, name: str = "<markdown>") -> tuple[dict[str, object], str]:
    """Front matter (as Article fields) and the rest of the text; no block gives an empty dict."""
    m = _BLOCK.match(text)
    if not m:
        return {}, text
    try:
        raw = yaml.safe_load(m.group(1)) or {}
    except yaml.YAMLError as err:
        raise SourceError(f"{name}: its front matter is not valid YAML ({_first_line(err)})") from None
    if not isinstance(raw, dict):
        raise SourceError(f"{name}: its front matter is not a set of 'key: value' lines")
    return _fields(raw), text[m.end():]


def _fields(raw: Mapping[object, object]) -> dict[str, object]:
    out: dict[str, object] = {}
    for key, value in raw.items():
        field = FIELD_OF_KEY.get(str(key), str(key))
        if field in LIST_FIELDS:
            items = value if isinstance(value, list) else [value]
            out[field] = tuple(_text(v) for v in items if v is not None and _text(v))
        elif value is not None:
            out[field] = _text(value)
    return out


def _text(value: object) -> str:
    """YAML scalars back to the strings the Article holds (dates to ISO 8601)."""
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return str(value).strip()


def _first_line(err: Exception) -> str:
    return str(err).splitlines()[0] if str(err) else type(err).__name__

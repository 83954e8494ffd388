"""Front matter: the metadata block at the top of our Markdown, written (YAML) and read back (YAML
``---`` or TOML ``+++``, as Hugo and pandoc users write it).

PyYAML is imported when a block is written or read, not with this module: the PDF and HTML paths import
the Markdown writer (``converter.article``) without ever writing front matter.

Reading is forgiving about values, strict about structure (rules in ``_fields``): a block that does not
parse, is too big or too deep is a ``SourceError``; a value of the wrong shape (a list for the title, a
mapping for the tags, a date that is no day of the calendar) is a warning naming the field and the value,
and that field is left out: the article is still converted (a typo in one field should not cost the
reader the article; ``--strict`` turns the warning into an error).
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections.abc import Collection, Mapping
from functools import cache
from typing import Any

from converter.errors import SourceError
from converter.policy.limits import Limits

#: Article field -> front-matter key, where they differ.
KEY_OF_FIELD = {"authors": "author"}
FIELD_OF_KEY = {v: k for k, v in KEY_OF_FIELD.items()} | {"authors": "authors", "byline": "authors",
                                                           "lang": "language", "dir": "direction", "canonical": "url",
                                                           "published": "date", "modified": "updated"}
#: Fields that hold several values.
LIST_FIELDS = ("authors", "tags")
#: Fields that hold an ISO 8601 date or date-time.
DATE_FIELDS = ("date", "updated", "retrieved")

log = logging.getLogger("converter.markdown.frontmatter")

_OPENING = re.compile(r"\A\ufeff?---[ \t]*\r?\n")
_BLOCK = re.compile(r"\A\ufeff?---[ \t]*\r?\n(.*?)(?:\r?\n)?^(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S | re.M)
#: Hugo's TOML front matter: ``+++`` lines around it.
_TOML_OPENING = re.compile(r"\A\ufeff?\+\+\+[ \t]*\r?\n")
_TOML_BLOCK = re.compile(r"\A\ufeff?\+\+\+[ \t]*\r?\n(.*?)(?:\r?\n)?^\+\+\+[ \t]*(?:\r?\n|\Z)", re.S | re.M)
#: A value written like an ISO 8601 date (``2025-02-30``, ``2025-13-45 25:00``): it must be a real one.
_ISO_SHAPED = re.compile(r"^\s*[+-]?\d{4}-\d{1,2}-\d{1,2}")


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
    import yaml

    body = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=10_000, default_flow_style=False)
    return f"---\n{body}---\n"


def split(text: str, name: str = "<markdown>", limits: Limits | None = None,
          known: Collection[str] | None = None) -> tuple[dict[str, object], str]:
    """Front matter (as Article fields) and the rest of the text; no block gives an empty dict.

    A YAML block (``---``) is read with ``BoundedLoader`` (PyYAML's safe loader, no aliases, at most
    ``limits.max_yaml_nodes`` nodes, every scalar but null kept as written), a TOML block
    (``+++``) with ``tomllib`` under the same node count; either only when under
    ``limits.max_front_matter_bytes``. Raises ``SourceError`` otherwise, and for a block that does not
    parse or is not a mapping. A field whose value has the wrong shape is left out with a warning (see
    the module); with ``known`` (the Article's field names), other keys holding more than one value are
    another tool's settings and are ignored quietly.
    """
    limits = limits or Limits()
    head = text[: limits.max_front_matter_bytes + 4096]  # the block is searched for only near the start
    toml = bool(_TOML_OPENING.match(head))
    block, opening = (_TOML_BLOCK, _TOML_OPENING) if toml else (_BLOCK, _OPENING)
    m = block.match(head)
    too_big = SourceError(f"{name}: its front matter is over {limits.max_front_matter_bytes // 1024} KB "
                          "(Limits.max_front_matter_bytes)")
    if not m:
        if opening.match(head) and len(text) > len(head) and block.match(text[:4 * len(head)]):
            raise too_big
        return {}, text
    if len(m.group(1)) > limits.max_front_matter_bytes:
        raise too_big
    raw = _load_toml(m.group(1), name, limits) if toml else _load_yaml(m.group(1), name, limits)
    if not isinstance(raw, dict):
        raise SourceError(f"{name}: its front matter is not a set of 'key: value' lines")
    return _fields(raw, name, known), text[m.end():]


def _load_yaml(block: str, name: str, limits: Limits) -> object:
    import yaml

    try:
        return load_bounded(block, limits.max_yaml_nodes) or {}
    except yaml.YAMLError as err:
        raise SourceError(f"{name}: its front matter is not valid YAML ({_first_line(err)})") from None
    except RecursionError:
        raise SourceError(f"{name}: its front matter is nested too deeply to read; flatten it") from None


def _load_toml(block: str, name: str, limits: Limits) -> object:
    """A TOML block (tomllib, the standard library's reader), its values counted like YAML's nodes."""
    import tomllib

    try:
        raw = tomllib.loads(block)
    except tomllib.TOMLDecodeError as err:
        raise SourceError(f"{name}: its front matter is not valid TOML ({_first_line(err)})") from None
    except RecursionError:
        raise SourceError(f"{name}: its front matter is nested too deeply to read; flatten it") from None
    if _count_nodes(raw) > limits.max_yaml_nodes:
        raise SourceError(f"{name}: its front matter has more than {limits.max_yaml_nodes:,} values "
                          "(Limits.max_yaml_nodes)")
    return raw


def _count_nodes(value: object) -> int:
    """Values in a parsed block, containers included (as the YAML loader counts nodes); no recursion, so a
    deep block cannot exhaust the stack here."""
    count, stack = 0, [value]
    while stack:
        item = stack.pop()
        count += 1
        if isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return count


@cache
def bounded_loader() -> Any:  # type[yaml.SafeLoader]; PyYAML is imported here, on first use
    """The loader class ``load_bounded`` reads with: PyYAML's safe loader, no aliases, nodes counted."""
    import yaml

    class BoundedLoader(yaml.SafeLoader):
        """PyYAML's safe loader (plain data only, no Python objects) that refuses aliases and counts nodes.

        An alias (``*name``) is refused, so nested aliases can never expand ("billion laughs"); every node
        composed is counted against ``max_nodes``.
        """

        max_nodes = Limits.max_yaml_nodes
        #: Only null (``~``, an empty value) is resolved; numbers, dates and yes/no stay the text written
        #: (``007``, ``1.10``, ``yes``, ``2025-02-30``): every field we read is text, and a date is checked
        #: by ``_fields``, not by the YAML reader (whose bare ``ValueError`` on an impossible date would stop
        #: the whole input).
        yaml_implicit_resolvers = {  # noqa: RUF012 (PyYAML's own class attribute, read by its resolver)
            first: [(tag, regexp) for tag, regexp in resolvers
                    if tag == "tag:yaml.org,2002:null"]
            for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
        }

        def __init__(self, stream: str) -> None:
            super().__init__(stream)
            self._nodes = 0

        def compose_node(self, parent: yaml.Node | None, index: int) -> yaml.Node | None:
            if self.check_event(yaml.AliasEvent):
                event = self.peek_event()
                raise yaml.composer.ComposerError(None, None, "aliases (*name) are not allowed in front matter",
                                                  event.start_mark)
            self._nodes += 1
            if self._nodes > self.max_nodes:
                raise yaml.composer.ComposerError(None, None, f"more than {self.max_nodes:,} values "
                                                  "(Limits.max_yaml_nodes)", self.peek_event().start_mark)
            return super().compose_node(parent, index)

    return BoundedLoader


def load_bounded(text: str, max_nodes: int = Limits.max_yaml_nodes) -> object:
    """One YAML document through ``BoundedLoader`` with ``max_nodes``; raises ``yaml.YAMLError``."""
    loader = bounded_loader()(text)
    loader.max_nodes = max_nodes
    try:
        return loader.get_single_data()
    finally:
        loader.dispose()


def _fields(raw: Mapping[object, object], name: str = "<markdown>",
            known: Collection[str] | None = None) -> dict[str, object]:
    """The block's keys as Article fields, each value to the field's shape.

    Rules: a list field (authors, tags) takes one text or a list of texts; a text field takes one text
    (a list of texts is joined with ", "); a date field takes an ISO 8601 date or date-time that is a real
    one, or a written-out date (``March 5, 2025``); anything else (a mapping, a list of lists, an
    impossible date) is left out with a warning naming the field and the value. Keys not in ``known``
    (the Article's fields) are kept as text when they are one value, else ignored quietly.
    """
    out: dict[str, object] = {}
    for key, value in raw.items():
        field = FIELD_OF_KEY.get(str(key), str(key))
        if value is None or value == "" or value == []:
            continue
        if known is not None and field not in known and not _is_scalar(value):
            continue  # another tool's setting (Hugo's menu:, params:): not ours to judge
        if field in LIST_FIELDS:
            items = value if isinstance(value, list) else [value]
            if any(not _is_scalar(v) for v in items):
                _left_out(name, key, value, "a text or a list of texts")
                continue
            out[field] = tuple(t for v in items if v is not None and (t := _text(v)))
        elif field in DATE_FIELDS:
            date = _date(value)
            if date:
                out[field] = date
            else:
                _left_out(name, key, value, "a real date (ISO 8601: 2025-02-28 or 2025-02-28T09:30)")
        elif _is_scalar(value):
            out[field] = _text(value)
        elif isinstance(value, list) and all(_is_scalar(v) for v in value):
            out[field] = ", ".join(t for v in value if v is not None and (t := _text(v)))
        else:
            _left_out(name, key, value, "a text")
    return out


def _is_scalar(value: object) -> bool:
    return value is None or isinstance(value, (str, int, float, bool, dt.date, dt.time))


def parse_date(value: object) -> str:
    """An ISO 8601 date or date-time from a front-matter value (a ``datetime.date``, ``2025-02-28``,
    ``2025-02-28T09:30``, ``March 5, 2025``), "" when it is none or no day of the calendar (``2025-02-30``)."""
    return _date(value)


def _date(value: object) -> str:
    """An ISO 8601 date or date-time from a front-matter value, "" when it is none (see ``_fields``)."""
    if isinstance(value, (dt.date, dt.datetime)):  # TOML's own dates, already checked by its reader
        return value.isoformat()
    if not isinstance(value, (str, int)) or isinstance(value, bool):
        return ""
    text = str(value).strip()
    if _ISO_SHAPED.match(text):
        try:
            return dt.datetime.fromisoformat(text).isoformat() if len(text) > 10 else dt.date.fromisoformat(
                text).isoformat()
        except ValueError:
            return ""
    from converter.extract.dates import iso_date

    return iso_date(text) if not text.isdigit() else ""


def _left_out(name: str, key: object, value: object, wanted: str) -> None:
    shown = repr(value) if len(repr(value)) <= 60 else repr(value)[:57] + "..."
    log.warning("%s: front matter %s %s is not %s; it is left out", name, key, shown, wanted)


def _text(value: object) -> str:
    """A front-matter scalar as the text the Article holds (dates to ISO 8601)."""
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, bool):
        return str(value).lower()
    return str(value).strip()


def _first_line(err: Exception) -> str:
    return str(err).splitlines()[0] if str(err) else type(err).__name__

"""YAML front matter: the metadata block at the top of our Markdown, written and read back.

PyYAML is imported when a block is written or read, not with this module: the PDF and HTML paths import
the Markdown writer (``converter.article``) without ever writing front matter.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
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

_OPENING = re.compile(r"\A\ufeff?---[ \t]*\r?\n")
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
    import yaml

    body = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=10_000, default_flow_style=False)
    return f"---\n{body}---\n"


def split(text: str, name: str = "<markdown>", limits: Limits | None = None) -> tuple[dict[str, object], str]:
    """Front matter (as Article fields) and the rest of the text; no block gives an empty dict.

    The block is read with ``BoundedLoader`` (PyYAML's safe loader, no aliases, at most
    ``limits.max_yaml_nodes`` nodes) and only when under ``limits.max_front_matter_bytes``. Raises
    ``SourceError`` otherwise, and for YAML that does not parse or is not a mapping.
    """
    limits = limits or Limits()
    head = text[: limits.max_front_matter_bytes + 4096]  # the block is searched for only near the start
    m = _BLOCK.match(head)
    if not m:
        if _OPENING.match(head) and len(text) > len(head) and _BLOCK.match(text[:4 * len(head)]):
            raise SourceError(f"{name}: its front matter is over {limits.max_front_matter_bytes // 1024} KB "
                              "(Limits.max_front_matter_bytes)")
        return {}, text
    if len(m.group(1)) > limits.max_front_matter_bytes:
        raise SourceError(f"{name}: its front matter is over {limits.max_front_matter_bytes // 1024} KB "
                          "(Limits.max_front_matter_bytes)")
    import yaml

    try:
        raw = load_bounded(m.group(1), limits.max_yaml_nodes) or {}
    except yaml.YAMLError as err:
        raise SourceError(f"{name}: its front matter is not valid YAML ({_first_line(err)})") from None
    except RecursionError:
        raise SourceError(f"{name}: its front matter is nested too deeply to read; flatten it") from None
    if not isinstance(raw, dict):
        raise SourceError(f"{name}: its front matter is not a set of 'key: value' lines")
    return _fields(raw), text[m.end():]


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

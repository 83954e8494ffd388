"""Pictures and the Markdown edition: written beside it when it is saved, read back when it is the input.

A Markdown file cannot hold pictures, so ``NAME.md`` gets a folder ``NAME_files/`` beside it (as browsers
save a page) with each embedded picture, and its body points there with relative links. Reading that file
back (``converter convert NAME.md -o NAME.pdf``) loads the same pictures through the resource policy, so
every edition made from the Markdown shows what the first one showed.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path, PurePosixPath
from urllib.parse import unquote

from converter.article import Article, Resource
from converter.policy.resources import is_remote

#: ``![alt](target)``, the target bare or in angle brackets (a title after it is allowed).
_PICTURE = re.compile(r"!\[(?:[^\]\\]|\\.)*\]\(\s*(<[^>\n]*>|[^)\s]+)")


def with_pictures_beside(article: Article, output: Path) -> tuple[Article, dict[Path, bytes]]:
    """The Article with its picture refs pointing into ``<stem>_files/`` next to ``output``, and the files
    to write there (path -> bytes). An Article without pictures comes back as it is, with no files."""
    if not article.resources:
        return article, {}
    folder = f"{output.stem}_files"
    body = article.body
    files: dict[Path, bytes] = {}
    resources: list[Resource] = []
    taken: set[str] = set()
    for resource in article.resources:
        name = _unique(PurePosixPath(resource.ref).name or "picture", taken)
        ref = f"{folder}/{name}"
        body = _replace_target(body, resource.ref, ref)
        files[output.parent / folder / name] = resource.data
        resources.append(Resource(ref, resource.media_type, resource.data))
    return replace(article, body=body, resources=tuple(resources)), files


def picture_targets(body: str) -> list[str]:
    """The local picture addresses a Markdown body uses (remote and ``data:`` ones are left to the renderer)."""
    targets = []
    for m in _PICTURE.finditer(body):
        target = m.group(1)
        target = target[1:-1] if target.startswith("<") else target
        if target and not is_remote(target) and not target.startswith(("data:", "#")):
            targets.append(target)
    return list(dict.fromkeys(targets))


def load_pictures(body: str, load: Callable[[str], Resource | None]) -> tuple[Resource, ...]:
    """The body's local pictures read through ``load`` (the resource policy), each under the ref it is
    written with; a path written percent-encoded is read decoded."""
    found = []
    for target in picture_targets(body):
        loaded = load(unquote(target))
        if loaded is not None:
            found.append(Resource(target, loaded.media_type, loaded.data))
    return tuple(found)


def _replace_target(body: str, old: str, new: str) -> str:
    shown = f"<{new}>" if any(c in new for c in " ()<>") else new
    return body.replace(f"]({old})", f"]({shown})").replace(f"](<{old}>)", f"]({shown})")


def _unique(name: str, taken: set[str]) -> str:
    stem, suffix, n = PurePosixPath(name).stem, PurePosixPath(name).suffix, 1
    candidate = name
    while candidate in taken:
        n += 1
        candidate = f"{stem}-{n}{suffix}"
    taken.add(candidate)
    return candidate

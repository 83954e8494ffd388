"""Pictures and the Markdown edition: written beside it when it is saved, read back when it is the input.

A Markdown file cannot hold pictures, so ``NAME.md`` gets a folder ``NAME_files/`` beside it (as browsers
save a page) with each embedded picture, and its body points there with relative links. Reading that file
back (``converter convert NAME.md -o NAME.pdf``) loads the same pictures through the resource policy, so
every edition made from the Markdown shows what the first one showed.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path, PurePosixPath
from urllib.parse import unquote

from converter.article import Article, Resource
from converter.policy.resources import is_remote

#: ``![alt](target)``, the target bare or in angle brackets (a title after it is allowed).
_PICTURE = re.compile(r"!\[(?:[^\]\\]|\\.)*\]\(\s*(<[^>\n]*>|[^)\s]+)")
#: A reference-style picture: ``![alt][label]``, ``![label][]`` or ``![label]`` (the label is group 2, else 1).
_PICTURE_REFERENCE = re.compile(r"!\[((?:[^\]\\]|\\.)*)\](?:\[((?:[^\]\\]|\\.)*)\]|(?![(\[:]))")
#: A link reference definition, ``[label]: target "title"``: label (group 1) and target (group 2).
_DEFINITION = re.compile(r"^ {0,3}\[((?:[^\]\\]|\\.)+)\]:[ \t]*(<[^>\n]*>|\S+)", re.M)


def with_pictures_beside(article: Article, output: Path) -> tuple[Article, dict[Path, bytes]]:
    """The Article with its picture refs pointing into ``<stem>_files/`` next to ``output``, and the files
    to write there (path -> bytes). An Article without pictures comes back as it is, with no files."""
    articles, files = pictures_beside((article,), output)
    return articles[0], files


def pictures_beside(articles: Sequence[Article], output: Path) -> tuple[tuple[Article, ...], dict[Path, bytes]]:
    """``with_pictures_beside`` for several articles sharing one Markdown file (an issue): one folder, one
    file per picture (the same bytes under the same name are written once), a name taken by another
    article's different picture gets ``-2``."""
    folder = f"{output.stem}_files"
    files: dict[Path, bytes] = {}
    taken: set[str] = set()
    written: dict[tuple[str, bytes], str] = {}  # one file for one picture written two ways (my%20pic, <my pic>)
    moved = []
    for article in articles:
        if not article.resources:
            moved.append(article)
            continue
        body, image = article.body, article.image
        resources: list[Resource] = []
        for resource in article.resources:
            wanted = _file_name(resource.ref, resource.media_type)
            name = written.get((wanted, resource.data)) or _unique(wanted, taken)
            written[(wanted, resource.data)] = name
            ref = f"{folder}/{name}"
            body = _replace_target(body, resource.ref, ref)
            image = ref if image == resource.ref else image  # the front matter's lead picture goes along
            files[output.parent / folder / name] = resource.data
            resources.append(Resource(ref, resource.media_type, resource.data))
        moved.append(replace(article, body=body, image=image, resources=tuple(resources)))
    return tuple(moved), files


def add_picture_beside(picture: Resource, output: Path, files: dict[Path, bytes], stem: str) -> str:
    """Plan ``picture`` as the file ``<stem><its type's extension>`` in ``output``'s ``<stem>_files/``
    folder, beside the files already planned there (a taken name gets ``-2``), adding it to ``files``;
    its ref from the Markdown file (``weekly_files/cover.jpg``)."""
    folder = f"{output.stem}_files"
    suffix = _EXTENSION.get(picture.media_type) or PurePosixPath(_file_name(picture.ref)).suffix
    taken = {path.name for path in files if path.parent == output.parent / folder}
    name = _unique(f"{stem}{suffix}", taken)
    files[output.parent / folder / name] = picture.data
    return f"{folder}/{name}"


def picture_targets(body: str, remote: bool = False) -> list[str]:
    """The picture addresses a Markdown body uses, in order, once each: local ones and ``data:`` URIs, and
    remote ones too when ``remote`` (in-page anchors are no pictures)."""
    targets = []
    for m in _target_matches(body):
        target = m.group(m.lastindex or 1)
        target = target[1:-1] if target.startswith("<") else target
        if target and (remote or not is_remote(target)) and not target.startswith("#"):
            targets.append(target)
    return list(dict.fromkeys(targets))


def _target_matches(body: str) -> list[re.Match[str]]:
    """The matches whose last group is a picture's target: inline pictures, and the definitions of the
    labels reference-style pictures use (``![alt][label]`` ... ``[label]: pic.png``)."""
    found = list(_PICTURE.finditer(body))
    if "][" in body or "]:" in body:
        used = {_label(m.group(2) or m.group(1)) for m in _PICTURE_REFERENCE.finditer(body)}
        found += [m for m in _DEFINITION.finditer(body) if _label(m.group(1)) in used]
    return sorted(found, key=lambda m: m.start())


def _label(text: str) -> str:
    """A reference label as CommonMark matches it: case and inner white space aside."""
    return " ".join(text.split()).casefold()


def load_pictures(body: str, load: Callable[[str], Resource | None]) -> tuple[Resource, ...]:
    """The body's pictures read through ``load`` (the resource policy, which says why it refuses one: a
    picture on the web is never fetched), each under the ref it is written with; a path written
    percent-encoded is read decoded."""
    found = []
    for target in picture_targets(body, remote=True):
        loaded = load(target if is_remote(target) or target.startswith("data:") else unquote(target))
        if loaded is not None:
            found.append(Resource(target, loaded.media_type, loaded.data))
    return tuple(found)


def _replace_target(body: str, old: str, new: str) -> str:
    """Every picture written with target ``old`` (bare or in angle brackets, a title after it or not)
    pointed at ``new``."""
    shown = f"<{new}>" if any(c in new for c in " ()<>") else new

    out, at = [], 0
    for m in _target_matches(body):
        group = m.lastindex or 1
        target = m.group(group)
        if (target[1:-1] if target.startswith("<") else target) == old:
            out += [body[at:m.start(group)], shown]
            at = m.end(group)
    return "".join(out) + body[at:]


#: The file extension of each picture type we embed (a ``data:`` URI's picture is saved under it).
_EXTENSION = {"image/png": ".png", "image/jpeg": ".jpg", "image/gif": ".gif", "image/webp": ".webp",
              "image/svg+xml": ".svg"}


def _file_name(ref: str, media_type: str = "") -> str:
    """The file name a picture is saved under: its ref's last part, percent-decoded (``my%20pic.png`` is
    the file ``my pic.png``), without path separators; ``picture.png`` (its type's extension) for a
    ``data:`` URI or a ref with no name."""
    name = "" if ref.startswith("data:") else unquote(PurePosixPath(ref).name).replace("/", "_").replace("\\", "_")
    name = name.strip()
    return name if name not in ("", ".", "..") else f"picture{_EXTENSION.get(media_type, '')}"


def _unique(name: str, taken: set[str]) -> str:
    stem, suffix, n = PurePosixPath(name).stem, PurePosixPath(name).suffix, 1
    candidate = name
    while candidate in taken:
        n += 1
        candidate = f"{stem}-{n}{suffix}"
    taken.add(candidate)
    return candidate

"""Joining tagged parts: one structure tree for the issue, and the standard's metadata kept.

Each part of an issue is a tagged PDF of its own (``converter.render.pdf_output``): a structure tree whose
elements point at the part's pages, and a parent tree keyed by the numbers its pages (``/StructParents``)
and annotations (``/StructParent``) carry. Joined, the numbers of the second part would collide with the
first's, so each part's are shifted past the previous parts' before the trees are put under one
``Document`` element, parts in reading order. Content that no part tagged (the page numbers stamped at
the join) is marked as an artifact where it is drawn (``pdf_join``).

A PDF/UA or PDF/A part carries XMP metadata (the standard's claim) and, for PDF/A, an output intent; the
joined PDF keeps the first part's, with the issue's title.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pikepdf

#: How the page numbers stamped at the join are marked: pagination, not content (PDF 1.7, 14.8.2.2).
ARTIFACT_OPEN = b"/Artifact <</Type /Pagination /Subtype /Footer>> BDC\n"
ARTIFACT_CLOSE = b"EMC\n"


class StructureMerger:
    """One structure tree for ``out`` made of the parts' trees, a part at a time: ``add`` each part right
    after its pages were put into ``out`` (the part may be closed then), in any order, ``finish`` once all
    are in. The tree is assembled by the parts' slots (reading order) at ``finish``, so it does not depend
    on the order the parts came in. Leaves ``out`` untagged when no part is tagged."""

    def __init__(self, out: pikepdf.Pdf) -> None:
        self.out = out
        self.document = out.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.StructElem,
                                                             S=pikepdf.Name.Document, K=pikepdf.Array()))
        self.root = out.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.StructTreeRoot,
                                                         K=pikepdf.Array([self.document])))
        self.document.P = self.root
        self.nums: list[Any] = []  # the joined parent tree: key, value, key, value...
        self.offset = 0
        self.tagged = False
        # slot -> (top elements, parent tree pairs, page objects), copied into ``out``
        self.slots: dict[int, tuple[list[Any], list[tuple[int, Any]], list[Any]]] = {}
        self.role_map: tuple[int, Any] | None = None  # (slot, copied map): the first part's wins

    def add(self, source: pikepdf.Pdf, first: int, slot: int | None = None) -> None:
        """Take ``source``'s tree for the issue's ``Document``; its pages are ``out``'s from index ``first``;
        ``slot`` is its place in reading order (default: after the parts added so far)."""
        tree = source.Root.get("/StructTreeRoot")
        slot = max(self.slots, default=-1) + 1 if slot is None else slot
        if tree is None:
            return
        out = self.out
        found = list(_top_elements(tree))
        keyed = list(_number_tree(tree.get("/ParentTree")))
        role_map = "/RoleMap" in tree and (self.role_map is None or slot < self.role_map[0])
        copies = _copy_all(out, source, [*found, *(value for _, value in keyed), *([tree.RoleMap] if role_map else [])])
        elements = copies[:len(found)]
        pairs = list(zip((key for key, _ in keyed), copies[len(found):len(found) + len(keyed)], strict=True))
        pages = [page.obj for page in out.pages[first:first + len(source.pages)]]
        self.slots[slot] = (elements, pairs, pages)
        if role_map:
            self.role_map = (slot, copies[-1])
        self.tagged = True

    def finish(self) -> None:
        """Attach the tree to ``out`` (if any part was tagged): each part's elements under the issue's
        ``Document`` and its parent tree's numbers shifted past the previous parts', in slot order."""
        if not self.tagged:
            return
        for slot in sorted(self.slots):
            elements, pairs, pages = self.slots[slot]
            for element in elements:
                element.P = self.document
                self.document.K.append(element)
            self.nums.extend(item for key, value in pairs for item in (key + self.offset, value))
            for page in pages:
                _shift(page, "/StructParents", self.offset)
                for annotation in page.get("/Annots", []):
                    _shift(annotation, "/StructParent", self.offset)
            self.offset += max((key for key, _ in pairs), default=-1) + 1
        if self.role_map is not None:
            self.root.RoleMap = self.role_map[1]
        self.root.ParentTree = self.out.make_indirect(pikepdf.Dictionary(Nums=pikepdf.Array(self.nums)))
        self.root.ParentTreeNextKey = self.offset
        self.out.Root.StructTreeRoot = self.root
        self.out.Root.MarkInfo = pikepdf.Dictionary(Marked=True)


def _top_elements(tree: pikepdf.Object) -> Iterator[pikepdf.Object]:
    """The elements under the part's root, its own ``Document`` element unwrapped (the issue has one)."""
    kids = tree.get("/K")
    for kid in kids if isinstance(kids, pikepdf.Array) else [kids] if kids is not None else []:
        if kid.get("/S") == pikepdf.Name.Document:
            inner = kid.get("/K")
            yield from inner if isinstance(inner, pikepdf.Array) else [inner] if inner is not None else []
        else:
            yield kid


def _number_tree(node: pikepdf.Object | None) -> Iterator[tuple[int, pikepdf.Object]]:
    """The (key, value) pairs of a number tree, in key order (leaves' ``/Nums``, through ``/Kids``)."""
    if node is None:
        return
    nums = node.get("/Nums")
    if nums is not None:
        for index in range(0, len(nums) - 1, 2):
            yield int(nums[index]), nums[index + 1]
    for kid in node.get("/Kids", []):
        yield from _number_tree(kid)


def _copy(out: pikepdf.Pdf, source: pikepdf.Pdf, obj: pikepdf.Object) -> pikepdf.Object:
    """``obj`` of ``source`` copied into ``out`` (references to pages already copied point at the copies);
    a direct object (an array inline in its parent) is made indirect in the source first."""
    if not obj.is_indirect:
        obj = source.make_indirect(obj)
    return out.copy_foreign(obj)


def _copy_all(out: pikepdf.Pdf, source: pikepdf.Pdf, objects: list[pikepdf.Object]) -> list[pikepdf.Object]:
    """``objects`` of ``source`` copied into ``out`` in one pass, as ``_copy`` copies each: one call per
    part instead of one per element (each call walks again what it reaches; a part has a hundred elements
    and parent tree entries, and copying them one by one was a sixth of the join). The array that carries
    them is not referenced from ``out``'s catalogue, so it is not written."""
    if not objects:
        return []
    holder = source.make_indirect(pikepdf.Array([obj if obj.is_indirect else source.make_indirect(obj)
                                                 for obj in objects]))
    return list(out.copy_foreign(holder))


def _shift(dictionary: pikepdf.Object, key: str, offset: int) -> None:
    if key in dictionary:
        dictionary[key] = int(dictionary[key]) + offset


def keep_standard_metadata(out: pikepdf.Pdf, first: pikepdf.Pdf, title: str, author: str,
                           keywords: tuple[str, ...] = ()) -> None:
    """The first part's XMP packet (a PDF/UA or PDF/A claim) and output intents, retitled for the issue;
    nothing when the part has no XMP (a plain PDF)."""
    if "/Metadata" not in first.Root:
        return
    out.Root.Metadata = _copy(out, first, first.Root.Metadata)
    if "/OutputIntents" in first.Root:
        out.Root.OutputIntents = _copy(out, first, first.Root.OutputIntents)
    out.Root.ViewerPreferences = pikepdf.Dictionary(DisplayDocTitle=True)
    with out.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as meta:
        meta["dc:title"] = title
        if author:
            meta["dc:creator"] = [author]
        if keywords:
            meta["pdf:Keywords"] = ", ".join(keywords)
            meta["dc:subject"] = set(keywords)
        meta["pdf:Producer"] = "converter"

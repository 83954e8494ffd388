"""Helpers of the hostile-input suite: look inside every part of a PDF."""

from __future__ import annotations

import io
import zlib
from collections.abc import Iterator

from pypdf import PdfReader
from pypdf.generic import IndirectObject, StreamObject

#: What the secret file holds; no output may ever contain it.
SECRET = "TOPSECRET-7f3a9c-the-password-is-swordfish"


def pdf_haystack(data: bytes) -> str:
    """Everything a PDF holds, as text: raw bytes, every decoded stream (attachments too), page text,
    link annotations and the names tree, so a secret cannot hide in a compressed object."""
    reader = PdfReader(io.BytesIO(data))
    parts = [data.decode("latin-1")]
    for obj in _objects(reader):
        if isinstance(obj, StreamObject):
            parts.append(_stream_text(obj))
        parts.append(str(obj))
    parts.extend(page.extract_text() or "" for page in reader.pages)
    return "\n".join(parts).replace("\u200b", "")


def _objects(reader: PdfReader) -> Iterator[object]:
    for generation, numbers in reader.xref.items():
        for number in numbers:
            yield reader.get_object(IndirectObject(number, generation, reader))
    for number in reader.xref_objStm:
        yield reader.get_object(IndirectObject(number, 0, reader))


def _stream_text(obj: StreamObject) -> str:
    try:
        return obj.get_data().decode("latin-1")
    except Exception:  # a filter pypdf cannot undo: try raw deflate, else the raw bytes
        try:
            return zlib.decompress(obj._data).decode("latin-1")
        except zlib.error:
            return obj._data.decode("latin-1")


def attachments_and_links(data: bytes) -> tuple[list[str], list[str]]:
    """Names of embedded files and URIs of link annotations in a PDF."""
    reader = PdfReader(io.BytesIO(data))
    names = list(reader.attachments)
    uris = []
    for page in reader.pages:
        for annot in page.get("/Annots") or []:
            action = annot.get_object().get("/A")
            if action is not None and "/URI" in action:
                uris.append(str(action["/URI"]))
    return names, uris

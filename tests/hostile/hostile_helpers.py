"""Helpers of the hostile-input suite: look inside every part of a PDF; run the command line with its
time and memory measured."""

from __future__ import annotations

import io
import json
import os
import resource
import signal
import subprocess
import sys
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from pypdf import PdfReader
from pypdf.generic import IndirectObject, StreamObject

#: What the secret file holds; no output may ever contain it.
SECRET = "TOPSECRET-7f3a9c-the-password-is-swordfish"


def cpu_seconds() -> float:
    """CPU seconds (user and system) of this process and of its children that have ended: the time guards
    here bound the work done, which a loaded machine does not change, not the wall time, which it does."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


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


#: The exhaustion cases' budget: each must finish within this many CPU seconds and this much memory; a case
#: still running after three times as many seconds of wall time (a hang, or a machine far too loaded) is killed.
CASE_SECONDS = 60.0
CASE_BYTES = 2 * 1024**3

#: Runs a command and prints the CPU time of its process tree and the peak resident memory of its largest
#: process.
_LAUNCHER = """
import json, resource, subprocess, sys
stdin = open(sys.argv[1], "rb") if sys.argv[1] else subprocess.DEVNULL
done = subprocess.run(sys.argv[2:], stdin=stdin, capture_output=True)
used = resource.getrusage(resource.RUSAGE_CHILDREN)
sys.stdout.write(json.dumps({"rc": done.returncode, "stderr": done.stderr.decode("utf-8", "replace"),
                             "seconds": used.ru_utime + used.ru_stime, "peak": used.ru_maxrss * 1024}))
"""


@dataclass(frozen=True)
class Bounded:
    """What one bounded run of the command line did."""

    rc: int
    stderr: str
    seconds: float
    """CPU seconds (user and system) of the command's process tree."""
    peak_bytes: int
    """Peak resident memory of the largest process of the command (worker processes included)."""


def run_cli(args: list[str], cwd: Path, stdin: Path | None = None) -> Bounded:
    """``python -m converter ARGS`` in a fresh process tree, with its CPU time and peak memory measured; a run
    past three times ``CASE_SECONDS`` of wall time is killed (its whole process group) and fails the test."""
    command = [sys.executable, "-c", _LAUNCHER, str(stdin or ""), sys.executable, "-m", "converter", *args]
    proc = subprocess.Popen(command, cwd=cwd, stdout=subprocess.PIPE, start_new_session=True)
    try:
        out, _ = proc.communicate(timeout=3 * CASE_SECONDS)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate()
        raise AssertionError(f"converter {' '.join(args)} ran past {3 * CASE_SECONDS:.0f} s and was killed") from None
    result = json.loads(out)
    return Bounded(result["rc"], result["stderr"], result["seconds"], result["peak"])

"""Fixtures for the hostile-input suite: a secret beside the input's folder, a loopback server that
must never be called, and a PDF searcher that looks inside every stream, attachment and link."""

from __future__ import annotations

import http.server
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from hostile_helpers import SECRET


@dataclass
class Trap:
    """A loopback HTTP server that records every request it gets (there must be none)."""

    url: str
    requests: list[str] = field(default_factory=list)


@pytest.fixture
def secret(tmp_path: Path) -> Path:
    """``tmp_path/secret.txt`` holding ``SECRET``, outside the input's folder ``tmp_path/page``."""
    path = tmp_path / "secret.txt"
    path.write_text(SECRET)
    (tmp_path / "page").mkdir()
    return path


@pytest.fixture
def trap() -> Iterator[Trap]:
    """An http.server on 127.0.0.1 at a free port, in a thread, stopped after the test."""
    requests: list[str] = []

    class Recorder(http.server.BaseHTTPRequestHandler):
        timeout = 2  # bounded: a stuck client cannot hold the thread

        def do_GET(self) -> None:
            requests.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "text/css")
            self.end_headers()
            self.wfile.write(SECRET.encode())

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Recorder)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield Trap(f"http://127.0.0.1:{server.server_address[1]}", requests)
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)

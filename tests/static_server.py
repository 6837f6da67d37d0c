"""A folder served over HTTP on a free local port, as a static host would serve it."""

from __future__ import annotations

import functools
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path


class QuietHandler(SimpleHTTPRequestHandler):
    """``python -m http.server`` without a log line per request."""

    def log_message(self, format, *args):
        pass


@contextmanager
def serving(handler: type[BaseHTTPRequestHandler] | functools.partial) -> Iterator[str]:
    """Run ``handler`` on a thread at http://127.0.0.1:<free port>; yields that origin."""
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join()


@contextmanager
def serving_folder(folder: Path) -> Iterator[str]:
    """Serve the files of ``folder``; yields the origin."""
    with serving(functools.partial(QuietHandler, directory=str(folder))) as origin:
        yield origin

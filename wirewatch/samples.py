"""Serve the bundled sample wire site (`samples/site`) on 127.0.0.1 for the demo and the tests.

Files write absolute URLs as `__BASE__/path`; the server substitutes its own
`http://127.0.0.1:PORT` at serve time, so feeds and sitemaps are valid whatever the port.
It also sets Last-Modified/ETag and answers conditional requests, like a real wire site.
"""

from __future__ import annotations

import gzip
import hashlib
import mimetypes
import threading
from contextlib import contextmanager
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Callable, Iterator
from urllib.parse import unquote, urlsplit

SAMPLES_DIR = Path(__file__).resolve().parent.parent / "samples"
SITE_DIR = SAMPLES_DIR / "site"
CATALOGUE = SAMPLES_DIR / "catalogue.yaml"
MANIFEST = SAMPLES_DIR / "manifest.json"
PLACEHOLDER = b"__BASE__"
_TEXT_TYPES = (".html", ".xml", ".txt", ".json", ".rss", ".atom")


class SiteHandler(BaseHTTPRequestHandler):
    """GET/HEAD for files under `root`, with `__BASE__` substitution and request logging."""

    root: Path = SITE_DIR
    base: str = ""
    requests: list[str]
    hook: Callable[["SiteHandler"], bool] | None = None  # tests may answer a request themselves
    started_at = formatdate(usegmt=True)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib signature
        pass  # quiet: the crawl prints its own progress

    def do_HEAD(self) -> None:
        self.do_GET(head=True)

    def do_GET(self, head: bool = False) -> None:
        self.requests.append(self.path)
        if self.hook is not None and self.hook(self):
            return
        path = unquote(urlsplit(self.path).path)
        target = (self.root / path.lstrip("/")).resolve()
        if target.is_dir():
            target = target / "index.html"
        if not target.is_relative_to(self.root.resolve()) or not target.is_file():
            self._send(404, b"<html><body><h1>404 Not Found</h1></body></html>", "text/html; charset=utf-8", head)
            return
        data = target.read_bytes()
        if target.suffix in _TEXT_TYPES:
            data = data.replace(PLACEHOLDER, self.base.encode())
        if target.suffix == ".gz":
            data = gzip.decompress(data).replace(PLACEHOLDER, self.base.encode())
            data = gzip.compress(data, mtime=0)
            ctype = "application/x-gzip"
        else:
            ctype = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
            if target.suffix == ".xml":
                ctype = "application/xml"
            if ctype.startswith("text/") or ctype.endswith("xml"):
                ctype += "; charset=utf-8" if b"iso-8859-1" not in data[:400].lower() else "; charset=iso-8859-1"
        etag = '"' + hashlib.sha1(data).hexdigest()[:16] + '"'
        if self.headers.get("If-None-Match") == etag:
            self._send(304, b"", None, head=True, extra={"ETag": etag})
            return
        self._send(200, data, ctype, head, extra={"ETag": etag, "Last-Modified": self.started_at})

    def _send(self, status: int, data: bytes, ctype: str | None, head: bool, extra: dict[str, str] | None = None) -> None:
        self.send_response(status)
        if ctype:
            self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(data)))
        for key, value in (extra or {}).items():
            self.send_header(key, value)
        self.end_headers()
        if not head:
            self.wfile.write(data)


@contextmanager
def serve_site(root: Path = SITE_DIR, port: int = 0, hook: Callable[[SiteHandler], bool] | None = None) -> Iterator["RunningSite"]:
    """Serve `root` on 127.0.0.1 (port 0 = any free port) in a background thread."""
    log: list[str] = []
    handler = type("BoundSiteHandler", (SiteHandler,), {"root": root, "requests": log, "hook": staticmethod(hook) if hook else None})
    server = ThreadingHTTPServer(("127.0.0.1", port), handler)
    server.daemon_threads = True
    handler.base = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, name="sample-site", daemon=True)
    thread.start()
    try:
        yield RunningSite(handler.base, log, server)
    finally:
        server.shutdown()
        server.server_close()


class RunningSite:
    def __init__(self, base: str, requests: list[str], server: ThreadingHTTPServer):
        self.base = base
        self.requests = requests
        self.server = server

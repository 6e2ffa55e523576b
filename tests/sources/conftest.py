"""Fixtures for the source-catalogue tests: repo on sys.path, a real local HTTP server."""

from __future__ import annotations

import gzip
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

RSS = b"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel>
    <title>Test Wire</title>
    <link>http://example.test/</link>
    <description>three items</description>
    <item><title>One</title><link>http://example.test/a/1</link>
      <pubDate>Mon, 06 May 2024 08:00:00 +0000</pubDate></item>
    <item><title>Two</title><link>http://example.test/a/2</link>
      <pubDate>Tue, 07 May 2024 10:30:00 +0200</pubDate></item>
    <item><title>Three</title><link>http://example.test/a/3</link>
      <pubDate>Sun, 05 May 2024 23:59:00 GMT</pubDate></item>
  </channel>
</rss>
"""

ATOM = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Atom Wire</title>
  <entry><title>A</title><id>urn:a</id><updated>2024-05-01T12:00:00Z</updated></entry>
  <entry><title>B</title><id>urn:b</id><updated>2024-05-02T09:15:00+03:00</updated></entry>
</feed>
"""

NEWS_SITEMAP = b"""<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
        xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
  <url><loc>http://example.test/world/2024/05/06/one</loc>
    <news:news><news:publication><news:name>Test</news:name><news:language>en</news:language></news:publication>
      <news:publication_date>2024-05-06T07:00:00+00:00</news:publication_date><news:title>One</news:title></news:news></url>
  <url><loc>http://example.test/world/2024/05/08/two</loc>
    <news:news><news:publication><news:name>Test</news:name><news:language>en</news:language></news:publication>
      <news:publication_date>2024-05-08T15:45:00+00:00</news:publication_date><news:title>Two</news:title></news:news></url>
  <url><loc>http://example.test/world/2024/05/07/three</loc>
    <news:news><news:publication><news:name>Test</news:name><news:language>en</news:language></news:publication>
      <news:publication_date>2024-05-07</news:publication_date><news:title>Three</news:title></news:news></url>
  <url><loc>http://example.test/world/2024/05/04/four</loc>
    <news:news><news:publication><news:name>Test</news:name><news:language>en</news:language></news:publication>
      <news:publication_date>2024-05-04T01:00:00Z</news:publication_date><news:title>Four</news:title></news:news></url>
</urlset>
"""

SITEMAP_INDEX = b"""<?xml version="1.0" encoding="UTF-8"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
  <sitemap><loc>http://example.test/s1.xml.gz</loc><lastmod>2024-04-30</lastmod></sitemap>
  <sitemap><loc>http://example.test/s2.xml.gz</loc><lastmod>2024-05-09T10:00:00+00:00</lastmod></sitemap>
</sitemapindex>
"""

URLSET = b"""<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
  <url><loc>http://example.test/x</loc><lastmod>2024-03-01</lastmod></url>
  <url><loc>http://example.test/y</loc><lastmod>2024-03-02</lastmod></url>
</urlset>
"""

MALFORMED_RSS = (
    b'<?xml version="1.0"?><rss version="2.0"><channel><title>Tom & Jerry \x0b wire</title>'
    b"<item><title>Q&A</title><pubDate>Wed, 01 May 2024 00:00:00 +0000</pubDate></item>"
    b"</channel></rss>"
)

LISTING = b"""<!doctype html><html><head><title>Wire home</title></head><body>
<nav><a href="/tag/politics">Politics</a> <a href="/video/1">Video</a></nav>
<a href="/news/2024/05/06/first-story">First</a>
<a href="/news/2024/05/06/first-story#comments">First again</a>
<a href="http://127.0.0.1:1/news/2024/05/06/offsite">Other host</a>
<a href="news/2024/05/07/second-story">Second</a>
<a href="/news/2024/05/07/gallery-photos/gallery">Gallery</a>
</body></html>
"""

ROUTES: dict[str, tuple[int, dict[str, str], bytes]] = {
    "/feed.xml": (200, {"Content-Type": "application/rss+xml; charset=utf-8"}, RSS),
    "/feed-gzip.xml": (200, {"Content-Type": "application/rss+xml", "Content-Encoding": "gzip"}, gzip.compress(RSS)),
    "/atom.xml": (200, {"Content-Type": "application/atom+xml"}, ATOM),
    "/news-sitemap.xml": (200, {"Content-Type": "application/xml"}, NEWS_SITEMAP),
    "/sitemap-index.xml": (200, {"Content-Type": "application/xml"}, SITEMAP_INDEX),
    "/sitemap.xml.gz": (200, {"Content-Type": "application/x-gzip"}, gzip.compress(URLSET)),
    "/malformed.xml": (200, {"Content-Type": "application/rss+xml"}, MALFORMED_RSS),
    "/garbage.xml": (200, {"Content-Type": "application/xml"}, b"\x00\x01 this is <not> xml &&& at all <<<"),
    "/page.html": (200, {"Content-Type": "text/html; charset=utf-8"}, b"<!DOCTYPE html><html><body><p>hello</body></html>"),
    "/listing.html": (200, {"Content-Type": "text/html; charset=utf-8"}, LISTING),
    "/empty.xml": (200, {"Content-Type": "application/xml"}, b'<?xml version="1.0"?><rss version="2.0"><channel><title>x</title></channel></rss>'),
    "/throttled.xml": (429, {"Retry-After": "120", "Content-Type": "text/plain"}, b"slow down"),
    "/redirect.xml": (301, {"Location": "/feed.xml"}, b""),
}


class _Handler(BaseHTTPRequestHandler):
    requests: list[tuple[str, dict[str, str]]] = []

    def do_GET(self) -> None:  # noqa: N802
        type(self).requests.append((self.path, dict(self.headers)))
        status, headers, body = ROUTES.get(self.path, (404, {"Content-Type": "text/plain"}, b"not found"))
        self.send_response(status)
        for k, v in headers.items():
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="session")
def http_base() -> str:
    """Base URL of a real HTTP server on 127.0.0.1 serving ROUTES."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture()
def served_requests() -> list[tuple[str, dict[str, str]]]:
    _Handler.requests.clear()
    return _Handler.requests

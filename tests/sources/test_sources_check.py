"""check_sources against a real HTTP server on 127.0.0.1 (no mocks)."""

from __future__ import annotations

import socket
from datetime import datetime, timezone

from wirewatch.sources import Discovery, Source
from wirewatch.sources.check import check_sources


def make_source(base: str, *entries: tuple, sid: str = "local") -> Source:
    disc = []
    for e in entries:
        kind, path = e[0], e[1]
        extra = e[2] if len(e) > 2 else {}
        disc.append(Discovery(kind=kind, url=base + path, origin="test server", **extra))
    return Source(
        id=sid, name="Local", country="DE", languages=["en"], homepage=base + "/",
        allowed_domains=["127.0.0.1"], ownership="private", discovery=disc,
        article_pattern=r"/news/\d{4}/", exclude_patterns=["/gallery", "/video/", "/tag/"],
    )


def utc(*args) -> datetime:
    return datetime(*args, tzinfo=timezone.utc)


def test_rss_and_news_sitemap_counts_and_newest(http_base, served_requests):
    src = make_source(http_base, ("rss", "/feed.xml"), ("news_sitemap", "/news-sitemap.xml"))
    rss, sitemap = check_sources([src], timeout=5)

    assert rss.ok and rss.error is None
    assert (rss.status, rss.detected, rss.items) == (200, "rss", 3)
    assert rss.newest == utc(2024, 5, 7, 8, 30)  # Tue 10:30 +0200 is the newest
    assert sitemap.ok
    assert (sitemap.status, sitemap.detected, sitemap.items) == (200, "urlset", 4)
    assert sitemap.newest == utc(2024, 5, 8, 15, 45)
    assert sitemap.note == "news sitemap"

    # a real User-Agent and gzip were offered
    headers = {path: h for path, h in served_requests}
    assert "wirewatch" in headers["/feed.xml"]["User-Agent"]
    assert "gzip" in headers["/feed.xml"]["Accept-Encoding"]


def test_other_formats(http_base):
    src = make_source(
        http_base,
        ("atom", "/atom.xml"),
        ("sitemap_index", "/sitemap-index.xml"),
        ("sitemap", "/sitemap.xml.gz"),
        ("feed", "/feed-gzip.xml"),
        ("rss", "/malformed.xml"),
        ("rss", "/redirect.xml"),
        ("rss", "/empty.xml"),
    )
    atom, index, gz, feed_gz, malformed, redirect, empty = check_sources([src], timeout=5)
    assert (atom.ok, atom.detected, atom.items, atom.newest) == (True, "atom", 2, utc(2024, 5, 2, 6, 15))
    assert (index.detected, index.items, index.newest) == ("sitemapindex", 2, utc(2024, 5, 9, 10))
    assert (gz.ok, gz.detected, gz.items, gz.newest) == (True, "urlset", 2, utc(2024, 3, 2))
    assert (feed_gz.ok, feed_gz.detected, feed_gz.items) == (True, "rss", 3)
    assert (malformed.ok, malformed.items, malformed.newest) == (True, 1, utc(2024, 5, 1))
    assert redirect.ok and redirect.items == 3 and redirect.final_url.endswith("/feed.xml")
    assert empty.ok and empty.items == 0 and empty.note == "no items"


def test_listing_page_counts_article_links(http_base):
    src = make_source(
        http_base,
        ("listing", "/listing.html"),
        ("listing", "/listing.html", {"link_pattern": r"/news/2024/05/07/"}),
    )
    by_pattern, by_link_pattern = check_sources([src], timeout=5)
    # /news/ links on 127.0.0.1 (fragment duplicate folded, gallery excluded, other port same host)
    assert by_pattern.ok and by_pattern.detected == "html"
    assert by_pattern.items == 3
    assert by_link_pattern.items == 1  # only the 05/07 story; the gallery is excluded


def test_clean_errors_never_raise(http_base):
    src = make_source(
        http_base,
        ("rss", "/missing.xml"),
        ("rss", "/garbage.xml"),
        ("rss", "/page.html"),
        ("rss", "/throttled.xml"),
        ("rss", "/news-sitemap.xml"),  # wrong family: a sitemap where a feed is expected
        ("atom", "/feed.xml"),  # same family: fine, with a note
    )
    missing, garbage, html, throttled, wrong, rss_as_atom = check_sources([src], timeout=5)

    assert not missing.ok and missing.status == 404
    assert missing.error == "HTTP 404 Not Found"
    assert not garbage.ok and garbage.error.startswith("not well-formed XML")
    assert not html.ok and html.error == "got an HTML page, not a feed or sitemap"
    assert not throttled.ok and throttled.status == 429
    assert throttled.error == "HTTP 429 Too Many Requests (Retry-After: 120)"
    assert not wrong.ok and wrong.error == "catalogue says rss, document is urlset"
    assert rss_as_atom.ok and rss_as_atom.note == "catalogue says atom, document is rss"
    assert wrong.detected == "urlset" and wrong.items == 4  # still informative
    for r in (missing, garbage, html, throttled, wrong):
        if r is not wrong:
            assert r.items is None and r.newest is None
        d = r.to_dict()
        assert d["ok"] is False and d["error"]


def test_network_failures_are_reported_cleanly():
    # a port with nothing listening on 127.0.0.1
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    refused = Source(
        id="refused", name="R", country="DE", languages=["en"], homepage=f"http://127.0.0.1:{port}/",
        allowed_domains=["127.0.0.1", "invalid"], ownership="private",
        discovery=[
            Discovery(kind="rss", url=f"http://127.0.0.1:{port}/feed.xml", origin="t"),
            Discovery(kind="rss", url="http://no-such-host.invalid/feed.xml", origin="t"),
        ],
    )
    closed, dns = check_sources([refused], timeout=3)
    assert not closed.ok and closed.error == "connection refused" and closed.status is None
    assert not dns.ok and dns.status is None
    assert dns.error.startswith(("DNS lookup failed", "timed out", "network unreachable")), dns.error


def test_many_sources_concurrently_in_order(http_base):
    sources = [make_source(http_base, ("rss", "/feed.xml"), ("rss", "/missing.xml"), sid=f"s{i}") for i in range(6)]
    results = check_sources(sources, timeout=5, max_workers=4)
    assert [(r.source_id, r.index) for r in results] == [(f"s{i}", j) for i in range(6) for j in (0, 1)]
    assert [r.ok for r in results] == [True, False] * 6
    assert check_sources([], timeout=1) == []

"""Real Scrapy against fixture sites on 127.0.0.1: every discovery style and the bad cases.

Each test writes a small site into tmp_path, a catalogue entry for it, crawls it with
`scrapy crawl wires` (child process) into a SQLite store, and asserts which URLs were requested
and how often, and what was stored.
"""

from __future__ import annotations

import gzip
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
import yaml

from wirewatch.crawl import LOCAL_SITE_SETTINGS, run_crawl
from wirewatch.samples import serve_site
from wirewatch.store import SearchRequest, open_store

WORDS = (
    "Delegations from the coastal states met again on Tuesday to discuss fishing quotas, port access and the "
    "inspection regime for cargo vessels crossing the strait. Officials said the talks had made progress on "
    "data sharing but that the question of patrol boats remained open. A spokeswoman for the regional council "
    "told reporters that a joint statement could follow within days if the technical teams agreed on the wording. "
    "Fishermen's associations, who have protested against the quotas for months, said they would wait for the text "
    "before deciding whether to end their blockade of two harbours. Analysts noted that the previous round had "
    "collapsed over the same issue and that expectations were therefore modest. "
)


def article_html(title: str, day: str, body_note: str = "", charset: str = "utf-8", text: str | None = None) -> str:
    paragraphs = "".join(f"<p>{sentence.strip()}.</p>" for sentence in (text or (body_note + " " + WORDS * 2)).split(". ") if sentence.strip())
    return f"""<!DOCTYPE html><html lang="en"><head><meta charset="{charset}"><title>{title} | Fixture Wire</title>
<meta property="og:title" content="{title}"><meta property="article:published_time" content="{day}T08:00:00Z"></head>
<body><nav><a href="/">Home</a> <a href="/world/">World</a></nav>
<div class="cookie-banner">We use cookies to improve your experience. <button>Accept</button></div>
<article><h1>{title}</h1><p class="byline">By Fixture Reporter</p>{paragraphs}</article>
<footer>© 2026 Fixture Wire</footer></body></html>"""


def rss(items: list[tuple[str, str, str]]) -> str:
    entries = "".join(
        f"<item><title>{t}</title><link>__BASE__{p}</link><guid>__BASE__{p}</guid><pubDate>{d}</pubDate></item>" for t, p, d in items
    )
    return f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Fixture</title><link>__BASE__/</link>{entries}</channel></rss>'


def rfc822(dt: datetime) -> str:
    return dt.strftime("%a, %d %b %Y %H:%M:%S +0000")


def write_site(root: Path, files: dict[str, str | bytes]) -> None:
    for path, content in files.items():
        target = root / path.lstrip("/")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))


def catalogue(tmp_path: Path, discovery: list[dict], **extra) -> Path:
    entry = {
        "id": "fixture", "name": "Fixture Wire", "country": "GB", "languages": ["en"],
        "homepage": "${WIREWATCH_SAMPLE_BASE}/", "allowed_domains": ["127.0.0.1"], "ownership": "private",
        "article_pattern": r"/news/[\w-]+\.html$", "exclude_patterns": ["/video/"],
        "discovery": [{"origin": "test fixture", "verified": True, **d} for d in discovery], **extra,
    }
    path = tmp_path / "catalogue.yaml"
    path.write_text(yaml.safe_dump({"sources": [entry]}), encoding="utf-8")
    return path


def crawl(site, cat: Path, home: Path, since: str | None = None, **settings: str):
    report = run_crawl(
        catalogue=[cat], sources=["fixture"], since=since, settings={**LOCAL_SITE_SETTINGS, **settings},
        env={"WIREWATCH_SAMPLE_BASE": site.base, "WIREWATCH_HOME": str(home), "WIREWATCH_STORE": f"sqlite:///{home / 'store.sqlite'}"},
        log_path=home / f"crawl-{time.time_ns()}.log",
    )
    assert report.returncode == 0, report.log_path.read_text()[-4000:]
    return report


def stored_titles(home: Path) -> set[str]:
    with open_store(f"sqlite:///{home / 'store.sqlite'}") as store:
        return {h.article.title for h in store.search(SearchRequest(size=200)).hits}


def paths(site) -> list[str]:
    return [p for p in site.requests]


NOW = datetime.now(timezone.utc)
TODAY = NOW.strftime("%Y-%m-%d")


def test_rss_atom_rdf_and_a_malformed_feed(tmp_path):
    site_dir = tmp_path / "site"
    atom = f"""<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>A</title>
<entry><title>Atom story</title><link href="__BASE__/news/atom-story.html"/><id>x</id><updated>{TODAY}T08:00:00Z</updated></entry></feed>"""
    rdf = """<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/">
<channel rdf:about="__BASE__/"><title>R</title><link>__BASE__/</link></channel>
<item rdf:about="__BASE__/news/rdf-story.html"><title>RDF story</title><link>__BASE__/news/rdf-story.html</link></item></rdf:RDF>"""
    # Unescaped ampersand and an unclosed item: feedparser recovers the entry.
    broken = rss([("Broken & feed story", "/news/broken-story.html", rfc822(NOW))]).replace("</item>", "")
    write_site(site_dir, {
        "/rss.xml": rss([("RSS story", "/news/rss-story.html", rfc822(NOW))]),
        "/atom.xml": atom, "/rdf.xml": rdf, "/broken.xml": broken,
        "/garbage.xml": b"\x00\x01\x02 not a feed at all \xff\xfe",
        **{f"/news/{n}-story.html": article_html(f"{n.upper()} story headline", TODAY) for n in ("rss", "atom", "rdf", "broken")},
    })
    cat = catalogue(tmp_path, [
        {"kind": "rss", "url": "${WIREWATCH_SAMPLE_BASE}/rss.xml"},
        {"kind": "atom", "url": "${WIREWATCH_SAMPLE_BASE}/atom.xml"},
        {"kind": "rdf", "url": "${WIREWATCH_SAMPLE_BASE}/rdf.xml"},
        {"kind": "feed", "url": "${WIREWATCH_SAMPLE_BASE}/broken.xml"},
        {"kind": "feed", "url": "${WIREWATCH_SAMPLE_BASE}/garbage.xml"},
    ])
    with serve_site(root=site_dir) as site:
        report = crawl(site, cat, tmp_path)
    assert stored_titles(tmp_path) == {"RSS story headline", "ATOM story headline", "RDF story headline", "BROKEN story headline"}
    assert report.count("indexed") == 4


def test_news_sitemap_since_filter_and_gzipped_sitemap_index(tmp_path):
    site_dir = tmp_path / "site"
    old = (NOW - timedelta(days=10)).strftime("%Y-%m-%dT%H:%M:%SZ")
    fresh = (NOW - timedelta(hours=3)).strftime("%Y-%m-%dT%H:%M:%SZ")
    news = f"""<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
 xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
<url><loc>__BASE__/news/fresh.html</loc><news:news><news:publication><news:name>F</news:name><news:language>en</news:language></news:publication>
<news:publication_date>{fresh}</news:publication_date><news:title>Fresh</news:title></news:news></url>
<url><loc>__BASE__/news/old.html</loc><news:news><news:publication><news:name>F</news:name><news:language>en</news:language></news:publication>
<news:publication_date>{old}</news:publication_date><news:title>Old</news:title></news:news></url></urlset>"""
    child = f"""<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<url><loc>__BASE__/news/from-gz.html</loc><lastmod>{fresh}</lastmod></url></urlset>"""
    index = f"""<?xml version="1.0" encoding="UTF-8"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<sitemap><loc>__BASE__/sitemaps/recent.xml.gz</loc><lastmod>{fresh}</lastmod></sitemap>
<sitemap><loc>__BASE__/sitemaps/archive-2019.xml</loc><lastmod>2019-01-01T00:00:00Z</lastmod></sitemap></sitemapindex>"""
    write_site(site_dir, {
        "/news-sitemap.xml": news, "/sitemap-index.xml": index,
        "/sitemaps/recent.xml.gz": gzip.compress(child.encode()),
        "/sitemaps/archive-2019.xml": child.replace("from-gz", "archived"),
        "/news/fresh.html": article_html("Fresh story from the news sitemap", TODAY),
        "/news/old.html": article_html("Old story", "2026-01-01"),
        "/news/from-gz.html": article_html("Story from a gzipped sitemap", TODAY),
        "/news/archived.html": article_html("Archived story", "2019-01-01"),
    })
    cat = catalogue(tmp_path, [
        {"kind": "news_sitemap", "url": "${WIREWATCH_SAMPLE_BASE}/news-sitemap.xml"},
        {"kind": "sitemap_index", "url": "${WIREWATCH_SAMPLE_BASE}/sitemap-index.xml"},
    ])
    with serve_site(root=site_dir) as site:
        crawl(site, cat, tmp_path, since="2d")
        requested = paths(site)
    assert stored_titles(tmp_path) == {"Fresh story from the news sitemap", "Story from a gzipped sitemap"}
    assert "/news/old.html" not in requested
    assert "/sitemaps/archive-2019.xml" not in requested  # the index's lastmod says it is too old


def test_listing_pages_follow_the_link_pattern_and_the_page_limit(tmp_path):
    site_dir = tmp_path / "site"
    def listing(n: int) -> str:
        nxt = f'<a rel="next" href="/world/page{n + 1}.html">Next</a>' if n < 3 else ""
        return f"""<html><body><nav><a href="/about.html">About</a><a href="/video/clip.html">Video</a></nav>
<ul><li><a href="/news/listed-{n}.html">Story {n}</a></li></ul>{nxt}</body></html>"""
    write_site(site_dir, {
        "/world/page1.html": listing(1), "/world/page2.html": listing(2), "/world/page3.html": listing(3),
        **{f"/news/listed-{n}.html": article_html(f"Listed story number {n}", TODAY) for n in (1, 2, 3)},
        "/about.html": "<html><body>About us</body></html>",
    })
    cat = catalogue(tmp_path, [{"kind": "listing", "url": "${WIREWATCH_SAMPLE_BASE}/world/page1.html", "link_pattern": "/news/", "max_pages": 2}])
    with serve_site(root=site_dir) as site:
        crawl(site, cat, tmp_path)
        requested = paths(site)
    assert stored_titles(tmp_path) == {"Listed story number 1", "Listed story number 2"}
    assert "/world/page3.html" not in requested
    assert "/about.html" not in requested and "/video/clip.html" not in requested


def test_duplicates_redirects_robots_and_encodings(tmp_path):
    site_dir = tmp_path / "site"
    russian = (
        "Делегации прибрежных государств вновь встретились во вторник, чтобы обсудить квоты на вылов рыбы. "
        "Чиновники заявили, что переговоры продвинулись в вопросе обмена данными, но судьба патрульных катеров остаётся открытой. "
        "Представитель регионального совета сообщила журналистам, что совместное заявление может появиться в ближайшие дни. "
        "Ассоциации рыбаков, которые несколько месяцев протестуют против квот, намерены дождаться текста документа. "
        "Только после этого они решат, снимать ли блокаду двух гаваней на северном побережье. "
        "Аналитики напомнили, что предыдущий раунд сорвался из-за того же вопроса, поэтому ожидания остаются скромными. "
        "Министр сельского хозяйства пообещал компенсации семьям, пострадавшим от сокращения улова. "
        "Экологи, напротив, считают, что квоты следует снизить ещё сильнее, чтобы восстановить популяцию трески. "
    )
    items = [
        ("Shared", "/news/shared.html", rfc822(NOW)),
        ("Shared again", "/news/shared.html?utm_source=rss&utm_medium=feed", rfc822(NOW)),
        ("Moved", "/news/moved.html", rfc822(NOW)),
        ("Private", "/private/news/secret.html", rfc822(NOW)),
        ("Cyrillic", "/news/cyrillic.html", rfc822(NOW)),
    ]
    write_site(site_dir, {
        "/robots.txt": "User-agent: *\nDisallow: /private/\n",
        "/one.xml": rss(items), "/two.xml": rss(items[:2]),
        "/news/shared.html": article_html("A story in two feeds", TODAY),
        "/news/final.html": article_html("The story behind a redirect", TODAY),
        "/private/news/secret.html": article_html("Secret", TODAY),
        "/news/cyrillic.html": article_html("Квоты на вылов рыбы", TODAY, charset="windows-1251", text=russian).encode("cp1251"),
    })

    def redirect(handler) -> bool:
        if handler.path.startswith("/news/moved.html"):
            handler.send_response(301)
            handler.send_header("Location", "/news/final.html")
            handler.send_header("Content-Length", "0")
            handler.end_headers()
            return True
        return False

    cat = catalogue(tmp_path, [
        {"kind": "rss", "url": "${WIREWATCH_SAMPLE_BASE}/one.xml"},
        {"kind": "rss", "url": "${WIREWATCH_SAMPLE_BASE}/two.xml"},
    ], article_pattern=r"/news/[\w-]+\.html")
    with serve_site(root=site_dir, hook=redirect) as site:
        crawl(site, cat, tmp_path)
        requested = paths(site)
    assert requested.count("/news/shared.html") == 1
    assert not any("utm_source" in p for p in requested)
    assert not any(p.startswith("/private/") for p in requested)
    assert "/news/final.html" in requested
    titles = stored_titles(tmp_path)
    assert {"A story in two feeds", "The story behind a redirect", "Квоты на вылов рыбы"} <= titles
    with open_store(f"sqlite:///{tmp_path / 'store.sqlite'}") as store:
        hit = store.search(SearchRequest(query="квоты")).hits[0]
        assert "Делегации прибрежных государств" in hit.article.text
        assert hit.article.language == "ru"


def test_retry_after_errors_and_missing_pages(tmp_path):
    site_dir = tmp_path / "site"
    write_site(site_dir, {
        "/rss.xml": rss([(n, f"/news/{n}.html", rfc822(NOW)) for n in ("busy", "broken", "missing", "fine")]),
        "/news/busy.html": article_html("Busy server story", TODAY),
        "/news/fine.html": article_html("Fine story", TODAY),
    })
    seen: dict[str, list[float]] = {}

    def errors(handler) -> bool:
        path = handler.path
        seen.setdefault(path, []).append(time.monotonic())
        status = None
        if path == "/news/busy.html" and len(seen[path]) == 1:
            status, extra = 429, {"Retry-After": "2"}
        elif path == "/news/broken.html":
            status, extra = 500, {}
        if status is None:
            return False
        handler.send_response(status)
        for k, v in extra.items():
            handler.send_header(k, v)
        handler.send_header("Content-Length", "0")
        handler.end_headers()
        return True

    cat = catalogue(tmp_path, [{"kind": "rss", "url": "${WIREWATCH_SAMPLE_BASE}/rss.xml"}])
    with serve_site(root=site_dir, hook=errors) as site:
        report = crawl(site, cat, tmp_path, RETRY_TIMES="2", WIREWATCH_RETRY_BACKOFF="0.1")
        requested = paths(site)
    busy = seen["/news/busy.html"]
    assert len(busy) == 2 and busy[1] - busy[0] >= 1.9  # waited as Retry-After asked
    assert requested.count("/news/broken.html") == 3  # first try + RETRY_TIMES
    assert requested.count("/news/missing.html") == 1  # 404 is not retried
    assert stored_titles(tmp_path) == {"Busy server story", "Fine story"}
    assert report.count("failed") == 2


def test_second_run_fetches_only_new_and_updated_articles(tmp_path):
    site_dir = tmp_path / "site"
    feed = [("One", "/news/one.html", rfc822(NOW - timedelta(hours=5))), ("Two", "/news/two.html", rfc822(NOW - timedelta(hours=4)))]
    write_site(site_dir, {
        "/rss.xml": rss(feed),
        "/news/one.html": article_html("Story one", TODAY),
        "/news/two.html": article_html("Story two", TODAY),
    })
    cat = catalogue(tmp_path, [{"kind": "rss", "url": "${WIREWATCH_SAMPLE_BASE}/rss.xml"}])
    with serve_site(root=site_dir) as site:
        crawl(site, cat, tmp_path)
        first = len(site.requests)
        crawl(site, cat, tmp_path)
        second_run = site.requests[first:]
        assert [p for p in second_run if p.startswith("/news/")] == []  # feed unchanged (ETag): nothing fetched

        # Next day: one new article; article two is updated (newer <pubDate> and new text).
        feed = [*feed[:1], ("Two", "/news/two.html", rfc822(NOW)), ("Three", "/news/three.html", rfc822(NOW))]
        write_site(site_dir, {
            "/rss.xml": rss(feed),
            "/news/two.html": article_html("Story two", TODAY, body_note="Update: the talks ended without agreement."),
            "/news/three.html": article_html("Story three", TODAY),
        })
        mark = len(site.requests)
        crawl(site, cat, tmp_path)
        third_run = site.requests[mark:]
    assert sorted(p for p in third_run if p.startswith("/news/")) == ["/news/three.html", "/news/two.html"]
    with open_store(f"sqlite:///{tmp_path / 'store.sqlite'}") as store:
        versions = {h.article.title: h.article.version for h in store.search(SearchRequest(size=10)).hits}
        assert versions == {"Story one": 1, "Story two": 2, "Story three": 1}
        assert store.search(SearchRequest(query='"without agreement"')).total == 1


def test_rel_canonical_and_content_type_filter(tmp_path):
    site_dir = tmp_path / "site"
    original = article_html("One story under two addresses", TODAY).replace(
        "<head>", '<head><link rel="canonical" href="__BASE__/news/original.html">'
    )
    write_site(site_dir, {
        "/rss.xml": rss([
            ("Print", "/news/print-version.html", rfc822(NOW)),
            ("Original", "/news/original.html", rfc822(NOW)),
            ("AMP", "/news/original.html/amp", rfc822(NOW)),
            ("Report", "/news/report.html", rfc822(NOW)),
        ]),
        "/news/print-version.html": original, "/news/original.html": original,
        "/news/report.html": b"%PDF-1.4 not a web page",
    })

    def pdf(handler) -> bool:
        if handler.path == "/news/report.html":
            data = b"%PDF-1.4 " + b"0" * 200_000
            handler.send_response(200)
            handler.send_header("Content-Type", "application/pdf")
            handler.send_header("Content-Length", str(len(data)))
            handler.end_headers()
            handler.wfile.write(data)
            return True
        return False

    cat = catalogue(tmp_path, [{"kind": "rss", "url": "${WIREWATCH_SAMPLE_BASE}/rss.xml"}], article_pattern=r"/news/[\w-]+\.html")
    with serve_site(root=site_dir, hook=pdf) as site:
        report = crawl(site, cat, tmp_path)
        requested = paths(site)
    assert "/news/original.html/amp" not in requested and requested.count("/news/original.html") == 1
    with open_store(f"sqlite:///{tmp_path / 'store.sqlite'}") as store:
        hits = store.search(SearchRequest(size=10)).hits
    assert [h.article.title for h in hits] == ["One story under two addresses"]
    assert hits[0].article.canonical_url.endswith("/news/original.html")
    assert report.count("indexed") == 2  # both addresses wrote the same document
    assert report.count("failed") == 0


def test_catalogue_politeness_becomes_download_slots(tmp_path, monkeypatch):
    from scrapy.settings import Settings

    from crawler.spiders.wires import WireSpider

    cat = catalogue(tmp_path, [{"kind": "rss", "url": "https://slow.example/rss.xml"}], allowed_domains=["slow.example"],
                    homepage="https://slow.example/", politeness={"download_delay": 5, "concurrency": 1})
    monkeypatch.setenv("WIREWATCH_SOURCES", str(cat))
    settings = Settings()
    WireSpider.update_settings(settings)
    assert settings.getdict("DOWNLOAD_SLOTS")["slow.example"] == {"delay": 5, "concurrency": 1}


def test_a_failed_article_is_retried_next_run_and_a_redirect_is_not_refetched(tmp_path):
    site_dir = tmp_path / "site"
    fresh = (NOW - timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M:%SZ")
    child = f"""<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<url><loc>__BASE__/news/late.html</loc><lastmod>{fresh}</lastmod></url>
<url><loc>__BASE__/news/moved.html</loc><lastmod>{fresh}</lastmod></url></urlset>"""
    index = f"""<?xml version="1.0" encoding="UTF-8"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<sitemap><loc>__BASE__/child.xml</loc><lastmod>{fresh}</lastmod></sitemap></sitemapindex>"""
    write_site(site_dir, {"/index.xml": index, "/child.xml": child, "/news/final.html": article_html("Behind a redirect", TODAY)})

    def redirect(handler) -> bool:
        if handler.path == "/news/moved.html":
            handler.send_response(301)
            handler.send_header("Location", "/news/final.html")
            handler.send_header("Content-Length", "0")
            handler.end_headers()
            return True
        return False

    cat = catalogue(tmp_path, [{"kind": "sitemap_index", "url": "${WIREWATCH_SAMPLE_BASE}/index.xml"}])
    with serve_site(root=site_dir, hook=redirect) as site:
        crawl(site, cat, tmp_path)  # late.html is 404 in this run
        assert stored_titles(tmp_path) == {"Behind a redirect"}
        write_site(site_dir, {"/news/late.html": article_html("Published late", TODAY)})
        mark = len(site.requests)
        crawl(site, cat, tmp_path)
        second = site.requests[mark:]
    assert "/news/late.html" in second  # the sitemap that listed it was read again
    assert "/news/moved.html" not in second  # known by its feed URL, though stored under final.html
    assert stored_titles(tmp_path) == {"Behind a redirect", "Published late"}


def test_a_sitemap_index_that_lists_itself_does_not_loop(tmp_path):
    site_dir = tmp_path / "site"
    index = """<?xml version="1.0" encoding="UTF-8"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<sitemap><loc>__BASE__/index.xml</loc></sitemap><sitemap><loc>__BASE__/child.xml</loc></sitemap>
<sitemap><loc>__BASE__/child.xml</loc></sitemap></sitemapindex>"""
    child = """<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<url><loc>__BASE__/news/only.html</loc></url></urlset>"""
    write_site(site_dir, {"/index.xml": index, "/child.xml": child, "/news/only.html": article_html("The only story", TODAY)})
    cat = catalogue(tmp_path, [{"kind": "sitemap_index", "url": "${WIREWATCH_SAMPLE_BASE}/index.xml"}])
    with serve_site(root=site_dir) as site:
        crawl(site, cat, tmp_path)
        requested = paths(site)
    assert requested.count("/index.xml") == 1 and requested.count("/child.xml") == 1
    assert stored_titles(tmp_path) == {"The only story"}

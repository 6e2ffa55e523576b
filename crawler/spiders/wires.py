"""`wires`: one catalogue-driven spider for every wire service.

    scrapy crawl wires -a sources=xinhua,tass -a since=2d -a catalogue=my-sources.yaml

Discovery entries of each selected source (RSS/Atom/RDF feeds, news sitemaps, sitemap
indexes, listing pages) yield article URLs; those are canonicalised, filtered by the source's
article/exclude patterns and the `since` window, and fetched once. Pages become `ArticleItem`s
for the pipelines. Per-source knowledge is data in the catalogue; nothing here names a source.
"""

from __future__ import annotations

import hashlib
import re
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Iterator

import feedparser
import scrapy
from scrapy.exceptions import IgnoreRequest, StopDownload
from scrapy.http import Response
from scrapy.linkextractors import LinkExtractor
from scrapy.utils.gz import gunzip

from crawler.items import ArticleItem
from crawler.state import open_crawl_state
from wirewatch.discovery import DiscoveryError, parse_sitemap
from wirewatch.extract.dates import to_utc_iso
from wirewatch.sources.catalogue import load_catalogue
from wirewatch.store.base import StoreError, parse_since
from wirewatch.urls import canonical_link, canonical_url

FEED_KINDS = {"rss", "atom", "rdf", "feed"}
ARTICLE_TYPES = (b"text/html", b"application/xhtml", b"text/plain")  # text/plain: misconfigured servers
SITEMAP_KINDS = {"sitemap", "news_sitemap", "sitemap_index"}


class WireSpider(scrapy.Spider):
    name = "wires"

    def __init__(
        self, sources: str | None = None, since: str | None = None, catalogue: str | None = None, full: str | None = None, **kwargs: Any
    ):
        super().__init__(**kwargs)
        self.full = str(full or "").lower() in ("1", "true", "yes")  # -a full=1: ignore what earlier runs saw
        paths = [Path(p) for p in (catalogue or "").split(",") if p.strip()]
        self.catalogue = load_catalogue(paths)
        for error in self.catalogue.errors:
            self.logger.error("catalogue: %s", error)
        wanted = [s.strip() for s in (sources or "").split(",") if s.strip()] or None
        unknown = [s for s in wanted or [] if s not in {src.id for src in self.catalogue.sources}]
        if unknown:
            raise ValueError(f"unknown source(s): {', '.join(unknown)}; see `wirewatch sources list`")
        # Named sources run even if disabled in the catalogue; otherwise only enabled ones.
        self.sources = {s.id: s for s in self.catalogue.select(wanted, enabled_only=wanted is None)}
        try:
            self.since = to_utc_iso(parse_since(since)) if since else None
        except StoreError as exc:
            raise ValueError(str(exc)) from None
        self.allowed_domains = sorted({d for s in self.sources.values() for d in s.allowed_domains})
        self._queued: set[str] = set()
        # Feed/sitemap validators are kept here and saved only when the crawl finished and every
        # article the document listed was fetched: otherwise the next run must read it again.
        self._validators: dict[str, tuple[str | None, str | None, str]] = {}
        self._failed_discoveries: set[str] = set()
        self._followed: set[str] = set()

    @classmethod
    def from_crawler(cls, crawler, *args: Any, **kwargs: Any):
        spider = super().from_crawler(crawler, *args, **kwargs)
        spider.state = open_crawl_state(crawler.settings)
        spider.incremental = crawler.settings.getbool("WIREWATCH_INCREMENTAL", True) and not spider.full
        crawler.signals.connect(spider._closed, signal=scrapy.signals.spider_closed)
        crawler.signals.connect(spider._headers_received, signal=scrapy.signals.headers_received)
        return spider

    @classmethod
    def update_settings(cls, settings) -> None:
        """Per-source politeness (catalogue `politeness:`) becomes Scrapy download slots."""
        super().update_settings(settings)
        slots = dict(settings.getdict("DOWNLOAD_SLOTS"))
        for source in load_catalogue().sources:
            overrides = {}
            if source.politeness.download_delay is not None:
                overrides["delay"] = source.politeness.download_delay
            if source.politeness.concurrency is not None:
                overrides["concurrency"] = source.politeness.concurrency
            for domain in source.allowed_domains if overrides else ():
                slots.setdefault(domain, overrides)
        if slots:
            settings.set("DOWNLOAD_SLOTS", slots, priority="spider")

    def _headers_received(self, headers, body_length, request, spider) -> None:
        """Refuse non-HTML article responses before their body is downloaded (PDFs, video, images)."""
        if request.callback != self.parse_article:
            return
        ctype = (headers.get(b"Content-Type") or b"").lower()
        if ctype and not ctype.startswith(ARTICLE_TYPES):
            self.crawler.stats.inc_value("wirewatch/dropped/content_type")
            raise StopDownload(fail=True)

    def _closed(self, spider: scrapy.Spider, reason: str) -> None:
        if reason == "finished":
            for url, (etag, last_modified, body_hash) in self._validators.items():
                if url not in self._failed_discoveries:
                    self.state.remember_validators(url, etag, last_modified, body_hash)
        self.state.close()

    async def start(self):  # Scrapy >= 2.13
        for request in self.start_requests():
            yield request

    def start_requests(self) -> Iterator[scrapy.Request]:
        for source in self.sources.values():
            for entry in source.discovery:
                callback = self.parse_feed if entry.kind in FEED_KINDS else self.parse_sitemap if entry.kind in SITEMAP_KINDS else self.parse_listing
                meta = {"source": source.id, "pages_left": entry.max_pages, "link_pattern": entry.link_pattern}
                yield self._discovery_request(entry.url, callback, meta, priority=10)

    def _discovery_request(
        self, url: str, callback: Any, meta: dict[str, Any], priority: int, parent: Response | None = None
    ) -> scrapy.Request:
        """A feed/sitemap/listing request, conditional when an earlier run saw the document.

        `doc_url` (the URL as requested, before any redirect) keys the validators; `doc_chain`
        is the path from the catalogue entry (sitemap index -> child sitemap), so a failed
        article marks every document above it to be read again next run.
        """
        chain = (*parent.meta["doc_chain"], url) if parent is not None else (url,)
        return scrapy.Request(
            url,
            callback=callback,
            errback=self.discovery_failed,
            headers=self._conditional_headers(url),
            meta={**meta, "doc_url": url, "doc_chain": chain, "handle_httpstatus_list": [304]},
            dont_filter=True,
            priority=priority,
        )

    def _follow(self, parent: Response, url: str, callback: Any, meta: dict[str, Any]) -> Iterator[scrapy.Request]:
        """A child sitemap or next listing page, once per crawl: a sitemap index that lists
        itself, or pages that link to each other, must not loop."""
        if url in parent.meta["doc_chain"] or url in self._followed:
            self.crawler.stats.inc_value("wirewatch/discovery/loop")
            return
        self._followed.add(url)
        yield self._discovery_request(url, callback, meta, priority=5, parent=parent)

    def _conditional_headers(self, url: str) -> dict[str, str]:
        known = self.state.validators(url) if self.incremental else None
        headers = {}
        if known and known.etag:
            headers["If-None-Match"] = known.etag
        if known and known.last_modified:
            headers["If-Modified-Since"] = known.last_modified
        return headers

    def _unchanged(self, response: Response) -> bool:
        """True when a feed/sitemap is answered 304 or has the same body as last run."""
        if response.status == 304:
            self.crawler.stats.inc_value("wirewatch/discovery/not_modified")
            return True
        doc_url = response.meta["doc_url"]
        body_hash = hashlib.sha256(response.body).hexdigest()
        known = self.state.validators(doc_url) if self.incremental else None
        header = lambda name: (response.headers.get(name) or b"").decode("latin-1") or None  # noqa: E731
        self._validators[doc_url] = (header("ETag"), header("Last-Modified"), body_hash)
        if known and known.body_hash == body_hash:
            self.crawler.stats.inc_value("wirewatch/discovery/unchanged")
            return True
        return False

    # -- discovery ---------------------------------------------------------------------------
    def discovery_failed(self, failure: Any) -> None:
        request = failure.request
        self._failed_discoveries.update(request.meta["doc_chain"])
        self.crawler.stats.inc_value("wirewatch/discovery/failed")
        self.logger.error("discovery failed for %s (%s): %s", request.url, request.meta.get("source"), failure.getErrorMessage())

    def parse_feed(self, response: Response) -> Iterator[scrapy.Request]:
        if self._unchanged(response):
            return
        parsed = feedparser.parse(response.body)
        if parsed.bozo and not parsed.entries:
            self.crawler.stats.inc_value("wirewatch/discovery/malformed")
            self.logger.error("malformed feed %s: %s", response.url, parsed.get("bozo_exception"))
            return
        if parsed.bozo:
            self.crawler.stats.inc_value("wirewatch/discovery/recovered")
            self.logger.warning("feed %s is not well-formed (%s); read %d entries anyway", response.url, parsed.get("bozo_exception"), len(parsed.entries))
        self.crawler.stats.inc_value("wirewatch/discovery/feeds")
        for entry in parsed.entries:
            link = entry.get("link")
            if not link:
                continue
            published = _struct_to_iso(entry.get("published_parsed") or entry.get("updated_parsed"))
            updated = _struct_to_iso(entry.get("updated_parsed")) or published
            yield from self._article_request(response, response.urljoin(link), published, entry.get("title"), updated)

    def parse_sitemap(self, response: Response) -> Iterator[scrapy.Request]:
        if self._unchanged(response):
            return
        body = response.body
        if body[:2] == b"\x1f\x8b":
            try:
                body = gunzip(body, max_size=self.settings.getint("DOWNLOAD_MAXSIZE"))
            except Exception as exc:  # truncated or oversized gzip
                self.crawler.stats.inc_value("wirewatch/discovery/malformed")
                self.logger.error("cannot gunzip sitemap %s: %s", response.url, exc)
                return
        try:
            sitemap = parse_sitemap(body)
        except DiscoveryError as exc:
            self.crawler.stats.inc_value("wirewatch/discovery/malformed")
            self.logger.error("malformed sitemap %s: %s", response.url, exc)
            return
        self.crawler.stats.inc_value("wirewatch/discovery/sitemaps")
        for entry in sitemap.entries:
            if sitemap.kind == "sitemapindex":
                if self._too_old(entry.lastmod):
                    continue
                yield from self._follow(response, response.urljoin(entry.loc), self.parse_sitemap, {"source": response.meta["source"]})
            else:
                published = to_utc_iso(entry.published) or to_utc_iso(entry.lastmod)
                updated = to_utc_iso(entry.lastmod) or published
                yield from self._article_request(response, entry.loc, published, entry.title, updated)

    def parse_listing(self, response: Response) -> Iterator[scrapy.Request]:
        pattern = response.meta.get("link_pattern")
        extractor = LinkExtractor(allow=[pattern] if pattern else ())
        self.crawler.stats.inc_value("wirewatch/discovery/listings")
        for link in extractor.extract_links(response):
            yield from self._article_request(response, link.url, None, link.text)
        pages_left = int(response.meta.get("pages_left") or 1) - 1
        next_page = response.css('link[rel="next"]::attr(href), a[rel="next"]::attr(href)').get()
        if next_page and pages_left > 0:
            meta = {"source": response.meta["source"], "link_pattern": pattern, "pages_left": pages_left}
            yield from self._follow(response, response.urljoin(next_page), self.parse_listing, meta)

    def _too_old(self, stamp: str | None) -> bool:
        """`stamp` older than `since`; a missing or unreadable date is never too old."""
        when = to_utc_iso(stamp) if stamp else None
        return bool(self.since and when and when < self.since)

    def _article_request(
        self, response: Response, url: str, published: str | None, title: str | None, updated: str | None = None
    ) -> Iterator[scrapy.Request]:
        source = self.sources[response.meta["source"]]
        canonical = canonical_url(url)
        if not source.is_article_url(canonical):
            self.crawler.stats.inc_value("wirewatch/links/not_article")
            return
        if self._too_old(published):
            self.crawler.stats.inc_value("wirewatch/links/too_old")
            return
        if canonical in self._queued:
            self.crawler.stats.inc_value("wirewatch/links/duplicate")
            return
        self._queued.add(canonical)
        if self.incremental and self._already_stored(canonical, updated):
            self.crawler.stats.inc_value("wirewatch/links/seen")
            return
        self.crawler.stats.inc_value("wirewatch/links/queued")
        yield scrapy.Request(
            canonical,
            callback=self.parse_article,
            errback=self.article_failed,
            meta={
                "source": source.id, "discovery": response.meta["doc_url"], "doc_chain": response.meta["doc_chain"],
                "queued_url": canonical,
                "feed_published": published, "feed_updated": updated, "feed_title": title,
            },
        )

    def _already_stored(self, url: str, updated: str | None) -> bool:
        """Stored before, and the feed does not say it changed since (newer updated/lastmod)."""
        seen = self.state.seen(url)
        if seen is None:
            return False
        if updated and seen.modified_at and updated > seen.modified_at:
            self.crawler.stats.inc_value("wirewatch/links/updated")
            return False
        return True

    # -- articles ----------------------------------------------------------------------------
    def article_failed(self, failure: Any) -> None:
        request = failure.request
        if failure.check(StopDownload):
            self.logger.info("not an article (content type): %s", request.url)
            return
        if failure.check(IgnoreRequest) and "robots.txt" in failure.getErrorMessage():
            self.crawler.stats.inc_value("wirewatch/links/robots_disallowed")
            self.logger.info("not fetched, disallowed by robots.txt: %s", request.url)
            return
        self._failed_discoveries.update(request.meta["doc_chain"])
        self.crawler.stats.inc_value("wirewatch/articles/failed")
        self.logger.error("article fetch failed %s: %s", request.url, failure.getErrorMessage())

    def parse_article(self, response: Response) -> Iterator[ArticleItem]:
        source = self.sources[response.meta["source"]]
        self.crawler.stats.inc_value("wirewatch/articles/fetched")
        header_type = response.headers.get("Content-Type", b"").decode("latin-1")
        charset = re.search(r"charset=([\w.-]+)", header_type, re.I)
        canonical = canonical_link(response.body, response.url)
        if canonical and not source.allows_url(canonical):
            canonical = None  # a canonical pointing off the source's domains is not followed
        yield ArticleItem(
            url=response.url,
            canonical_url=canonical_url(canonical) if canonical else None,
            requested_url=response.meta["queued_url"],  # before redirects: what the feed will list again
            body=response.body,
            content_type=header_type or None,
            encoding=charset.group(1) if charset else None,
            source=source.id,
            source_name=source.name,
            discovered_via=response.meta.get("discovery"),
            feed_title=response.meta.get("feed_title"),
            feed_published=response.meta.get("feed_published"),
            feed_updated=response.meta.get("feed_updated"),
        )


def _struct_to_iso(value: Any) -> str | None:
    """feedparser's parsed time (a UTC struct_time) -> ISO-8601, None when absent or implausible."""
    if not value:
        return None
    try:
        return to_utc_iso(datetime(*value[:6], tzinfo=timezone.utc))
    except (TypeError, ValueError):
        return None

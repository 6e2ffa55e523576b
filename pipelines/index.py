"""IndexPipeline: batches articles into the store; spools them to disk when the store is down.

At open it replays what an earlier run spooled. A batch the store cannot take (engine
unreachable, connection lost mid-crawl) is written to the spool and the crawl goes on; the
next run, or `wirewatch index replay`, writes it. Nothing fetched is lost.

With the crawl state it also keeps re-crawls cheap and honest: an article whose content hash
did not change is not written again, a changed one is written as the next `version`.
"""

from __future__ import annotations

import logging

from crawler.items import ArticleItem
from crawler.state import open_crawl_state
from wirewatch.config import load_settings
from wirewatch.schema import Article
from wirewatch.store import Store, StoreError, StoreUnavailable, open_store
from wirewatch.store.spool import Spool

logger = logging.getLogger(__name__)


class IndexPipeline:
    def __init__(self, crawler, store_url: str, spool: Spool, batch_size: int):
        self.stats = crawler.stats
        self.state = open_crawl_state(crawler.settings)
        self.store_url = store_url
        self.spool = spool
        self.batch_size = batch_size
        self.buffer: list[tuple[Article, ArticleItem]] = []
        self.store: Store | None = None

    @classmethod
    def from_crawler(cls, crawler):
        config = load_settings()
        store_url = crawler.settings.get("WIREWATCH_STORE") or config.store_url
        spool_dir = crawler.settings.get("WIREWATCH_SPOOL_DIR") or config.spool_dir
        return cls(crawler, store_url, Spool(spool_dir), crawler.settings.getint("WIREWATCH_INDEX_BATCH", 50))

    def open_spider(self) -> None:
        self._connect()
        if self.store is not None and self.spool.pending_files():
            try:
                report = self.spool.replay(self.store)
                self.stats.set_value("wirewatch/store/replayed", report.replayed)
                logger.info("replayed %d spooled articles from %d files", report.replayed, report.files)
            except StoreError as exc:  # the crawl goes on; the spool stays for the next try
                logger.error("could not replay the spool: %s", exc)

    def _connect(self) -> None:
        try:
            store = open_store(self.store_url)
            store.ensure_schema()
            self.store = store
        except StoreUnavailable as exc:
            self.store = None
            logger.error("store unavailable, articles will be spooled to %s: %s", self.spool.directory, exc)
        # Any other StoreError (bad URL, unsupported engine) is a configuration error: stop now.

    def process_item(self, item: ArticleItem) -> ArticleItem:
        article: Article = item["article"]
        seen = self.state.seen(article.canonical_url)
        if seen is not None and seen.content_hash == article.content_hash:
            self.stats.inc_value("wirewatch/store/unchanged")
            article.version = seen.version
            # Remember the feed's newer date, or the next run would fetch the page again.
            self.state.remember_articles(_state_rows(article, item))
            return item
        if seen is not None:
            article.version = seen.version + 1
            self.stats.inc_value("wirewatch/store/new_versions")
        self.buffer.append((article, item))
        if len(self.buffer) >= self.batch_size:
            self.flush()
        return item

    def flush(self) -> None:
        batch, self.buffer = self.buffer, []
        if not batch:
            return
        stored = self._write([article for article, _ in batch])
        # Only what is safe in the store or the spool is "seen" for later runs; an article the
        # store refused is spooled too, and fetched again next run.
        self.state.remember_articles([row for article, item in batch if article.id in stored for row in _state_rows(article, item)])

    def _write(self, articles: list[Article]) -> set[str]:
        """Store the batch, or spool what the store cannot take; returns the ids stored or spooled
        while the store was unreachable (refused articles are spooled but not returned)."""
        if self.store is None:
            self._connect()
        if self.store is not None:
            try:
                result = self.store.upsert_many(articles)
                self.stats.inc_value("wirewatch/store/indexed", result.written)
                refused = {article_id: reason for article_id, reason in result.failed}
                if refused:
                    rejected = [a for a in articles if a.id in refused]
                    for article in rejected:
                        logger.error("store refused %s (%s); spooled for replay", article.url, refused[article.id])
                    self.stats.inc_value("wirewatch/store/refused", len(rejected))
                    self.spool.write(rejected)
                return {a.id for a in articles} - set(refused)
            except StoreUnavailable as exc:
                logger.error("store became unavailable: %s", exc)
                self.store = None
            except StoreError as exc:
                logger.error("store error, spooling %d articles: %s", len(articles), exc)
        written = self.spool.write(articles)
        self.stats.inc_value("wirewatch/store/spooled", written)
        logger.warning("spooled %d articles to %s", written, self.spool.directory)
        return {a.id for a in articles}

    def close_spider(self) -> None:
        self.flush()
        self.state.close()
        if self.store is not None:
            try:
                self.store.refresh()
            except StoreError as exc:
                logger.error("final refresh failed: %s", exc)
            self.store.close()


def _state_rows(article: Article, item: ArticleItem) -> list[dict]:
    """One row per URL the article is known by (the feed's link and the page's canonical), so
    the next run recognises it through either."""
    stamps = [s for s in (article.modified_at, article.published_at, item.get("feed_updated")) if s]
    urls = dict.fromkeys([article.canonical_url, item.get("requested_url")])
    return [{
        "url": url,
        "article_id": article.id,
        "source": article.source,
        "content_hash": article.content_hash,
        "version": article.version,
        "published_at": article.published_at,
        "modified_at": max(stamps) if stamps else None,
    } for url in urls if url]

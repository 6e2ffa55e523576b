"""CleanPipeline: raw page -> `Article` via `wirewatch.extract.clean_document`.

Extraction is CPU-bound, so it runs in a worker pool off the reactor thread; the crawl keeps
downloading while pages are cleaned. A process pool by default: on 2 cores it cleans 1.8x the
articles/s of a thread pool, which the GIL holds back (benchmarks/extract/pool_bench.py). A page that is not an article is dropped with its reason
counted in the stats (`wirewatch/dropped/<reason>`) and logged with its URL.
"""

from __future__ import annotations

import asyncio
import logging

from scrapy.exceptions import DropItem

from crawler.items import ArticleItem
from wirewatch.extract.pool import ExtractionPool
from wirewatch.schema import Article, article_id, content_hash, utc_now_iso
from wirewatch.urls import canonical_url, domain_of

logger = logging.getLogger(__name__)
# trafilatura warns for every page it discards; this pipeline already counts and logs those.
for noisy in ("trafilatura", "htmldate"):
    logging.getLogger(noisy).setLevel(logging.ERROR)


class CleanPipeline:
    def __init__(self, stats, pool_kind: str, workers: int):
        self.stats = stats
        self.pool = ExtractionPool(kind=pool_kind, workers=workers)

    @classmethod
    def from_crawler(cls, crawler):
        settings = crawler.settings
        return cls(crawler.stats, settings.get("WIREWATCH_CLEAN_POOL", "process"), settings.getint("WIREWATCH_CLEAN_WORKERS", 2))

    async def process_item(self, item: ArticleItem) -> ArticleItem:
        future = self.pool.submit(
            item["body"], item["url"], content_type=item.get("content_type"), headers_encoding=item.get("encoding"), source_rules=item["source"]
        )
        doc = await asyncio.wrap_future(future)
        if not doc.ok:
            self.stats.inc_value(f"wirewatch/dropped/{doc.reason}")
            item["body"] = None  # Scrapy logs the dropped item; keep the page out of the log
            raise DropItem(f"not indexed ({doc.reason}): {doc.detail or ''} <{item['url']}>")
        fields = doc.fields()
        canonical = item.get("canonical_url") or canonical_url(item["url"])
        article = Article.from_dict(fields)
        article.url = item["url"]
        article.canonical_url = canonical
        article.id = article_id(canonical)
        article.story_id = article.id  # its own story until story clustering groups it with others
        article.source = item["source"]
        article.source_name = item.get("source_name") or fields.get("site_name")
        article.domain = domain_of(canonical)
        article.title = article.title or item.get("feed_title")
        article.published_at = article.published_at or item.get("feed_published")
        article.crawled_at = utc_now_iso()
        article.word_count = len((article.text or "").split())
        article.content_hash = content_hash(article.title, article.text)
        item["article"] = article
        item["body"] = None  # the raw page is not needed downstream; free the memory early
        self.stats.inc_value("wirewatch/articles/cleaned")
        return item

    def close_spider(self) -> None:
        self.pool.shutdown(wait=True)

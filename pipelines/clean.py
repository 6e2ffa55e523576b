"""CleanPipeline: raw page -> `Article` via `wirewatch.extract.clean_document`.

Extraction is CPU-bound, so it runs in a worker pool off the reactor thread; the crawl keeps
downloading while pages are cleaned. A page that is not an article is dropped with its reason
counted in the stats (`wirewatch/dropped/<reason>`) and logged with its URL.
"""

from __future__ import annotations

import asyncio
import logging
from concurrent.futures import ThreadPoolExecutor

from scrapy.exceptions import DropItem

from crawler.items import ArticleItem
from wirewatch.extract import clean_document
from wirewatch.schema import Article, article_id, content_hash, utc_now_iso
from wirewatch.urls import canonical_url, domain_of

logger = logging.getLogger(__name__)


class CleanPipeline:
    def __init__(self, stats, workers: int):
        self.stats = stats
        self.pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="clean")

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler.stats, crawler.settings.getint("WIREWATCH_CLEAN_WORKERS", 2))

    async def process_item(self, item: ArticleItem) -> ArticleItem:
        loop = asyncio.get_running_loop()
        doc = await loop.run_in_executor(
            self.pool,
            lambda: clean_document(item["body"], item["url"], content_type=item.get("content_type"), headers_encoding=item.get("encoding")),
        )
        if not doc.ok:
            self.stats.inc_value(f"wirewatch/dropped/{doc.reason}")
            item["body"] = None  # Scrapy logs the dropped item; keep the page out of the log
            raise DropItem(f"not indexed ({doc.reason}): {doc.detail or ''} <{item['url']}>")
        fields = doc.fields()
        canonical = canonical_url(fields.get("canonical_url") or item["url"])
        article = Article.from_dict(fields)
        article.url = item["url"]
        article.canonical_url = canonical
        article.id = article_id(canonical)
        article.source = item["source"]
        article.source_name = item.get("source_name") or fields.get("site_name")
        article.domain = domain_of(canonical)
        article.language = fields.get("declared_language")  # a hint; LanguagePipeline decides
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

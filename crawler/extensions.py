"""ProgressLog: one compact line of crawl progress every few seconds and at the end.

`wirewatch demo` and `wirewatch crawl` read these lines to show progress; they are plain log
lines, so `scrapy crawl wires` shows them too.
"""

from __future__ import annotations

import logging

from scrapy import signals
from twisted.internet import task

logger = logging.getLogger("wirewatch.progress")

KEYS = {
    "queued": "wirewatch/links/queued",
    "fetched": "wirewatch/articles/fetched",
    "cleaned": "wirewatch/articles/cleaned",
    "indexed": "wirewatch/store/indexed",
    "spooled": "wirewatch/store/spooled",
}


class ProgressLog:
    def __init__(self, stats, interval: float):
        self.stats = stats
        self.interval = interval
        self.loop: task.LoopingCall | None = None

    @classmethod
    def from_crawler(cls, crawler):
        ext = cls(crawler.stats, crawler.settings.getfloat("WIREWATCH_PROGRESS_INTERVAL", 2.0))
        crawler.signals.connect(ext.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(ext.spider_closed, signal=signals.spider_closed)
        return ext

    def line(self) -> str:
        values = {name: self.stats.get_value(key, 0) for name, key in KEYS.items()}
        dropped = sum(v for k, v in self.stats.get_stats().items() if k.startswith("wirewatch/dropped/"))
        failed = self.stats.get_value("wirewatch/articles/failed", 0) + self.stats.get_value("wirewatch/discovery/failed", 0)
        return " ".join(f"{k}={v}" for k, v in values.items()) + f" dropped={dropped} failed={failed}"

    def spider_opened(self, spider) -> None:
        self.loop = task.LoopingCall(lambda: logger.info("progress %s", self.line()))
        self.loop.start(self.interval, now=False)

    def spider_closed(self, spider, reason) -> None:
        if self.loop and self.loop.running:
            self.loop.stop()
        logger.info("progress %s finished=%s", self.line(), reason)


class RunHistory:
    """Records each crawl (start, end, finish reason, wirewatch stats) in the crawl state."""

    def __init__(self, crawler):
        from crawler.state import open_crawl_state

        self.crawler = crawler
        self.state = open_crawl_state(crawler.settings)
        self.run_id: int | None = None

    @classmethod
    def from_crawler(cls, crawler):
        ext = cls(crawler)
        crawler.signals.connect(ext.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(ext.spider_closed, signal=signals.spider_closed)
        return ext

    def spider_opened(self, spider) -> None:
        self.run_id = self.state.start_run()

    def spider_closed(self, spider, reason) -> None:
        if self.run_id is None:
            return
        stats = {
            k: v for k, v in self.crawler.stats.get_stats().items()
            if k.startswith(("wirewatch/", "item_", "downloader/response_status_count", "log_count/ERROR", "elapsed"))
        }
        self.state.finish_run(self.run_id, str(reason), stats)
        self.state.close()

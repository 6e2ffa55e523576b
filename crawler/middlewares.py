"""Downloader middlewares of the wirewatch crawler.

RetryAfterMiddleware replaces Scrapy's RetryMiddleware (same settings) and adds what wire sites
expect of a polite client: a 429/503 with `Retry-After` waits that long before the retry (up to
`WIREWATCH_RETRY_AFTER_MAX` seconds; longer asks are not retried this run), and other retries
back off exponentially from `WIREWATCH_RETRY_BACKOFF` seconds.
"""

from __future__ import annotations

import asyncio
from email.utils import parsedate_to_datetime
from datetime import datetime, timezone

from scrapy.downloadermiddlewares.retry import RetryMiddleware
from scrapy.utils.response import response_status_message


def retry_after_seconds(value: bytes | str | None, now: datetime | None = None) -> float | None:
    """`Retry-After` is either delta-seconds or an HTTP date."""
    if not value:
        return None
    text = value.decode("latin-1") if isinstance(value, bytes) else value
    text = text.strip()
    if text.isdigit():
        return float(text)
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    return max(0.0, (when - (now or datetime.now(timezone.utc))).total_seconds())


class RetryAfterMiddleware(RetryMiddleware):
    def __init__(self, settings):
        super().__init__(settings)
        self.max_wait = settings.getfloat("WIREWATCH_RETRY_AFTER_MAX", 60.0)
        self.backoff = settings.getfloat("WIREWATCH_RETRY_BACKOFF", 0.5)

    async def process_response(self, request, response, spider=None):
        if request.meta.get("dont_retry", False) or response.status not in self.retry_http_codes:
            return response
        attempt = request.meta.get("retry_times", 0)
        wait = self.backoff * (2**attempt)
        if response.status in (429, 503):
            asked = retry_after_seconds(response.headers.get("Retry-After"))
            if asked is not None:
                if asked > self.max_wait:
                    self.crawler.stats.inc_value("wirewatch/retry_after/too_long")
                    return response
                wait = asked
                self.crawler.stats.inc_value("wirewatch/retry_after/honoured")
        if wait > 0:
            await asyncio.sleep(wait)
        return self._retry(request, response_status_message(response.status)) or response

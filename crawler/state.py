"""Where a crawl finds its state file (seen URLs, feed validators, run history)."""

from __future__ import annotations

from wirewatch.config import load_settings
from wirewatch.state import CrawlState


def open_crawl_state(settings) -> CrawlState:
    return CrawlState(settings.get("WIREWATCH_STATE") or load_settings().state_path)

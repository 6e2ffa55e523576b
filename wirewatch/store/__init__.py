"""Article stores chosen by URL: `sqlite:///path` (default) or `http(s)://host:9200[/prefix]`."""

from __future__ import annotations

from .base import SearchHit, SearchRequest, SearchResult, Store, StoreError, StoreUnavailable, UpsertResult


def open_store(url: str) -> Store:
    """Open (not yet ensure) the store at `url`; raises StoreError with one clear line."""
    scheme = url.split(":", 1)[0].lower() if ":" in url else ""
    if scheme == "sqlite":
        from .sqlite import SqliteStore

        return SqliteStore(url)
    if scheme in ("http", "https"):
        from .engine import EngineStore

        return EngineStore(url)
    raise StoreError(f"unknown store URL {url!r}; expected sqlite:///path/to/file.sqlite or http(s)://host:9200")


__all__ = [
    "SearchHit", "SearchRequest", "SearchResult", "Store", "StoreError", "StoreUnavailable", "UpsertResult", "open_store",
]

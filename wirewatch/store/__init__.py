"""Article stores chosen by URL: `sqlite:///path` (default) or `http(s)://host:9200[/prefix]`."""

from __future__ import annotations

from .base import SearchHit, SearchRequest, SearchResult, Store, StoreError, StoreUnavailable, UpsertResult


def open_store(url: str) -> Store:
    """Open the store at `url`; raises StoreError with one clear line. SQLite files get their
    tables at once; an engine's templates and aliases wait for `ensure_schema()`."""
    scheme = url.split(":", 1)[0].lower() if ":" in url else ""
    if scheme == "sqlite":
        from .sqlite import SqliteStore

        store = SqliteStore(url)
        store.ensure_schema()  # an embedded file is usable (empty) from the start, even read-only shells
        return store
    if scheme in ("http", "https"):
        from .engine import EngineStore

        return EngineStore(url)
    raise StoreError(f"unknown store URL {url!r}; expected sqlite:///path/to/file.sqlite or http(s)://host:9200")


__all__ = [
    "SearchHit", "SearchRequest", "SearchResult", "Store", "StoreError", "StoreUnavailable", "UpsertResult", "open_store",
]

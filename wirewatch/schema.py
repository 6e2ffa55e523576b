"""The article: one schema for the crawler, every store backend, the CLI and the tests.

Each field carries an `Index` kind in its metadata. The Elasticsearch/OpenSearch mapping
(`wirewatch.store.dsl`), the SQLite table (`wirewatch.store.sqlite`) and the search field
names all derive from that, so adding a field here is the only change a new field needs.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field, fields
from datetime import datetime, timezone
from enum import Enum
from typing import Any


class Index(str, Enum):
    """How a field is stored and searched."""

    KEYWORD = "keyword"  # exact value, filterable, aggregatable
    KEYWORDS = "keywords"  # list of exact values (tags)
    TEXT = "text"  # full text, language-aware subfields on the engine
    DATE = "date"  # UTC ISO-8601 string
    INTEGER = "integer"
    FLOAT = "float"
    STORED = "stored"  # kept with the article, never searched (image_url, matches)


def _field(kind: Index, default: Any = None, *, factory: Any = None, boost: float = 1.0) -> Any:
    """`boost` weighs a text field in relevance ranking, the same on every backend."""
    metadata = {"index": kind, "boost": boost}
    if factory is not None:
        return field(default_factory=factory, metadata=metadata)
    return field(default=default, metadata=metadata)


@dataclass
class Article:
    """One fetched and cleaned article, with its tags."""

    id: str = _field(Index.KEYWORD, "")
    url: str = _field(Index.KEYWORD, "")
    canonical_url: str = _field(Index.KEYWORD, "")
    source: str = _field(Index.KEYWORD, "")
    source_name: str | None = _field(Index.KEYWORD)
    domain: str | None = _field(Index.KEYWORD)
    title: str | None = _field(Index.TEXT, boost=3.0)
    description: str | None = _field(Index.TEXT, boost=1.5)
    text: str | None = _field(Index.TEXT)
    authors: list[str] = _field(Index.KEYWORDS, factory=list)
    published_at: str | None = _field(Index.DATE)
    modified_at: str | None = _field(Index.DATE)
    crawled_at: str | None = _field(Index.DATE)
    language: str | None = _field(Index.KEYWORD)
    language_confidence: float | None = _field(Index.FLOAT)
    section: str | None = _field(Index.KEYWORD)
    image_url: str | None = _field(Index.STORED)
    word_count: int = _field(Index.INTEGER, 0)
    content_hash: str | None = _field(Index.KEYWORD)
    story_id: str | None = _field(Index.KEYWORD)
    version: int = _field(Index.INTEGER, 1)
    dateline_place: str | None = _field(Index.KEYWORD)
    dateline_date: str | None = _field(Index.KEYWORD)
    dateline_agency: str | None = _field(Index.KEYWORD)
    extraction_path: str | None = _field(Index.KEYWORD)
    countries: list[str] = _field(Index.KEYWORDS, factory=list)
    primary_countries: list[str] = _field(Index.KEYWORDS, factory=list)
    orgs: list[str] = _field(Index.KEYWORDS, factory=list)
    people: list[str] = _field(Index.KEYWORDS, factory=list)
    topics: list[str] = _field(Index.KEYWORDS, factory=list)
    matches: list[dict[str, Any]] = _field(Index.STORED, factory=list)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Article":
        """Build from a stored document; unknown keys (engine extras like @timestamp) are ignored."""
        known = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in known})

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, sort_keys=True)


def field_kinds() -> dict[str, Index]:
    """Field name -> index kind, in declaration order."""
    return {f.name: f.metadata["index"] for f in fields(Article)}


def fields_of(*kinds: Index) -> list[str]:
    return [name for name, kind in field_kinds().items() if kind in kinds]


TEXT_FIELDS = fields_of(Index.TEXT)
# Relevance weight of each text field (title counts three times the body), for every backend.
TEXT_BOOSTS = {f.name: f.metadata["boost"] for f in fields(Article) if f.metadata["index"] == Index.TEXT}
# Fields holding lists (tags, authors, matches): JSON text in SQLite.
LIST_FIELDS = [f.name for f in fields(Article) if f.default_factory is list]


def article_id(canonical_url: str) -> str:
    """Stable id from the canonical URL, so a re-crawl upserts instead of duplicating."""
    return hashlib.sha256(canonical_url.encode("utf-8")).hexdigest()[:32]


def content_hash(title: str | None, text: str | None) -> str:
    """Hash of what a reader sees; a change means a new version of the article."""
    payload = f"{title or ''}\n{text or ''}".encode("utf-8")
    return hashlib.sha256(payload).hexdigest()[:32]


def utc_now_iso() -> str:
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat().replace("+00:00", "Z")

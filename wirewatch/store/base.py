"""The Store contract every backend honours, and the request/result types search speaks.

`search()` is the one core function behind `wirewatch search`, `GET /search` and alert
previews: shells build a `SearchRequest` and print a `SearchResult`.
"""

from __future__ import annotations

import base64
import json
import re
from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from typing import Any, Iterable

from ..query import And, Node, Or, QueryError, Range, Term, parse_query
from ..query.parse import check_date
from ..schema import Article

FACETS = {"countries": "countries", "topics": "topics", "sources": "source", "languages": "language", "orgs": "orgs"}
MAX_PAGE_SIZE = 200


class StoreError(RuntimeError):
    """A store problem a user can act on; the message is one clear line."""


class StoreUnavailable(StoreError):
    """The backend cannot be reached right now (spool and retry later)."""


@dataclass
class SearchRequest:
    query: str = ""
    languages: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)
    since: str | None = None  # "7d", "12h", or an ISO date
    date_from: str | None = None
    date_to: str | None = None
    sort: str = "relevance"  # "relevance" | "date"
    size: int = 10
    cursor: str | None = None  # opaque, from SearchResult.next_cursor
    highlight: bool = True
    facets: list[str] = field(default_factory=list)  # names from FACETS, plus "per_day"
    collapse: bool = False  # one hit per story (story_id): the best-ranked article of each

    def tree(self, now: datetime | None = None) -> Node:
        """The query plus every option-filter as one tree, so backends see a single query."""
        if self.sort not in ("relevance", "date"):
            raise StoreError(f"unknown sort '{self.sort}'; expected relevance or date")
        if not 1 <= self.size <= MAX_PAGE_SIZE:
            raise StoreError(f"page size must be between 1 and {MAX_PAGE_SIZE}")
        if self.collapse and self.cursor:
            raise StoreError("collapsed results have one page only; drop --cursor or --collapse")
        unknown = [f for f in self.facets if f not in FACETS and f != "per_day"]
        if unknown:
            raise StoreError(f"unknown facet {unknown[0]!r}; expected one of {', '.join([*FACETS, 'per_day'])}")
        parts: list[Node] = [parse_query(self.query)]
        for target, values, fold in (
            ("language", self.languages, str.lower),
            ("source", self.sources, str.lower),
            ("countries", self.countries, str.upper),
            ("topics", self.topics, str.lower),
        ):
            if values:
                terms = tuple(Term(target, fold(v)) for v in values)
                parts.append(terms[0] if len(terms) == 1 else Or(terms))
        low = parse_since(self.since, now) if self.since else self.date_from
        try:
            low = check_date(low) if low else None
            high = check_date(self.date_to) if self.date_to else None
        except QueryError as exc:
            raise StoreError(f"date filter: {exc}") from None
        if low or high:
            parts.append(Range("published_at", low, high))
        return parts[0] if len(parts) == 1 else And(tuple(parts))


def parse_since(value: str, now: datetime | None = None) -> str:
    """`7d`, `36h`, `2w` -> an ISO timestamp that long ago; an ISO date passes through."""
    match = re.fullmatch(r"(\d+)\s*([hdw])", value.strip().lower())
    if not match:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}.*", value.strip()):
            return value.strip()
        raise StoreError(f"cannot read since={value!r}; expected e.g. 12h, 7d, 2w or YYYY-MM-DD")
    amount, unit = int(match.group(1)), match.group(2)
    delta = {"h": timedelta(hours=amount), "d": timedelta(days=amount), "w": timedelta(weeks=amount)}[unit]
    moment = (now or datetime.now(timezone.utc)) - delta
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


@dataclass
class SearchHit:
    article: Article
    score: float | None
    snippet: str | None  # with <mark>…</mark> around matched words
    title_highlight: str | None = None

    def to_dict(self) -> dict[str, Any]:
        a = self.article
        return {
            "id": a.id,
            "title": a.title,
            "url": a.url,
            "source": a.source,
            "source_name": a.source_name,
            "published_at": a.published_at,
            "language": a.language,
            "countries": a.countries,
            "topics": a.topics,
            "score": self.score,
            "snippet": self.snippet,
        }


@dataclass
class SearchResult:
    total: int
    hits: list[SearchHit]
    next_cursor: str | None = None
    facets: dict[str, list[tuple[str, int]]] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "total": self.total,
            "hits": [h.to_dict() for h in self.hits],
            "next_cursor": self.next_cursor,
            "facets": {k: [{"value": v, "count": c} for v, c in rows] for k, rows in self.facets.items()},
        }


def encode_cursor(values: list[Any]) -> str:
    return base64.urlsafe_b64encode(json.dumps(values).encode()).decode().rstrip("=")


def decode_cursor(cursor: str) -> list[Any]:
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        values = json.loads(base64.urlsafe_b64decode(padded.encode()))
    except ValueError:
        raise StoreError("the page cursor is not valid; start again without --cursor") from None
    if not isinstance(values, list):
        raise StoreError("the page cursor is not valid; start again without --cursor")
    return values


@dataclass
class UpsertResult:
    written: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)  # (article id, reason)


class Store(ABC):
    """One article store. Backends: `SqliteStore`, `EngineStore` (Elasticsearch/OpenSearch)."""

    url: str

    @abstractmethod
    def ensure_schema(self) -> None:
        """Create tables / templates / indices / aliases if missing; safe to call every start."""

    @abstractmethod
    def upsert_many(self, articles: Iterable[Article]) -> UpsertResult:
        """Insert or replace by `id`; idempotent."""

    @abstractmethod
    def get(self, article_id: str) -> Article | None: ...

    @abstractmethod
    def exists(self, ids: Iterable[str]) -> set[str]:
        """The subset of `ids` already stored."""

    @abstractmethod
    def search(self, request: SearchRequest) -> SearchResult: ...

    @abstractmethod
    def count(self, query: str = "") -> int: ...

    @abstractmethod
    def delete_older_than(self, cutoff_iso: str) -> int:
        """Delete articles published before the cutoff; returns how many."""

    def refresh(self) -> None:
        """Make writes visible to search now (engine); no-op where writes are visible at once."""

    def close(self) -> None:
        """Release connections."""

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

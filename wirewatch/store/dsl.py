"""Every request body wirewatch sends to Elasticsearch or OpenSearch, built in one place.

Both adapters (`wirewatch.store.clients`) only execute `EngineRequest`s built here, so the
real OpenSearch node in CI exercises exactly the bodies the Elasticsearch adapter would send.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any, Iterable

from ..query import Node, to_dsl
from ..query.to_dsl import TEXT_SUBFIELDS
from ..schema import Article, Index, field_kinds
from .base import FACETS, SearchRequest, decode_cursor

LANGUAGE_ANALYZERS = {"en": "english", "fr": "french", "de": "german", "es": "spanish", "ru": "russian", "cjk": "cjk"}
assert set(LANGUAGE_ANALYZERS) == set(TEXT_SUBFIELDS)


# Reads through the alias must not fail before the first article created the first index.
READ_PARAMS = {"ignore_unavailable": "true", "allow_no_indices": "true"}


@dataclass(frozen=True)
class EngineRequest:
    method: str
    path: str
    body: Any = None  # dict, or a list of dicts for NDJSON (_bulk)
    params: dict[str, str] = field(default_factory=dict)
    ignore: tuple[int, ...] = ()  # statuses that are an answer, not an error (404 for a missing alias)

    @property
    def ndjson(self) -> bool:
        return isinstance(self.body, list)


@dataclass(frozen=True)
class IndexNames:
    """Monthly indices `<prefix>-articles-YYYY.MM`, all behind the read alias, newest behind the write alias."""

    prefix: str = "wirewatch"

    @property
    def read_alias(self) -> str:
        return f"{self.prefix}-articles"

    @property
    def write_alias(self) -> str:
        return f"{self.prefix}-articles-write"

    @property
    def template(self) -> str:
        return f"{self.prefix}-articles"

    @property
    def pattern(self) -> str:
        return f"{self.prefix}-articles-*"

    def monthly(self, when: datetime | None = None) -> str:
        when = when or datetime.now(timezone.utc)
        return f"{self.prefix}-articles-{when:%Y.%m}"


# -- mapping and template ------------------------------------------------------------------
def mapping() -> dict[str, Any]:
    """Explicit, strict mapping derived from the article schema."""
    props: dict[str, Any] = {"@timestamp": {"type": "date"}}
    for name, kind in field_kinds().items():
        if kind in (Index.KEYWORD, Index.KEYWORDS):
            props[name] = {"type": "keyword", "ignore_above": 1024}
        elif kind == Index.TEXT:
            props[name] = {
                "type": "text",
                "analyzer": "ww_folded",
                "fields": {sub: {"type": "text", "analyzer": an} for sub, an in LANGUAGE_ANALYZERS.items()},
            }
        elif kind == Index.DATE:
            props[name] = {"type": "date", "format": "strict_date_optional_time||epoch_millis"}
        elif kind == Index.INTEGER:
            props[name] = {"type": "integer"}
        elif kind == Index.FLOAT:
            props[name] = {"type": "float"}
        elif kind == Index.STORED:
            props[name] = {"type": "object", "enabled": False} if name == "matches" else {"type": "keyword", "index": False, "doc_values": False}
    return {"dynamic": "strict", "properties": props}


def template_body(names: IndexNames) -> dict[str, Any]:
    return {
        "index_patterns": [names.pattern],
        "priority": 200,
        "template": {
            "settings": {
                "number_of_shards": 1,
                "number_of_replicas": 0,
                "analysis": {
                    "analyzer": {
                        "ww_folded": {"type": "custom", "tokenizer": "standard", "filter": ["lowercase", "asciifolding"]}
                    }
                },
            },
            "mappings": mapping(),
            "aliases": {names.read_alias: {}},
        },
        "_meta": {"owner": "wirewatch", "schema": sorted(field_kinds())},
    }


def ensure_requests(names: IndexNames, existing_write_target: str | None, now: datetime | None = None) -> list[EngineRequest]:
    """Template, this month's index, and the write alias moved onto it (a time-based rollover)."""
    current = names.monthly(now)
    requests = [EngineRequest("PUT", f"/_index_template/{names.template}", template_body(names))]
    if existing_write_target != current:
        requests.append(EngineRequest("PUT", f"/{current}", {}, ignore=(400,)))
        actions: list[dict[str, Any]] = []
        if existing_write_target:
            actions.append({"remove": {"index": existing_write_target, "alias": names.write_alias}})
        actions.append({"add": {"index": current, "alias": names.write_alias, "is_write_index": True}})
        requests.append(EngineRequest("POST", "/_aliases", {"actions": actions}))
    return requests


def write_alias_request(names: IndexNames) -> EngineRequest:
    return EngineRequest("GET", f"/_alias/{names.write_alias}", ignore=(404,))


# -- documents -------------------------------------------------------------------------------
def document(article: Article) -> dict[str, Any]:
    doc = article.to_dict()
    doc["@timestamp"] = article.published_at or article.crawled_at
    return doc


def locate_request(names: IndexNames, ids: list[str]) -> EngineRequest:
    """Which concrete index already holds each id, so an update lands where the article lives."""
    return EngineRequest(
        "POST",
        f"/{names.read_alias}/_search",
        {"query": {"ids": {"values": ids}}, "_source": False, "size": len(ids)},
        READ_PARAMS,
    )


def bulk_request(names: IndexNames, articles: Iterable[Article], located: dict[str, str]) -> EngineRequest:
    lines: list[dict[str, Any]] = []
    for article in articles:
        lines.append({"index": {"_index": located.get(article.id, names.write_alias), "_id": article.id}})
        lines.append(document(article))
    return EngineRequest("POST", "/_bulk", lines)


def get_request(names: IndexNames, article_id: str) -> EngineRequest:
    return EngineRequest("POST", f"/{names.read_alias}/_search", {"query": {"ids": {"values": [article_id]}}, "size": 1}, READ_PARAMS)


def count_request(names: IndexNames, tree: Node) -> EngineRequest:
    return EngineRequest("POST", f"/{names.read_alias}/_count", {"query": to_dsl(tree)}, READ_PARAMS)


def delete_older_request(names: IndexNames, cutoff_iso: str) -> EngineRequest:
    return EngineRequest(
        "POST",
        f"/{names.read_alias}/_delete_by_query",
        {"query": {"range": {"published_at": {"lt": cutoff_iso}}}},
        {"refresh": "true", "conflicts": "proceed", **READ_PARAMS},
    )


def refresh_request(names: IndexNames) -> EngineRequest:
    return EngineRequest("POST", f"/{names.read_alias}/_refresh", params=READ_PARAMS)


# -- search ------------------------------------------------------------------------------------
HIGHLIGHT_FIELDS = ["title", "text", *(f"text.{s}" for s in TEXT_SUBFIELDS)]


def sort_clause(sort: str) -> list[Any]:
    by_date = [{"published_at": {"order": "desc", "missing": "_last"}}, {"id": {"order": "asc"}}]
    return by_date if sort == "date" else [{"_score": {"order": "desc"}}, *by_date]


def search_request(names: IndexNames, request: SearchRequest, tree: Node) -> EngineRequest:
    body: dict[str, Any] = {
        "query": to_dsl(tree),
        "size": request.size + 1,
        "sort": sort_clause(request.sort),
        "track_total_hits": True,
        "timeout": "10s",
    }
    if request.cursor:
        body["search_after"] = decode_cursor(request.cursor)
    if request.collapse:
        body["collapse"] = {"field": "story_id"}
    if request.highlight:
        body["highlight"] = {
            "pre_tags": ["<mark>"],
            "post_tags": ["</mark>"],
            "require_field_match": False,
            "fields": {
                f: ({"number_of_fragments": 0} if f == "title" else {"fragment_size": 180, "number_of_fragments": 1, "no_match_size": 180})
                for f in HIGHLIGHT_FIELDS
            },
        }
    aggs: dict[str, Any] = {}
    for facet in request.facets:
        if facet == "per_day":
            aggs[facet] = {"date_histogram": {"field": "published_at", "calendar_interval": "day", "format": "yyyy-MM-dd", "min_doc_count": 1}}
        else:
            aggs[facet] = {"terms": {"field": FACETS[facet], "size": 20, "order": [{"_count": "desc"}, {"_key": "asc"}]}}
    if aggs:
        body["aggs"] = aggs
    return EngineRequest("POST", f"/{names.read_alias}/_search", body, READ_PARAMS)


def ndjson(lines: list[dict[str, Any]]) -> str:
    return "".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines)

"""The search-engine store: Elasticsearch 8/9 or OpenSearch 2.x at an `http(s)://` URL.

The URL path names the index prefix: `http://127.0.0.1:9200/news` uses `news-articles-*`
indices (default prefix `wirewatch`). Request bodies come from `wirewatch.store.dsl`.
"""

from __future__ import annotations

import time
from typing import Any, Iterable
from urllib.parse import urlsplit

from ..schema import Article
from ..query.to_dsl import TEXT_SUBFIELDS
from . import dsl
from .base import SearchHit, SearchRequest, SearchResult, Store, StoreError, UpsertResult, encode_cursor
from .clients import EngineClient, connect

BULK_RETRIES = 4


class EngineStore(Store):
    def __init__(self, url: str, client: EngineClient | None = None):
        self.url = url
        prefix = urlsplit(url).path.strip("/") or "wirewatch"
        if not prefix.replace("-", "").replace("_", "").isalnum() or prefix != prefix.lower():
            raise StoreError(f"index prefix '{prefix}' in {url} must be lowercase letters, digits, '-' or '_'")
        self.names = dsl.IndexNames(prefix)
        self.client = client or connect(url)

    def _run(self, request: dsl.EngineRequest) -> dict[str, Any]:
        return self.client.execute(request)

    def ensure_schema(self) -> None:
        answer = self._run(dsl.write_alias_request(self.names))
        current = next((name for name in answer if name != "status" and name != "error"), None)
        for request in dsl.ensure_requests(self.names, current):
            self._run(request)

    def upsert_many(self, articles: Iterable[Article]) -> UpsertResult:
        batch = {a.id: a for a in articles}  # last version of an id in one batch wins
        result = UpsertResult()
        if not batch:
            return result
        located = self._locate(list(batch))
        pending = list(batch.values())
        for attempt in range(BULK_RETRIES):
            answer = self._run(dsl.bulk_request(self.names, pending, located))
            retry: list[Article] = []
            for article, item in zip(pending, answer.get("items", [])):
                outcome = item.get("index", {})
                status = outcome.get("status", 500)
                if status < 300:
                    result.written += 1
                elif status == 429 and attempt < BULK_RETRIES - 1:
                    retry.append(article)  # engine overloaded: back off and resend only these
                else:
                    error = outcome.get("error") or {}
                    result.failed.append((article.id, f"{error.get('type', status)}: {error.get('reason', '')}"))
            if not retry:
                break
            pending = retry
            time.sleep(0.5 * 2**attempt)
        return result

    def _locate(self, ids: list[str]) -> dict[str, str]:
        answer = self._run(dsl.locate_request(self.names, ids))
        return {hit["_id"]: hit["_index"] for hit in answer.get("hits", {}).get("hits", [])}

    def get(self, article_id: str) -> Article | None:
        hits = self._run(dsl.get_request(self.names, article_id)).get("hits", {}).get("hits", [])
        return Article.from_dict(hits[0]["_source"]) if hits else None

    def exists(self, ids: Iterable[str]) -> set[str]:
        wanted = list(ids)
        found: set[str] = set()
        for start in range(0, len(wanted), 500):
            found.update(self._locate(wanted[start : start + 500]))
        return found

    def count(self, query: str = "") -> int:
        return int(self._run(dsl.count_request(self.names, SearchRequest(query=query).tree())).get("count", 0))

    def delete_older_than(self, cutoff_iso: str) -> int:
        return int(self._run(dsl.delete_older_request(self.names, cutoff_iso)).get("deleted", 0))

    def refresh(self) -> None:
        self._run(dsl.refresh_request(self.names))

    def search(self, request: SearchRequest) -> SearchResult:
        answer = self._run(dsl.search_request(self.names, request, request.tree()))
        raw_hits = answer.get("hits", {}).get("hits", [])
        hits = [self._hit(h) for h in raw_hits[: request.size]]
        next_cursor = None
        if len(raw_hits) > request.size:
            next_cursor = encode_cursor(raw_hits[request.size - 1]["sort"])
        facets: dict[str, list[tuple[str, int]]] = {}
        for name, agg in (answer.get("aggregations") or {}).items():
            facets[name] = [(b.get("key_as_string", b["key"]), b["doc_count"]) for b in agg.get("buckets", [])]
        total = answer.get("hits", {}).get("total", {})
        return SearchResult(
            total=total.get("value", 0) if isinstance(total, dict) else int(total),
            hits=hits,
            next_cursor=next_cursor,
            facets=facets,
        )

    def _hit(self, raw: dict[str, Any]) -> SearchHit:
        article = Article.from_dict(raw["_source"])
        highlight = raw.get("highlight") or {}
        # Prefer a fragment with a marked word: the stemmed subfields mark "sanctions" for `sanction`.
        fragments = [highlight.get(f, [None])[0] for f in ("text", *(f"text.{s}" for s in TEXT_SUBFIELDS))]
        marked = [f for f in fragments if f and "<mark>" in f]
        snippet = marked[0] if marked else next((f for f in fragments if f), None)
        title = (highlight.get("title") or [None])[0]
        return SearchHit(article=article, score=raw.get("_score"), snippet=snippet, title_highlight=title)

    def close(self) -> None:
        self.client.close()

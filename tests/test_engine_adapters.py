"""Engine detection and the Elasticsearch adapter, over real HTTP.

No Elasticsearch server can be assembled from public registries (see README), so the ES adapter
is tested against a local HTTP server that answers like Elasticsearch 8 and records what the
official client sends: the bodies must be exactly the ones `wirewatch.store.dsl` builds (and
which the real OpenSearch node accepts in the contract tests), with Elasticsearch's
compatibility media type.
"""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from wirewatch.engine.node import free_port
from wirewatch.schema import Article, article_id
from wirewatch.store import SearchRequest, StoreError, StoreUnavailable, open_store
from wirewatch.store import dsl
from wirewatch.store.clients import ElasticsearchAdapter, OpenSearchAdapter, detect
from wirewatch.store.engine import EngineStore


class Recorder(BaseHTTPRequestHandler):
    root_answer: dict = {}
    log: list = []
    product = "Elasticsearch"

    def log_message(self, *args):
        pass

    def _answer(self, status: int, payload: dict) -> None:
        data = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        if self.product:
            self.send_header("X-Elastic-Product", self.product)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def _handle(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length).decode() if length else ""
        self.log.append({"method": self.command, "path": self.path, "headers": dict(self.headers), "body": raw})
        path = self.path.split("?")[0]
        if path == "/":
            self._answer(200, self.root_answer)
        elif path.startswith("/_alias/"):
            self._answer(404, {"error": "alias missing", "status": 404})
        elif path == "/_bulk":
            lines = [json.loads(x) for x in raw.splitlines() if x.strip()]
            items = [{"index": {"_id": a["index"]["_id"], "status": 201}} for a in lines[::2]]
            self._answer(200, {"errors": False, "items": items})
        elif path.endswith("/_search"):
            self._answer(200, {"hits": {"total": {"value": 0, "relation": "eq"}, "hits": []}})
        else:
            self._answer(200, {"acknowledged": True})

    do_GET = do_PUT = do_POST = do_DELETE = _handle


@pytest.fixture
def fake_server():
    handler = type("H", (Recorder,), {"log": [], "root_answer": {}})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield handler, f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def es_root(number: str) -> dict:
    return {"name": "n", "cluster_name": "c", "version": {"number": number, "build_flavor": "default"}, "tagline": "You Know, for Search"}


def test_detect_picks_the_adapter_from_get_root(fake_server):
    handler, url = fake_server
    handler.root_answer = es_root("8.15.0")
    assert detect(url).distribution == "elasticsearch"
    handler.root_answer = {"version": {"number": "2.19.6", "distribution": "opensearch"}}
    assert detect(url).distribution == "opensearch"


@pytest.mark.parametrize(
    "root,message",
    [
        (es_root("7.17.9"), "elasticsearch 7.17.9 .* not supported; wirewatch needs Elasticsearch 8.x-9.x"),
        ({"version": {"number": "1.3.0", "distribution": "opensearch"}}, "opensearch 1.3.0 .* needs OpenSearch 2.x-3.x"),
        ({"hello": "world"}, "without a version"),
    ],
)
def test_unsupported_engines_are_one_clear_error(fake_server, root, message):
    handler, url = fake_server
    handler.root_answer = root
    with pytest.raises(StoreError, match=message):
        open_store(url)


def test_nothing_listening_is_unavailable_not_a_crash():
    with pytest.raises(StoreUnavailable, match="cannot reach the search engine"):
        open_store(f"http://127.0.0.1:{free_port()}")


def test_unknown_scheme_and_bad_prefix():
    with pytest.raises(StoreError, match="unknown store URL"):
        open_store("postgres://db/news")
    with pytest.raises(StoreError, match="index prefix"):
        EngineStore("http://127.0.0.1:1/Bad Prefix!", client=object())  # type: ignore[arg-type]


def test_elasticsearch_adapter_sends_the_shared_bodies(fake_server):
    handler, url = fake_server
    handler.root_answer = es_root("8.15.0")
    store = open_store(url + "/news")
    assert isinstance(store.client, ElasticsearchAdapter)
    store.ensure_schema()
    article = Article(id=article_id("https://x.example/a"), url="https://x.example/a", canonical_url="https://x.example/a",
                      source="aurora", title="Grain corridor", text="Ministers agreed.", published_at="2026-11-20T10:00:00Z")
    assert store.upsert_many([article]).written == 1
    request = SearchRequest(query="grain AND country:UA", facets=["countries"])
    store.search(request)

    by_path = {(r["method"], r["path"].split("?")[0]): r for r in handler.log}
    template = by_path[("PUT", "/_index_template/news-articles")]
    assert json.loads(template["body"]) == dsl.template_body(dsl.IndexNames("news"))
    assert "compatible-with=8" in template["headers"]["content-type"]
    bulk = by_path[("POST", "/_bulk")]
    assert "x-ndjson" in bulk["headers"]["content-type"]
    lines = [json.loads(x) for x in bulk["body"].splitlines()]
    assert lines[0] == {"index": {"_index": "news-articles-write", "_id": article.id}}
    assert lines[1] == dsl.document(article)
    searches = [r for r in handler.log if r["path"].startswith("/news-articles/_search")]
    expected = dsl.search_request(dsl.IndexNames("news"), request, request.tree())
    assert json.loads(searches[-1]["body"]) == expected.body


def test_opensearch_is_never_spoken_to_with_the_elasticsearch_client(fake_server):
    handler, url = fake_server
    handler.product = None
    handler.root_answer = {"version": {"number": "2.19.6", "distribution": "opensearch"}}
    assert isinstance(open_store(url).client, OpenSearchAdapter)

"""The HTTP API over real HTTP (uvicorn on 127.0.0.1), on the SQLite store."""

from __future__ import annotations

import threading
import time

import httpx
import pytest
import uvicorn

from wirewatch.api import create_app
from wirewatch.engine.node import free_port
from wirewatch.schema import Article, article_id
from wirewatch.store import open_store


def serve(app):
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    return server, thread, f"http://127.0.0.1:{port}"


@pytest.fixture
def api_store(tmp_path):
    url = f"sqlite:///{tmp_path / 'api.sqlite'}"
    store = open_store(url)
    store.ensure_schema()
    for i, (title, lang, country) in enumerate([("Sanctions on steel agreed", "en", "RU"), ("Sanciones al acero", "es", "ES"), ("Grain corridor reopens", "en", "UA")]):
        link = f"https://wire.example/{i}"
        store.upsert_many([Article(id=article_id(link), url=link, canonical_url=link, source="aurora", title=title, language=lang,
                                   text=f"{title}. Officials confirmed the decision on Monday.", countries=[country],
                                   published_at=f"2026-11-2{i}T10:00:00Z")])
    store.close()
    return url


@pytest.fixture
def api(api_store):
    server, thread, base = serve(create_app(api_store, token="", cors_origins=[]))
    yield base
    server.should_exit = True
    thread.join(10)


def test_search_returns_the_same_json_as_the_cli_core(api):
    answer = httpx.get(f"{api}/search", params={"q": "steel OR acero", "facet": "countries"})
    assert answer.status_code == 200
    body = answer.json()
    assert body["total"] == 2
    assert {h["language"] for h in body["hits"]} == {"en", "es"}
    assert any("<mark>" in h["snippet"] for h in body["hits"])
    assert {f["value"] for f in body["facets"]["countries"]} == {"RU", "ES"}
    filtered = httpx.get(f"{api}/search", params={"q": "", "lang": "en", "sort": "date", "size": 1}).json()
    assert filtered["total"] == 2 and filtered["hits"][0]["title"] == "Grain corridor reopens"
    page2 = httpx.get(f"{api}/search", params={"q": "", "lang": "en", "sort": "date", "size": 1, "cursor": filtered["next_cursor"]}).json()
    assert page2["hits"][0]["title"] == "Sanctions on steel agreed"


def test_a_fresh_store_answers_empty_not_500(tmp_path):
    server, thread, base = serve(create_app(f"sqlite:///{tmp_path / 'empty.sqlite'}", token="", cors_origins=[]))
    try:
        assert httpx.get(f"{base}/articles/x").status_code == 404
        assert httpx.get(f"{base}/search", params={"q": "x"}).json()["total"] == 0
    finally:
        server.should_exit = True
        thread.join(10)


def test_article_by_id_and_404(api):
    hit = httpx.get(f"{api}/search", params={"q": "grain"}).json()["hits"][0]
    article = httpx.get(f"{api}/articles/{hit['id']}").json()
    assert article["title"] == "Grain corridor reopens" and article["countries"] == ["UA"]
    missing = httpx.get(f"{api}/articles/nope")
    assert missing.status_code == 404 and "no article" in missing.json()["detail"]


def test_bad_queries_are_400_with_a_position_never_500(api):
    for q, expected in [("(steel", "parenthesis"), ("*eel", "leading wildcard"), ("colour:red", "unknown field")]:
        answer = httpx.get(f"{api}/search", params={"q": q})
        assert answer.status_code == 400, q
        assert expected in answer.json()["detail"]
    assert httpx.get(f"{api}/search", params={"size": 5000}).status_code == 422
    assert httpx.get(f"{api}/search", params={"since": "yesterday"}).status_code == 400
    for params in ({"from": "garbage"}, {"from": "2026-02-30"}, {"to": "05/01/2026"}, {"since": "2026-01-01junk"},
                   {"q": "published:2026-13-01"}, {"q": "published:[2026-02-30 TO *]"}):
        answer = httpx.get(f"{api}/search", params=params)
        assert answer.status_code == 400, params
        assert "not a date" in answer.json()["detail"] or "since" in answer.json()["detail"]


def test_openapi_document_and_no_cors_by_default(api):
    spec = httpx.get(f"{api}/openapi.json").json()
    assert "/search" in spec["paths"] and "/articles/{article_id}" in spec["paths"]
    answer = httpx.get(f"{api}/search", headers={"Origin": "https://evil.example"})
    assert "access-control-allow-origin" not in answer.headers


def test_bearer_token_is_required_when_configured(api_store):
    server, thread, base = serve(create_app(api_store, token="s3cret", cors_origins=[]))
    try:
        assert httpx.get(f"{base}/search").status_code == 401
        assert httpx.get(f"{base}/search", headers={"Authorization": "Bearer wrong"}).status_code == 401
        assert httpx.get(f"{base}/search", headers={"Authorization": "Bearer s3crét".encode()}).status_code == 401
        assert httpx.get(f"{base}/search", headers={"Authorization": "Bearer s3cret"}).status_code == 200
        assert httpx.get(f"{base}/health").status_code == 200
    finally:
        server.should_exit = True
        thread.join(10)

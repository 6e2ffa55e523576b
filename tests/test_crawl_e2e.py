"""End to end: real Scrapy crawls the served sample site into real stores.

- into the real OpenSearch node: every sample article indexed exactly once, non-articles
  (video, tag, private, missing pages) not, and a second crawl adds nothing;
- the engine stopped mid-crawl: the crawl goes on, spools, and `wirewatch index replay` after
  the node is back leaves every article in the store;
- `wirewatch demo` and then `wirewatch search` on the default SQLite store.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

import pytest

from wirewatch.crawl import LOCAL_SITE_SETTINGS, run_crawl
from wirewatch.engine.node import EngineNode, free_port
from wirewatch.samples import CATALOGUE, serve_site
from wirewatch.schema import article_id
from wirewatch.store import SearchRequest, open_store
from wirewatch.urls import canonical_url

SAMPLE_SOURCES = ["aurora", "boreale", "meridiana"]


def crawl(site, store_url: str, home: Path, **settings: str):
    report = run_crawl(
        catalogue=[CATALOGUE],
        sources=SAMPLE_SOURCES,
        settings={**LOCAL_SITE_SETTINGS, **settings},
        env={"WIREWATCH_SAMPLE_BASE": site.base, "WIREWATCH_STORE": store_url, "WIREWATCH_HOME": str(home)},
        log_path=home / f"crawl-{time.time_ns()}.log",
    )
    assert report.returncode == 0, report.log_path.read_text()[-3000:]
    return report


def expected_ids(site, articles) -> dict[str, dict]:
    return {article_id(canonical_url(site.base + a["path"])): a for a in articles}


def test_sample_site_is_indexed_exactly_once_into_the_engine(engine_store_url, sample_site, sample_articles, manifest, tmp_path):
    report = crawl(sample_site, engine_store_url, tmp_path)
    store = open_store(engine_store_url)
    store.refresh()
    wanted = expected_ids(sample_site, sample_articles)

    assert store.count() == len(wanted)
    assert store.exists(wanted) == set(wanted)
    for article_id_, entry in wanted.items():
        stored = store.get(article_id_)
        assert stored.title == entry["title"]
        assert stored.language == entry["language"]
        assert stored.source == entry["source"]
        assert stored.text and len(stored.text.split()) > 100
        # Cleaned: the dateline is parsed out, the story does not start with its own headline.
        assert stored.dateline_agency and stored.dateline_place
        assert not stored.text.startswith(stored.title)
        assert "cookies" not in stored.text.lower()
    assert report.count("indexed") == len(wanted)

    # Non-articles never reach the store; the robots-disallowed page is never even requested.
    requested = [p.split("?")[0] for p in sample_site.requests]
    private = [m["path"] for m in manifest if m["kind"] == "private"]
    assert private and not any(p in requested for p in private)
    for entry in manifest:
        if entry["kind"] in ("video", "tag"):
            assert article_id(canonical_url(sample_site.base + entry["path"])) not in wanted
    # An article reachable from two feeds, or through a tracking-parameter link, is fetched once.
    article_requests = [p for p in requested if any(p == a["path"] for a in sample_articles)]
    assert len(article_requests) == len(set(article_requests))

    # The next daily run asks only for feeds and sitemaps (conditionally) and fetches no article again.
    first_requests = len(sample_site.requests)
    second = crawl(sample_site, engine_store_url, tmp_path)
    store.refresh()
    assert store.count() == len(wanted)
    assert second.count("fetched") == 0 and second.count("indexed") == 0
    again = [p.split("?")[0] for p in sample_site.requests[first_requests:]]
    assert not any(p == a["path"] for p in again for a in sample_articles)
    assert any(p.endswith((".xml", "index.html")) for p in again)
    # A full re-crawl (-a full=1) fetches everything again and still adds no document.
    crawl_full = run_crawl(
        catalogue=[CATALOGUE], sources=SAMPLE_SOURCES, settings=LOCAL_SITE_SETTINGS,
        env={"WIREWATCH_SAMPLE_BASE": sample_site.base, "WIREWATCH_STORE": engine_store_url, "WIREWATCH_HOME": str(tmp_path)},
        full=True,
    )
    assert crawl_full.returncode == 0 and crawl_full.count("fetched") >= len(wanted)
    store.refresh()
    assert store.count() == len(wanted)
    result = store.search(SearchRequest(query="", size=200))
    assert len({h.article.id for h in result.hits}) == result.total == len(wanted)


def _count(url: str) -> int:
    try:
        with urllib.request.urlopen(f"{url}/_count", timeout=2) as response:
            return json.loads(response.read())["count"]
    except Exception:
        return -1


def test_engine_stopped_mid_crawl_loses_nothing(sample_articles, tmp_path):
    node = EngineNode(home=tmp_path / "node", port=free_port(), heap="512m")
    node.start(timeout=300, fresh=True)
    store_url = f"{node.url}/killed"
    home = tmp_path / "home"
    home.mkdir()

    def slow_articles(handler) -> bool:
        if handler.path.endswith(".html") and "/20" in handler.path:
            time.sleep(0.3)  # the crawl takes long enough to pull the plug in the middle
        return False

    stopped = threading.Event()

    def stop_when_some_indexed() -> None:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if _count(f"{node.url}/killed-articles") >= 4:
                node.stop()
                stopped.set()
                return
            time.sleep(0.1)

    try:
        with serve_site(hook=slow_articles) as site:
            killer = threading.Thread(target=stop_when_some_indexed, daemon=True)
            killer.start()
            report = crawl(site, store_url, home, CONCURRENT_REQUESTS="1", WIREWATCH_INDEX_BATCH="4")
            killer.join(5)
            wanted = expected_ids(site, sample_articles)
        assert stopped.is_set(), "the node was never stopped: the crawl indexed too little"
        assert report.count("spooled") > 0
        assert report.count("indexed") + report.count("spooled") >= len(wanted)
        assert list((home / "spool").glob("pending-*.jsonl"))

        node.start(timeout=300)
        env = {**os.environ, "WIREWATCH_HOME": str(home)}
        replay = subprocess.run(
            [sys.executable, "-m", "wirewatch.cli", "index", "replay", "--store", store_url],
            env=env, capture_output=True, text=True, timeout=120,
        )
        assert replay.returncode == 0, replay.stderr
        assert "replayed" in replay.stdout
        store = open_store(store_url)
        store.refresh()
        assert store.exists(wanted) == set(wanted)
        assert store.count() == len(wanted)
        assert not list((home / "spool").glob("pending-*.jsonl"))
    finally:
        node.stop()


def run_cli(*args: str, home: Path, timeout: int = 180) -> subprocess.CompletedProcess:
    env = {**os.environ, "WIREWATCH_HOME": str(home)}
    env.pop("WIREWATCH_STORE", None)
    return subprocess.run([sys.executable, "-m", "wirewatch.cli", *args], env=env, capture_output=True, text=True, timeout=timeout)


def test_demo_then_search_the_default_store(tmp_path, sample_articles):
    home = tmp_path / "home"
    started = time.monotonic()
    demo = run_cli("demo", home=home)
    assert demo.returncode == 0, demo.stderr[-3000:]
    assert time.monotonic() - started < 120
    assert "article(s) match" in demo.stdout
    assert (home / "wirewatch.sqlite").is_file()

    found = run_cli("search", "--json", "--size", "200", home=home)
    assert found.returncode == 0, found.stderr
    payload = json.loads(found.stdout)
    assert payload["total"] == len(sample_articles)
    assert {h["title"] for h in payload["hits"]} == {a["title"] for a in sample_articles}
    for hit in payload["hits"]:
        assert hit["source"] and hit["language"] and hit["published_at"]

    status = run_cli("status", "--json", home=home)
    assert status.returncode == 0, status.stderr
    report = json.loads(status.stdout)
    assert report["articles"] == len(sample_articles) and report["spooled"] == 0
    assert report["runs"][0]["status"] == "finished"
    assert report["runs"][0]["stats"]["wirewatch/store/indexed"] == len(sample_articles)

    term = sample_articles[0]["search_terms"][0]
    one = json.loads(run_cli("search", "--json", term, home=home).stdout)
    assert one["total"] >= 1 and any("<mark>" in (h["snippet"] or "") for h in one["hits"])


@pytest.mark.parametrize(
    "args,message",
    [
        (["search", "x", "--store", "ftp://example.org/news"], "unknown store URL"),
        (["search", "(unclosed", "--store", "sqlite:///{tmp}/s.sqlite"], "parenthesis is not closed"),
        (["search", "x", "--store", "http://127.0.0.1:{port}"], "cannot reach the search engine"),
    ],
)
def test_cli_errors_are_one_line_without_traceback(tmp_path, args, message):
    args = [a.format(tmp=tmp_path, port=free_port()) for a in args]
    result = run_cli(*args, home=tmp_path)
    assert result.returncode == 1
    assert message in result.stderr
    assert "Traceback" not in result.stderr and len(result.stderr.strip().splitlines()) == 1

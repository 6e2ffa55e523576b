"""Shared fixtures: the real OpenSearch node, the served sample site, fresh stores.

The node is started once per test session on a free port (never 9200, so a developer's own node
is left alone) unless WIREWATCH_TEST_ENGINE_URL points at a running one. Tests that need it ask
for `engine_url`; nothing here fakes the engine.
"""

from __future__ import annotations

import json
import os
import uuid
from pathlib import Path

import pytest

from wirewatch.engine.node import EngineNode, free_port
from wirewatch.samples import MANIFEST, serve_site
from wirewatch.store import open_store


@pytest.fixture(scope="session")
def engine_url(tmp_path_factory):
    if url := os.environ.get("WIREWATCH_TEST_ENGINE_URL"):
        yield url.rstrip("/")
        return
    node = EngineNode(home=tmp_path_factory.mktemp("opensearch"), port=free_port(), heap="512m")
    node.start(timeout=300, fresh=True)
    try:
        yield node.url
    finally:
        node.stop()


@pytest.fixture
def engine_store_url(engine_url):
    """A store URL with its own index prefix, so tests never see each other's articles."""
    return f"{engine_url}/t{uuid.uuid4().hex[:10]}"


@pytest.fixture
def sqlite_store_url(tmp_path):
    return f"sqlite:///{tmp_path / 'articles.sqlite'}"


@pytest.fixture(params=["sqlite", "opensearch"])
def store(request, tmp_path):
    """Each contract test runs on SQLite and on the real OpenSearch node."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'contract.sqlite'}"
    else:
        url = request.getfixturevalue("engine_store_url")
    st = open_store(url)
    st.ensure_schema()
    yield st
    st.close()


@pytest.fixture(scope="session")
def manifest() -> list[dict]:
    return json.loads(Path(MANIFEST).read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def sample_articles(manifest) -> list[dict]:
    return [m for m in manifest if m["kind"] == "article"]


@pytest.fixture
def sample_site():
    with serve_site() as site:
        yield site


@pytest.fixture
def isolated_home(tmp_path, monkeypatch):
    """WIREWATCH_HOME in a temp dir: default store, spool and state never touch the user's."""
    home = tmp_path / "home"
    monkeypatch.setenv("WIREWATCH_HOME", str(home))
    monkeypatch.delenv("WIREWATCH_STORE", raising=False)
    return home

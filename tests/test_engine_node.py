"""Tests of the local OpenSearch launcher (wirewatch.engine) against a real node.

One node is started for the whole module (a start costs a few seconds of 2 CPUs), on free ports and
in a temporary home, so it never collides with a developer's node on 9200. The first run on a
machine also resolves ~50 MB of jars from Maven Central into ~/.m2.

Set WIREWATCH_SKIP_ENGINE=1 to skip these tests; they are also skipped if no JDK/Maven is installed.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from wirewatch.engine import EngineError, EngineNode, free_port
from wirewatch.engine.cli import register

REPO = Path(__file__).resolve().parents[1]

_skip_engine = pytest.mark.skipif(
    os.environ.get("WIREWATCH_SKIP_ENGINE") == "1"
    or not all(shutil.which(tool) for tool in ("java", "javac", "mvn")),
    reason="needs java, javac and mvn (or WIREWATCH_SKIP_ENGINE=1 was set)",
)


def needs_jdk(test: Callable[..., None]) -> Callable[..., None]:
    """Tests that start the real node: marked `engine` (so `-m "not engine"` skips them) and skipped without a JDK."""
    return pytest.mark.engine(_skip_engine(test))


def _request(method: str, url: str, body: dict | None = None) -> dict:
    """Tiny JSON HTTP helper; no proxy, so 127.0.0.1 is always reached directly."""
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(url, data=data, method=method, headers={"Content-Type": "application/json"})
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    with opener.open(req, timeout=30) as resp:
        return json.loads(resp.read())


@pytest.fixture(scope="module")
def node(tmp_path_factory: pytest.TempPathFactory) -> Iterator[EngineNode]:
    engine = EngineNode(
        home=tmp_path_factory.mktemp("engine") / "home",
        port=free_port(),
        transport_port=free_port(),
        heap="512m",
    )
    engine.start(timeout=180, fresh=True)
    yield engine
    engine.stop()  # idempotent: test_stop may already have stopped it


# ---------------------------------------------------------------- no JVM needed


def test_invalid_heap_is_rejected() -> None:
    with pytest.raises(EngineError, match="invalid heap size"):
        EngineNode(port=free_port(), heap="lots")


def test_busy_port_fails_before_starting_java(tmp_path: Path) -> None:
    with socket.socket() as squatter:
        squatter.bind(("127.0.0.1", 0))
        squatter.listen()
        port = squatter.getsockname()[1]
        with pytest.raises(EngineError, match=f"^port {port} is in use by another process$"):
            EngineNode(home=tmp_path, port=port, transport_port=free_port()).start()
    assert not (tmp_path / "node.pid").exists()


def test_status_of_a_node_that_never_ran(tmp_path: Path) -> None:
    status = EngineNode(home=tmp_path, port=free_port()).status()
    assert (status.running, status.pid, status.version) == (False, None, None)


def test_cli_prints_one_error_line_and_exits_1(tmp_path: Path) -> None:
    app = typer.Typer()

    @app.callback()
    def main() -> None:  # a callback keeps "engine" a sub-command, as in the real CLI
        pass

    register(app)
    result = CliRunner().invoke(app, ["engine", "start", "--home", str(tmp_path), "--heap", "lots"])
    assert result.exit_code == 1
    assert result.output.strip() == "error: invalid heap size 'lots': use a JVM size such as 512m or 1g"


def test_module_entry_point_status_exit_code(tmp_path: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "wirewatch.engine", "status", "--port", str(free_port()), "--home", str(tmp_path)],
        capture_output=True, text=True, cwd=REPO, check=False,
    )
    assert proc.returncode == 3, proc.stderr
    assert proc.stdout.startswith("no OpenSearch node running at http://127.0.0.1:")


# ---------------------------------------------------------------- real node


@needs_jdk
def test_build_is_cached(node: EngineNode) -> None:
    started = time.monotonic()
    classpath = node.ensure_built()
    assert time.monotonic() - started < 1.0
    assert any("/opensearch-2.19." in entry for entry in classpath)


@needs_jdk
def test_root_reports_opensearch_2_19(node: EngineNode) -> None:
    info = _request("GET", f"{node.url}/")
    assert info["version"]["distribution"] == "opensearch"
    assert info["version"]["number"].startswith("2.19.")
    status = node.status()
    assert status.running and status.version == info["version"]["number"]
    assert status.pid is not None and Path(f"/proc/{status.pid}").exists()


@needs_jdk
def test_modules_are_loaded(node: EngineNode) -> None:
    plugins = {p["component"] for p in _request("GET", f"{node.url}/_cat/plugins?format=json")}
    assert {
        "org.opensearch.transport.Netty4Plugin",
        "org.opensearch.analysis.common.CommonAnalysisPlugin",
        "org.opensearch.percolator.PercolatorPlugin",
        "org.opensearch.index.mapper.MapperExtrasPlugin",
        "org.opensearch.index.reindex.ReindexPlugin",
    } <= plugins


@needs_jdk
def test_english_analyzer_stems(node: EngineNode) -> None:
    # "english" comes from analysis-common; without it OpenSearch answers 400.
    tokens = _request("POST", f"{node.url}/_analyze", {"analyzer": "english", "text": "Running crawlers"})
    assert [t["token"] for t in tokens["tokens"]] == ["run", "crawler"]


@needs_jdk
def test_percolator_field_and_query(node: EngineNode) -> None:
    _request("PUT", f"{node.url}/alerts", {
        "settings": {"number_of_replicas": 0},
        "mappings": {"properties": {"query": {"type": "percolator"},
                                    "body": {"type": "text", "analyzer": "english"}}},
    })
    _request("PUT", f"{node.url}/alerts/_doc/storm?refresh=true", {"query": {"match": {"body": "storms"}}})
    hits = _request("POST", f"{node.url}/alerts/_search", {
        "query": {"percolate": {"field": "query", "document": {"body": "A storm hits the coast"}}},
    })["hits"]["hits"]
    assert [h["_id"] for h in hits] == ["storm"]


@needs_jdk
def test_start_again_reuses_the_running_node(node: EngineNode) -> None:
    pid = node.status().pid
    started = time.monotonic()
    again = EngineNode(home=node.home, port=node.port, transport_port=node.transport_port).start()
    assert again.pid == pid and again.running
    assert time.monotonic() - started < 5


@needs_jdk
def test_second_node_on_same_port_is_refused(node: EngineNode, tmp_path: Path) -> None:
    other = EngineNode(home=tmp_path / "other", port=node.port, transport_port=free_port())
    with pytest.raises(EngineError, match=f"port {node.port} is in use by another process"):
        other.start(timeout=30)
    assert node.status().running


@needs_jdk
def test_stop_ends_the_process(node: EngineNode) -> None:
    """Runs last in this module (pytest keeps file order); the fixture's stop() is then a no-op."""
    pid = node.status().pid
    assert pid is not None
    assert node.stop() is True
    assert not Path(f"/proc/{pid}").exists()
    assert not node.pid_file.exists()
    assert node.status().running is False
    assert node.stop() is False

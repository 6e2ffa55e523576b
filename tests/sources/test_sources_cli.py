"""`wirewatch sources list|check|validate` through Typer's test runner."""

from __future__ import annotations

import json

import pytest
import typer
import yaml
from typer.testing import CliRunner

from wirewatch.sources.cli import register


@pytest.fixture()
def app(monkeypatch):
    monkeypatch.delenv("WIREWATCH_SOURCES", raising=False)
    root = typer.Typer()

    @root.callback()
    def main() -> None:
        """wirewatch"""

    register(root)
    return root


runner = CliRunner()


def test_list_table_and_filters(app):
    res = runner.invoke(app, ["sources", "list"], env={"COLUMNS": "200"})
    assert res.exit_code == 0, res.output
    assert "tass" in res.output and "Reuters" in res.output
    assert "dpa" not in res.output.split()  # disabled

    res = runner.invoke(app, ["sources", "list", "--country", "RU", "--json"])
    assert res.exit_code == 0, res.output
    assert sorted(s["id"] for s in json.loads(res.output)) == ["interfax", "ria", "tass"]

    res = runner.invoke(app, ["sources", "list", "--ownership", "state", "--language", "en", "--json"])
    ids = {s["id"] for s in json.loads(res.output)}
    assert "xinhua" in ids and "reuters" not in ids

    res = runner.invoke(app, ["sources", "list", "--all", "--json"])
    assert "dpa" in {s["id"] for s in json.loads(res.output)}

    res = runner.invoke(app, ["sources", "list", "--ownership", "government"])
    assert res.exit_code != 0


def test_validate_ok_and_errors(app, tmp_path):
    res = runner.invoke(app, ["sources", "validate"])
    assert res.exit_code == 0, res.output
    assert res.output.startswith("OK:")

    bad = tmp_path / "bad.yaml"
    bad.write_text(
        yaml.safe_dump({"sources": [{
            "id": "broken", "name": "B", "country": "DE", "languages": ["de"],
            "homepage": "https://b.example/", "allowed_domains": ["b.example"], "ownership": "state",
            "discovery": [{"kind": "rss", "url": "not a url", "origin": "t"}],
        }]}),
        encoding="utf-8",
    )
    res = runner.invoke(app, ["sources", "validate", str(bad)], env={"COLUMNS": "300"})
    assert res.exit_code == 1
    assert str(bad) in res.output and "'broken'" in res.output and "discovery.0.url" in res.output


def test_check_help_mentions_internet(app):
    res = runner.invoke(app, ["sources", "check", "--help"], env={"COLUMNS": "200"})
    assert res.exit_code == 0
    assert "INTERNET" in res.output.upper()


def test_check_against_local_server(app, tmp_path, http_base):
    cat = tmp_path / "local.yaml"
    cat.write_text(
        yaml.safe_dump({"sources": [{
            "id": "local", "name": "Local wire", "country": "DE", "languages": ["en"],
            "homepage": "${WIREWATCH_SAMPLE_BASE}/", "allowed_domains": ["${WIREWATCH_SAMPLE_BASE}"],
            "ownership": "private",
            "discovery": [
                {"kind": "rss", "url": "${WIREWATCH_SAMPLE_BASE}/feed.xml", "origin": "t", "verified": True},
                {"kind": "rss", "url": "${WIREWATCH_SAMPLE_BASE}/missing.xml", "origin": "t"},
            ],
        }]}),
        encoding="utf-8",
    )
    env = {"WIREWATCH_SAMPLE_BASE": http_base, "COLUMNS": "250"}
    res = runner.invoke(app, ["sources", "check", "local", "-f", str(cat), "--json"], env=env)
    assert res.exit_code == 0, res.output
    rows = json.loads(res.output)
    assert [(r["ok"], r["items"], r["status"]) for r in rows] == [(True, 3, 200), (False, None, 404)]
    assert rows[0]["newest"] == "2024-05-07T08:30:00+00:00"

    res = runner.invoke(app, ["sources", "check", "local", "-f", str(cat)], env=env)
    assert res.exit_code == 0, res.output
    assert "1/2 ok" in res.output and "HTTP 404 Not Found" in res.output

    res = runner.invoke(app, ["sources", "check", "local", "-f", str(cat), "--fail-on-error"], env=env)
    assert res.exit_code == 1

    res = runner.invoke(app, ["sources", "check", "nope"], env=env)
    assert res.exit_code == 2

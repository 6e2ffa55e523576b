"""The extract CLI (one JSON object per input, in order, errors as objects) and the pools."""

from __future__ import annotations

import json

import pytest
import typer
from extract_fixtures import EN_PARAS, FR_PARAS, make_page
from typer.testing import CliRunner

from wirewatch.extract import clean_document, extract_many
from wirewatch.extract.cli import register
from wirewatch.extract.pool import ExtractionPool


@pytest.fixture
def app():
    app = typer.Typer()
    register(app)

    @app.callback()
    def _root() -> None:
        """test root"""

    return app


def test_cli_json_in_input_order(app, tmp_path):
    a = tmp_path / "a.html"
    a.write_bytes(make_page(["PARIS, Feb 28 (Reuters) - " + EN_PARAS[0], *EN_PARAS[1:]]).encode())
    b = tmp_path / "b.html"
    b.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 100)
    c = tmp_path / "c.html"
    c.write_bytes(make_page(FR_PARAS, lang="fr", title="Les lycées").encode())
    missing = tmp_path / "missing.html"
    result = CliRunner().invoke(
        app, ["extract", str(a), str(b), str(missing), str(c), "--json", "--url", "https://wire.example/x/story-1"]
    )
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["input"] for r in lines] == [str(a), str(b), str(missing), str(c)]
    assert lines[0]["ok"] and lines[0]["dateline_agency"] == "Reuters" and lines[0]["language"] == "en"
    assert lines[0]["url"] == "https://wire.example/x/story-1"
    assert "text" in lines[0] and "published_at" in lines[0] and "extraction_path" in lines[0]
    assert (lines[1]["ok"], lines[1]["reason"]) == (False, "binary")
    assert (lines[2]["ok"], lines[2]["reason"]) == (False, "read_error")
    assert lines[3]["ok"] and lines[3]["language"] == "fr"
    assert "Traceback" not in result.output


def test_cli_unreachable_url_is_an_object(app):
    result = CliRunner().invoke(app, ["extract", "http://127.0.0.1:9/nothing", "--json"])
    rec = json.loads(result.stdout)
    assert rec["ok"] is False and rec["reason"] in ("fetch_error", "http_error")


def test_cli_human_output(app, tmp_path):
    a = tmp_path / "a.html"
    a.write_bytes(make_page(EN_PARAS).encode())
    result = CliRunner().invoke(app, ["extract", str(a)])
    assert result.exit_code == 0 and "harbour authority" in result.stdout


def _items():
    return [
        (make_page(EN_PARAS).encode(), "https://wire.example/a/story-1"),
        (b"", "https://wire.example/a/empty"),
        (make_page(FR_PARAS, lang="fr").encode(), "https://wire.example/a/story-2"),
    ]


def test_extract_many_serial_keeps_order():
    docs = extract_many(_items())
    assert [d.ok for d in docs] == [True, False, True]
    assert docs[2].language == "fr"


@pytest.mark.parametrize("kind", ["thread", "process"])
def test_pools_match_serial(kind):
    serial = [clean_document(b, u) for b, u in _items()]
    with ExtractionPool(kind=kind, workers=2) as pool:
        futures = [pool.submit(b, u) for b, u in _items()]
        got = [f.result(timeout=120) for f in futures]
        mapped = list(pool.map((b, u, {}) for b, u in _items()))
    for a, b, c in zip(serial, got, mapped):
        assert (
            (a.ok, a.reason, a.text, a.language)
            == (b.ok, b.reason, b.text, b.language)
            == (c.ok, c.reason, c.text, c.language)
        )


def test_pool_rejects_unknown_kind():
    with pytest.raises(ValueError):
        ExtractionPool(kind="greenlet")

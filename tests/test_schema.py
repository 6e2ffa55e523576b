"""The article schema is the single source of the engine mapping and the SQLite table."""

import sqlite3

from wirewatch.schema import Article, Index, article_id, field_kinds
from wirewatch.store.dsl import mapping
from wirewatch.store.sqlite import schema_sql


def test_engine_mapping_covers_every_field_with_its_kind():
    props = mapping()["properties"]
    assert mapping()["dynamic"] == "strict"
    for name, kind in field_kinds().items():
        assert name in props, name
        if kind in (Index.KEYWORD, Index.KEYWORDS):
            assert props[name]["type"] == "keyword"
        if kind == Index.TEXT:
            assert props[name]["type"] == "text"
            assert {"en", "fr", "de", "es", "ru", "cjk"} <= set(props[name]["fields"])
        if kind == Index.DATE:
            assert props[name]["type"] == "date"
    assert set(props) == set(field_kinds()) | {"@timestamp"}


def test_sqlite_table_has_a_column_per_field():
    db = sqlite3.connect(":memory:")
    for stmt in schema_sql():
        db.execute(stmt)
    columns = [row[1] for row in db.execute("PRAGMA table_info(articles)")]
    assert columns[1:] == list(field_kinds())


def test_article_round_trips_through_dict_and_ignores_engine_extras():
    a = Article(id="x", url="u", canonical_url="u", source="s", countries=["FR"], matches=[{"term": "Paris"}])
    data = a.to_dict() | {"@timestamp": "2026-01-01T00:00:00Z"}
    assert Article.from_dict(data) == a


def test_article_id_is_stable_and_url_specific():
    assert article_id("https://a.example/x") == article_id("https://a.example/x")
    assert article_id("https://a.example/x") != article_id("https://a.example/y")


def test_sqlite_store_refuses_a_file_of_another_schema_version(tmp_path):
    import pytest

    from wirewatch.store import StoreError, open_store

    path = tmp_path / "old.sqlite"
    db = sqlite3.connect(path)
    db.execute("PRAGMA user_version = 7")
    db.close()
    with pytest.raises(StoreError, match="schema version 7"):
        open_store(f"sqlite:///{path}").ensure_schema()
    fresh = open_store(f"sqlite:///{tmp_path / 'new.sqlite'}")
    fresh.ensure_schema()
    fresh.ensure_schema()

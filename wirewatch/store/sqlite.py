"""The embedded default store: one SQLite file, FTS5 with BM25 ranking and snippets.

The `articles` table has one column per `Article` field (lists as JSON text); `articles_fts`
is an external-content FTS5 index over the text fields kept in step by triggers.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from pathlib import Path
from typing import Any, Iterable

from ..query import cjk, to_sqlite
from ..query.to_sqlite import SqlQuery
from ..schema import LIST_FIELDS, TEXT_BOOSTS, TEXT_FIELDS, Article, Index, field_kinds
from .base import (
    FACETS,
    SearchHit,
    SearchRequest,
    SearchResult,
    Store,
    StoreError,
    UpsertResult,
    decode_cursor,
    encode_cursor,
)

_SQL_TYPES = {
    Index.KEYWORD: "TEXT",
    Index.KEYWORDS: "TEXT",
    Index.TEXT: "TEXT",
    Index.DATE: "TEXT",
    Index.INTEGER: "INTEGER",
    Index.FLOAT: "REAL",
    Index.STORED: "TEXT",
}
# Bumped with every change to the tables or triggers; a file of another version is refused
# rather than half-understood (migrations will key on it).
SCHEMA_VERSION = 1
_INDEXED = ("source", "language", "published_at", "story_id", "content_hash")
# bm25 weights per FTS column, in TEXT_FIELDS order (title, description, text): same boosts as the engine.
_BM25_WEIGHTS = ", ".join(str(TEXT_BOOSTS[c]) for c in TEXT_FIELDS)


def schema_sql() -> list[str]:
    """DDL derived from the article schema."""
    columns = []
    for name, kind in field_kinds().items():
        extra = " NOT NULL UNIQUE" if name == "id" else ""
        columns.append(f"{name} {_SQL_TYPES[kind]}{extra}")
    text_cols = ", ".join(TEXT_FIELDS)
    new_vals = ", ".join(f"new.{c}" for c in TEXT_FIELDS)
    old_vals = ", ".join(f"old.{c}" for c in TEXT_FIELDS)
    stmts = [
        f"CREATE TABLE IF NOT EXISTS articles (rowid INTEGER PRIMARY KEY, {', '.join(columns)})",
        *(f"CREATE INDEX IF NOT EXISTS articles_{c} ON articles({c})" for c in _INDEXED),
    ]
    # Tags (keyword lists) also go to an indexed side table, so `country:FR` is an index lookup
    # instead of a JSON scan of every row.
    tag_fields = [name for name, kind in field_kinds().items() if kind == Index.KEYWORDS]
    fill = " ".join(
        f"INSERT INTO article_tags SELECT new.rowid, '{f}', value FROM json_each(new.{f});" for f in tag_fields
    )
    stmts += [
        "CREATE TABLE IF NOT EXISTS article_tags (article_rowid INTEGER NOT NULL, field TEXT NOT NULL, value TEXT NOT NULL)",
        "CREATE INDEX IF NOT EXISTS article_tags_lookup ON article_tags(field, value, article_rowid)",
        "CREATE INDEX IF NOT EXISTS article_tags_rowid ON article_tags(article_rowid)",
        f"CREATE TRIGGER IF NOT EXISTS article_tags_ai AFTER INSERT ON articles BEGIN {fill} END",
        "CREATE TRIGGER IF NOT EXISTS article_tags_ad AFTER DELETE ON articles BEGIN "
        "DELETE FROM article_tags WHERE article_rowid = old.rowid; END",
        f"CREATE TRIGGER IF NOT EXISTS article_tags_au AFTER UPDATE ON articles BEGIN "
        f"DELETE FROM article_tags WHERE article_rowid = old.rowid; {fill} END",
    ]
    # Two FTS indexes over the same columns. "articles_fts" is stemmed (Porter) and reads its
    # text from `articles` (ranking, snippets). "articles_fts_exact" is unstemmed and
    # contentless; it indexes CJK text one character per token (ww_cjk), so it serves prefixes
    # ("deploy*" must still find "deployment") and Chinese/Japanese/Korean words.
    stmts += [
        f"CREATE VIRTUAL TABLE IF NOT EXISTS articles_fts USING fts5({text_cols}, content='articles', "
        "content_rowid='rowid', tokenize='porter unicode61 remove_diacritics 2')",
        f"CREATE VIRTUAL TABLE IF NOT EXISTS articles_fts_exact USING fts5({text_cols}, content='', "
        "tokenize='unicode61 remove_diacritics 2')",
    ]
    new_exact = ", ".join(f"ww_cjk(new.{c})" for c in TEXT_FIELDS)
    old_exact = ", ".join(f"ww_cjk(old.{c})" for c in TEXT_FIELDS)
    insert = (
        f"INSERT INTO articles_fts(rowid, {text_cols}) VALUES (new.rowid, {new_vals}); "
        f"INSERT INTO articles_fts_exact(rowid, {text_cols}) VALUES (new.rowid, {new_exact});"
    )
    delete = (
        f"INSERT INTO articles_fts(articles_fts, rowid, {text_cols}) VALUES ('delete', old.rowid, {old_vals}); "
        f"INSERT INTO articles_fts_exact(articles_fts_exact, rowid, {text_cols}) VALUES ('delete', old.rowid, {old_exact});"
    )
    stmts += [
        f"CREATE TRIGGER IF NOT EXISTS articles_fts_ai AFTER INSERT ON articles BEGIN {insert} END",
        f"CREATE TRIGGER IF NOT EXISTS articles_fts_ad AFTER DELETE ON articles BEGIN {delete} END",
        f"CREATE TRIGGER IF NOT EXISTS articles_fts_au AFTER UPDATE ON articles BEGIN {delete} {insert} END",
    ]
    return stmts


class SqliteStore(Store):
    def __init__(self, url: str):
        self.url = url
        self.path = sqlite_path(url)
        if str(self.path) != ":memory:":
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise StoreError(f"cannot create the folder for {self.path}: {exc.strerror}") from None
        try:
            self._db = sqlite3.connect(str(self.path), check_same_thread=False, timeout=30)
        except sqlite3.Error as exc:
            raise StoreError(f"cannot open SQLite store {self.path}: {exc}") from None
        self._db.row_factory = sqlite3.Row
        # The FTS triggers call it: CJK text is indexed one character per token.
        self._db.create_function("ww_cjk", 1, cjk.spaced, deterministic=True)
        self._lock = threading.Lock()
        self._columns = list(field_kinds())
        if str(self.path) != ":memory:":
            self._db.execute("PRAGMA journal_mode=WAL")

    # -- writing ---------------------------------------------------------------------------
    def ensure_schema(self) -> None:
        with self._lock, self._db:
            version = self._db.execute("PRAGMA user_version").fetchone()[0]
            if version not in (0, SCHEMA_VERSION):
                raise StoreError(
                    f"{self.path} has store schema version {version}; this wirewatch uses {SCHEMA_VERSION}. "
                    "Use a new file, or the wirewatch version that created it."
                )
            for stmt in schema_sql():
                self._db.execute(stmt)
            self._db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")

    def upsert_many(self, articles: Iterable[Article]) -> UpsertResult:
        result = UpsertResult()
        cols = ", ".join(self._columns)
        marks = ", ".join("?" for _ in self._columns)
        updates = ", ".join(f"{c}=excluded.{c}" for c in self._columns if c != "id")
        sql = f"INSERT INTO articles ({cols}) VALUES ({marks}) ON CONFLICT(id) DO UPDATE SET {updates}"
        with self._lock, self._db:
            for article in articles:
                try:
                    self._db.execute(sql, self._row(article))
                    result.written += 1
                except sqlite3.Error as exc:
                    result.failed.append((article.id, str(exc)))
        return result

    def _row(self, article: Article) -> list[Any]:
        data = article.to_dict()
        return [json.dumps(data[c], ensure_ascii=False) if c in LIST_FIELDS else data[c] for c in self._columns]

    def _article(self, row: sqlite3.Row) -> Article:
        data = {c: row[c] for c in self._columns}
        for c in LIST_FIELDS:
            data[c] = json.loads(data[c]) if data[c] else []
        return Article.from_dict(data)

    def delete_older_than(self, cutoff_iso: str) -> int:
        with self._lock, self._db:
            cur = self._db.execute("DELETE FROM articles WHERE published_at < ?", (cutoff_iso,))
            return cur.rowcount

    # -- reading ---------------------------------------------------------------------------
    def get(self, article_id: str) -> Article | None:
        with self._lock:
            row = self._db.execute("SELECT * FROM articles WHERE id = ?", (article_id,)).fetchone()
        return self._article(row) if row else None

    def exists(self, ids: Iterable[str]) -> set[str]:
        wanted = list(ids)
        found: set[str] = set()
        with self._lock:
            for start in range(0, len(wanted), 500):
                chunk = wanted[start : start + 500]
                marks = ", ".join("?" for _ in chunk)
                rows = self._db.execute(f"SELECT id FROM articles WHERE id IN ({marks})", chunk)
                found.update(r[0] for r in rows)
        return found

    def count(self, query: str = "") -> int:
        sq = to_sqlite(SearchRequest(query=query).tree())
        with self._lock:
            return self._db.execute(f"SELECT count(*) FROM articles a WHERE {sq.where}", sq.params).fetchone()[0]

    def search(self, request: SearchRequest) -> SearchResult:
        sq = to_sqlite(request.tree())
        try:
            with self._lock:
                total = self._db.execute(f"SELECT count(*) FROM articles a WHERE {sq.where}", sq.params).fetchone()[0]
                rows = self._page(sq, request)
                hits = [self._hit(row, sq.rank_match) for row in rows[: request.size]]
                facets = {name: self._facet(sq, name) for name in request.facets}
        except sqlite3.OperationalError as exc:
            raise StoreError(f"SQLite could not run this query: {exc}") from None
        next_cursor = None
        if len(rows) > request.size and hits:
            last = rows[request.size - 1]
            key = [last["_score"], last["published_at"] or "", last["id"]]
            next_cursor = encode_cursor(key if request.sort == "relevance" else key[1:])
        return SearchResult(total=total, hits=hits, next_cursor=next_cursor, facets=facets)

    def _page(self, sq: SqlQuery, request: SearchRequest) -> list[sqlite3.Row]:
        """One page of rows (plus one to know if there is a next page), keyset-paginated.

        Only relevance sorting computes bm25 (over the matching rows); snippets are made later
        for the page rows alone, never for every match.
        """
        params: list[Any] = []
        if sq.rank_match and request.sort == "relevance":
            cte = f"WITH r AS (SELECT rowid, bm25(articles_fts, {_BM25_WEIGHTS}) AS score FROM articles_fts WHERE articles_fts MATCH ?) "
            params.append(sq.rank_match)
            source = "articles a LEFT JOIN r ON r.rowid = a.rowid"
            score = "coalesce(r.score, 0.0)"
        else:
            cte, source, score = "", "articles a", "0.0"
        pub = "coalesce(a.published_at, '')"
        where = [sq.where]
        params.extend(sq.params)
        if request.cursor:
            values = decode_cursor(request.cursor)
            if request.sort == "relevance" and len(values) == 3:
                where.append(f"({score} > ? OR ({score} = ? AND {pub} < ?) OR ({score} = ? AND {pub} = ? AND a.id > ?))")
                s, p, i = values
                params.extend([s, s, p, s, p, i])
            elif request.sort == "date" and len(values) == 2:
                where.append(f"({pub} < ? OR ({pub} = ? AND a.id > ?))")
                p, i = values
                params.extend([p, p, i])
            else:
                raise StoreError("the page cursor belongs to another sort order; start again without --cursor")
        order = f"{score} ASC, {pub} DESC, a.id ASC" if request.sort == "relevance" else f"{pub} DESC, a.id ASC"
        sql = f"{cte}SELECT a.rowid AS _rowid, a.*, {score} AS _score FROM {source} WHERE {' AND '.join(where)}"
        if request.collapse:
            # Best article of each story: rank within the story, keep rank 1, same final order.
            ranked = f"{cte}SELECT a.rowid AS _rowid, a.*, {score} AS _score, row_number() OVER (PARTITION BY coalesce(a.story_id, a.id) ORDER BY {order}) AS _n FROM {source} WHERE {' AND '.join(where)}"
            sql = f"SELECT * FROM ({ranked}) AS a WHERE _n = 1"
            order = order.replace("coalesce(r.score, 0.0)", "a._score")
        sql += f" ORDER BY {order} LIMIT ?"
        params.append(request.size + 1)
        return self._db.execute(sql, params).fetchall()

    def _hit(self, row: sqlite3.Row, rank_match: str | None) -> SearchHit:
        """A hit with its snippet, highlighted title and score, computed for this row alone."""
        article = self._article(row)
        snippet = title = score = None
        if rank_match:
            found = self._db.execute(
                "SELECT snippet(articles_fts, 2, '<mark>', '</mark>', '…', 28), highlight(articles_fts, 0, '<mark>', '</mark>'), "
                f"bm25(articles_fts, {_BM25_WEIGHTS}) FROM articles_fts WHERE articles_fts MATCH ? AND rowid = ?",
                (rank_match, row["_rowid"]),
            ).fetchone()
            if found:
                # bm25 is "lower is better"; report it as "higher is better" like the engine.
                snippet, title, score = found[0], found[1], -found[2]
        return SearchHit(article=article, score=score, snippet=snippet or _lead(article.text), title_highlight=title)

    def _facet(self, sq: SqlQuery, name: str) -> list[tuple[str, int]]:
        if name == "per_day":
            sql = (
                f"SELECT substr(a.published_at, 1, 10) AS v, count(*) FROM articles a WHERE {sq.where} "
                "AND a.published_at IS NOT NULL GROUP BY v ORDER BY v"
            )
        else:
            column = FACETS[name]
            if column in LIST_FIELDS:
                sql = (
                    f"SELECT t.value AS v, count(*) AS n FROM articles a JOIN article_tags t "
                    f"ON t.article_rowid = a.rowid AND t.field = '{column}' "
                    f"WHERE {sq.where} GROUP BY v ORDER BY n DESC, v LIMIT 20"
                )
            else:
                sql = (
                    f"SELECT a.{column} AS v, count(*) AS n FROM articles a WHERE {sq.where} "
                    f"AND a.{column} IS NOT NULL GROUP BY v ORDER BY n DESC, v LIMIT 20"
                )
        return [(r[0], r[1]) for r in self._db.execute(sql, sq.params)]

    def close(self) -> None:
        with self._lock:
            self._db.close()


def sqlite_path(url: str) -> Path:
    """`sqlite:///abs/path.db` -> /abs/path.db; `sqlite://rel/path.db` -> rel/path.db; `sqlite://:memory:`."""
    rest = url.removeprefix("sqlite://")
    if rest in ("", ":memory:"):
        return Path(":memory:")
    return Path("/" + rest.lstrip("/")) if rest.startswith("/") else Path(rest)


def _lead(text: str | None, limit: int = 200) -> str | None:
    if not text:
        return None
    return text[:limit].rsplit(" ", 1)[0] + "…" if len(text) > limit else text

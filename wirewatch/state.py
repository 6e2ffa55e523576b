"""Crawl state in one small SQLite file: what was seen, feed validators, run history.

- `articles`: every article URL stored, with its content hash, version and modified date, so
  the next daily crawl fetches only new or updated articles and re-indexes changed ones as a
  new version;
- `validators`: ETag / Last-Modified / body hash per feed or sitemap URL, for conditional
  requests and to skip unchanged feeds;
- `runs`: one row per crawl (started, finished, status, stats), for `wirewatch status` and the
  scheduler.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .schema import utc_now_iso

_SCHEMA = [
    """CREATE TABLE IF NOT EXISTS articles (
        url TEXT PRIMARY KEY, article_id TEXT, source TEXT, content_hash TEXT, version INTEGER,
        published_at TEXT, modified_at TEXT, first_seen TEXT, last_fetched TEXT)""",
    """CREATE TABLE IF NOT EXISTS validators (
        url TEXT PRIMARY KEY, etag TEXT, last_modified TEXT, body_hash TEXT, fetched_at TEXT)""",
    """CREATE TABLE IF NOT EXISTS runs (
        id INTEGER PRIMARY KEY, started_at TEXT, finished_at TEXT, status TEXT, stats TEXT)""",
]


@dataclass(frozen=True)
class SeenArticle:
    url: str
    article_id: str
    content_hash: str | None
    version: int
    modified_at: str | None


@dataclass(frozen=True)
class Validators:
    etag: str | None
    last_modified: str | None
    body_hash: str | None


class CrawlState:
    def __init__(self, path: Path | str):
        self.path = Path(path)
        if str(path) != ":memory:":
            self.path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(str(path), check_same_thread=False, timeout=30)
        self._lock = threading.Lock()
        with self._lock, self._db:
            if str(path) != ":memory:":
                self._db.execute("PRAGMA journal_mode=WAL")
            for stmt in _SCHEMA:
                self._db.execute(stmt)

    # -- articles ------------------------------------------------------------------------------
    def seen(self, url: str) -> SeenArticle | None:
        with self._lock:
            row = self._db.execute(
                "SELECT url, article_id, content_hash, version, modified_at FROM articles WHERE url = ?", (url,)
            ).fetchone()
        return SeenArticle(*row) if row else None

    def remember_articles(self, rows: list[dict[str, Any]]) -> None:
        """Rows with url, article_id, source, content_hash, version, published_at, modified_at."""
        now = utc_now_iso()
        with self._lock, self._db:
            self._db.executemany(
                """INSERT INTO articles (url, article_id, source, content_hash, version, published_at, modified_at, first_seen, last_fetched)
                   VALUES (:url, :article_id, :source, :content_hash, :version, :published_at, :modified_at, :now, :now)
                   ON CONFLICT(url) DO UPDATE SET content_hash=excluded.content_hash, version=excluded.version,
                   modified_at=excluded.modified_at, last_fetched=excluded.last_fetched""",
                [{**row, "now": now} for row in rows],
            )

    def seen_count(self) -> int:
        with self._lock:
            return self._db.execute("SELECT count(*) FROM articles").fetchone()[0]

    # -- feed validators -------------------------------------------------------------------
    def validators(self, url: str) -> Validators | None:
        with self._lock:
            row = self._db.execute("SELECT etag, last_modified, body_hash FROM validators WHERE url = ?", (url,)).fetchone()
        return Validators(*row) if row else None

    def remember_validators(self, url: str, etag: str | None, last_modified: str | None, body_hash: str) -> None:
        with self._lock, self._db:
            self._db.execute(
                """INSERT INTO validators (url, etag, last_modified, body_hash, fetched_at) VALUES (?, ?, ?, ?, ?)
                   ON CONFLICT(url) DO UPDATE SET etag=excluded.etag, last_modified=excluded.last_modified,
                   body_hash=excluded.body_hash, fetched_at=excluded.fetched_at""",
                (url, etag, last_modified, body_hash, utc_now_iso()),
            )

    # -- runs ------------------------------------------------------------------------------
    def start_run(self) -> int:
        with self._lock, self._db:
            cur = self._db.execute("INSERT INTO runs (started_at, status) VALUES (?, 'running')", (utc_now_iso(),))
            return int(cur.lastrowid)

    def finish_run(self, run_id: int, status: str, stats: dict[str, Any]) -> None:
        with self._lock, self._db:
            self._db.execute(
                "UPDATE runs SET finished_at = ?, status = ?, stats = ? WHERE id = ?",
                (utc_now_iso(), status, json.dumps(stats, default=str, sort_keys=True), run_id),
            )

    def runs(self, limit: int = 10) -> list[dict[str, Any]]:
        with self._lock:
            rows = self._db.execute(
                "SELECT id, started_at, finished_at, status, stats FROM runs ORDER BY id DESC LIMIT ?", (limit,)
            ).fetchall()
        return [
            {"id": r[0], "started_at": r[1], "finished_at": r[2], "status": r[3], "stats": json.loads(r[4]) if r[4] else {}}
            for r in rows
        ]

    def close(self) -> None:
        with self._lock:
            self._db.close()

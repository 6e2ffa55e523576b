"""A disk spool for articles the store could not take (engine down, network cut, refusals).

Articles are appended as JSON lines to `<spool_dir>/pending-<time_ns>-<pid>.jsonl`, fsynced
per batch, and replayed into the store later, oldest file first, so a newer version of an
article is written last. A replay first claims a file by renaming it to `replaying-…` (so a
crawl still appending to its own file, or a second replay, never loses lines to it), and
deletes it only after every article in it was handled:
- written to the store: done;
- refused by the store, or a line that is not a readable article (a write cut short by a
  crash): kept in `rejected-….jsonl` for a look, never retried blindly.
If the store goes away during a replay, the claimed file goes back to `pending-…`.
"""

from __future__ import annotations

import json
import os
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from ..schema import Article
from .base import Store, StoreUnavailable

REPLAY_BATCH = 200


@dataclass
class ReplayReport:
    files: int = 0
    replayed: int = 0
    failed: int = 0


class Spool:
    def __init__(self, directory: Path):
        self.directory = Path(directory)
        self._path: Path | None = None

    def write(self, articles: Iterable[Article]) -> int:
        lines = [article.to_json() + "\n" for article in articles]
        if not lines:
            return 0
        self.directory.mkdir(parents=True, exist_ok=True)
        if self._path is None:
            self._path = self.directory / f"pending-{time.time_ns():020d}-{os.getpid()}.jsonl"
        with self._path.open("a", encoding="utf-8") as fh:
            fh.writelines(lines)
            fh.flush()
            os.fsync(fh.fileno())
        return len(lines)

    def pending_files(self) -> list[Path]:
        """Files waiting for a replay, oldest first; this process's own open file excluded."""
        if not self.directory.is_dir():
            return []
        found = [*self.directory.glob("pending-*.jsonl"), *self.directory.glob("replaying-*.jsonl")]
        return sorted((p for p in found if p != self._path), key=lambda p: p.name.split("-", 1)[1])

    def pending_count(self) -> int:
        return sum(sum(1 for line in p.open(encoding="utf-8") if line.strip()) for p in self.pending_files())

    def replay(self, store: Store) -> ReplayReport:
        """Write every spooled article into `store`; StoreUnavailable propagates and keeps the files."""
        report = ReplayReport()
        for path in self.pending_files():
            claimed = path.with_name("replaying-" + path.name.split("-", 1)[1])
            try:
                path.rename(claimed)
            except FileNotFoundError:
                continue  # another replay took it
            try:
                written, rejected = self._replay_file(claimed, store)
            except StoreUnavailable:
                claimed.rename(path.with_name("pending-" + claimed.name.split("-", 1)[1]))
                raise
            report.files += 1
            report.replayed += written
            if rejected:
                report.failed += len(rejected)
                out = claimed.with_name("rejected-" + claimed.name.split("-", 1)[1])
                with out.open("a", encoding="utf-8") as fh:
                    fh.writelines(rejected)
            claimed.unlink()
        if report.replayed:
            store.refresh()
        return report

    @staticmethod
    def _replay_file(path: Path, store: Store) -> tuple[int, list[str]]:
        articles: list[Article] = []
        rejected: list[str] = []
        for line in path.open(encoding="utf-8", errors="replace"):
            if not line.strip():
                continue
            try:
                articles.append(Article.from_dict(json.loads(line)))
            except (ValueError, TypeError):
                rejected.append(line if line.endswith("\n") else line + "\n")
        written = 0
        for start in range(0, len(articles), REPLAY_BATCH):
            chunk = articles[start : start + REPLAY_BATCH]
            result = store.upsert_many(chunk)
            written += result.written
            refused = {article_id for article_id, _ in result.failed}
            rejected.extend(a.to_json() + "\n" for a in chunk if a.id in refused)
        return written, rejected

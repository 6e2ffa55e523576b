"""A disk spool for articles the store could not take (engine down, network cut).

Articles are appended as JSON lines to `<spool_dir>/pending-<pid>-<time>.jsonl`, fsynced per
batch, and replayed into the store later; a file is deleted only after every article in it was
written, so nothing fetched is lost even if a replay is interrupted.
"""

from __future__ import annotations

import json
import os
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from ..schema import Article
from .base import Store

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
            self._path = self.directory / f"pending-{os.getpid()}-{time.time_ns()}.jsonl"
        with self._path.open("a", encoding="utf-8") as fh:
            fh.writelines(lines)
            fh.flush()
            os.fsync(fh.fileno())
        return len(lines)

    def pending_files(self) -> list[Path]:
        if not self.directory.is_dir():
            return []
        return sorted(p for p in self.directory.glob("pending-*.jsonl") if p != self._path)

    def pending_count(self) -> int:
        return sum(sum(1 for line in p.open(encoding="utf-8") if line.strip()) for p in self.pending_files())

    def replay(self, store: Store) -> ReplayReport:
        """Write every spooled article into `store`; StoreUnavailable propagates and keeps the files."""
        report = ReplayReport()
        for path in self.pending_files():
            articles = [Article.from_dict(json.loads(line)) for line in path.open(encoding="utf-8") if line.strip()]
            failed: list[Article] = []
            for start in range(0, len(articles), REPLAY_BATCH):
                chunk = articles[start : start + REPLAY_BATCH]
                result = store.upsert_many(chunk)
                failed_ids = {article_id for article_id, _ in result.failed}
                failed.extend(a for a in chunk if a.id in failed_ids)
                report.replayed += result.written
            report.files += 1
            if failed:  # keep what the store refused, for a later look
                report.failed += len(failed)
                rejected = path.with_name(path.name.replace("pending-", "rejected-"))
                rejected.write_text("".join(a.to_json() + "\n" for a in failed), encoding="utf-8")
            path.unlink()
        if report.replayed:
            store.refresh()
        return report

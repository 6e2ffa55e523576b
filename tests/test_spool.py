"""The spool: nothing fetched is lost, whatever state a file is in."""

from __future__ import annotations

import json

from wirewatch.schema import Article, article_id
from wirewatch.store import open_store
from wirewatch.store.spool import Spool


def article(n: int, title: str = "Story") -> Article:
    url = f"https://wire.example/{n}"
    return Article(id=article_id(url), url=url, canonical_url=url, source="s", title=f"{title} {n}", text="Text.")


def test_replay_writes_oldest_first_and_skips_a_torn_line(tmp_path):
    spool_dir = tmp_path / "spool"
    first, second = Spool(spool_dir), Spool(spool_dir)
    first.write([article(1, "Old")])
    second.write([article(1, "New"), article(2)])
    # A crash mid-write leaves half a line at the end of a file.
    with second._path.open("a", encoding="utf-8") as fh:
        fh.write('{"id": "broken", "url": "https://wire.exa')
    store = open_store(f"sqlite:///{tmp_path / 's.sqlite'}")
    store.ensure_schema()
    report = Spool(spool_dir).replay(store)
    assert (report.files, report.replayed, report.failed) == (2, 3, 1)
    assert store.get(article(1).id).title == "New 1"  # the newer file was replayed last
    assert not list(spool_dir.glob("pending-*")) and not list(spool_dir.glob("replaying-*"))
    rejected = list(spool_dir.glob("rejected-*"))
    assert len(rejected) == 1 and "broken" in rejected[0].read_text()


def test_a_writer_keeps_its_own_file_out_of_a_replay(tmp_path):
    spool_dir = tmp_path / "spool"
    writer = Spool(spool_dir)
    writer.write([article(1)])
    assert writer.pending_files() == []  # its own file is still being written
    assert len(Spool(spool_dir).pending_files()) == 1
    assert json.loads(writer._path.read_text().splitlines()[0])["title"] == "Story 1"

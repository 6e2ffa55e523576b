"""Crawl throughput and incremental savings on the bundled sample site (issue: sources/spiders).

    python benchmarks/crawl_throughput.py [--repeat 3]

Serves samples/site on 127.0.0.1, runs `scrapy crawl wires` (the real spider and the full
pipeline: clean, language, tag, index into a fresh SQLite store) and reports:
- articles per second end to end (wall clock of the crawl process, start-up included, and
  without it, taking the second daily run of the same process — start-up and discovery, no
  article — as the baseline measured in the same run);
- requests made by the second daily run against the first (should be feeds and sitemaps only).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from wirewatch.crawl import LOCAL_SITE_SETTINGS, run_crawl  # noqa: E402
from wirewatch.samples import CATALOGUE, serve_site  # noqa: E402

SOURCES = ["aurora", "boreale", "meridiana"]


def one_crawl(site, home: Path, sources=SOURCES) -> tuple[float, int, int]:
    before = len(site.requests)
    started = time.perf_counter()
    report = run_crawl(
        catalogue=[CATALOGUE], sources=sources, settings=LOCAL_SITE_SETTINGS,
        env={"WIREWATCH_SAMPLE_BASE": site.base, "WIREWATCH_HOME": str(home), "WIREWATCH_STORE": f"sqlite:///{home / 's.sqlite'}"},
    )
    elapsed = time.perf_counter() - started
    if report.returncode != 0:
        raise SystemExit(f"crawl failed: {report.errors[:3]}")
    return elapsed, report.count("indexed"), len(site.requests) - before


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    firsts, seconds, indexed, req1, req2 = [], [], 0, 0, 0
    with serve_site() as site:
        for _ in range(args.repeat):
            with tempfile.TemporaryDirectory() as tmp:
                home = Path(tmp)
                t1, indexed, req1 = one_crawl(site, home)
                # The second daily run is the baseline: same process start-up and discovery, no articles.
                t2, _, req2 = one_crawl(site, home)
                firsts.append(t1)
                seconds.append(t2)
    first = statistics.median(firsts)
    base = statistics.median(seconds)
    print(f"articles indexed per crawl        : {indexed}")
    print(f"first crawl wall time (median)     : {first:.2f} s  -> {indexed / first:.1f} articles/s including process start-up")
    print(f"second crawl wall time (median)    : {base:.2f} s  (start-up + discovery only)")
    print(f"article work only                  : {first - base:.2f} s  -> {indexed / max(first - base, 1e-6):.1f} articles/s")
    print(f"requests, first run / second run   : {req1} / {req2}  ({req2 / req1:.0%} of the first)")


if __name__ == "__main__":
    main()

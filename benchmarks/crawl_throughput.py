"""Crawl throughput and incremental savings of a real `scrapy crawl wires`.

    python benchmarks/crawl_throughput.py [--copies 20] [--repeat 3]

Builds a larger local wire site from the bundled sample pages (each sample article copied
`--copies` times under new URLs, with an RSS feed listing them all), serves it on 127.0.0.1
and crawls it with the real spider and the full pipeline (clean in a process pool, language,
tag, index into a fresh SQLite store). Reports, as medians of `--repeat` runs:
- articles per second end to end, with and without the fixed cost of a crawl (process start,
  pool warm-up, discovery), taking the second daily run of the same site, which fetches no
  article, as the baseline measured in the same run;
- requests made by the second daily run against the first.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from wirewatch.crawl import LOCAL_SITE_SETTINGS, run_crawl  # noqa: E402
from wirewatch.samples import MANIFEST, SITE_DIR, serve_site  # noqa: E402

CATALOGUE = """sources:
  - id: bench
    name: Benchmark Wire
    country: GB
    languages: [en, fr, es, de, ru]
    homepage: ${WIREWATCH_SAMPLE_BASE}/
    allowed_domains: [127.0.0.1]
    ownership: private
    article_pattern: /copy\\d+/
    discovery:
      - kind: rss
        url: ${WIREWATCH_SAMPLE_BASE}/bench.xml
        origin: benchmark site
        verified: true
"""


def build_site(root: Path, copies: int) -> int:
    articles = [m for m in json.loads(MANIFEST.read_text(encoding="utf-8")) if m["kind"] == "article"]
    items = []
    for k in range(copies):
        for entry in articles:
            path = f"/copy{k}{entry['path']}"
            page = (SITE_DIR / entry["path"].lstrip("/")).read_bytes()
            # Own canonical URL per copy, so every copy is a distinct article.
            page = page.replace(f"__BASE__{entry['path']}".encode(), f"__BASE__{path}".encode())
            target = root / path.lstrip("/")
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(page)
            items.append(f"<item><title>copy</title><link>__BASE__{path}</link></item>")
    (root / "robots.txt").write_text("User-agent: *\nAllow: /\n")
    (root / "bench.xml").write_text(f'<?xml version="1.0"?><rss version="2.0"><channel><title>b</title>{"".join(items)}</channel></rss>')
    return len(items)


def one_crawl(site, home: Path, catalogue: Path) -> tuple[float, int, int]:
    before = len(site.requests)
    started = time.perf_counter()
    report = run_crawl(
        catalogue=[catalogue], sources=["bench"], settings=LOCAL_SITE_SETTINGS,
        env={"WIREWATCH_SAMPLE_BASE": site.base, "WIREWATCH_HOME": str(home), "WIREWATCH_STORE": f"sqlite:///{home / 's.sqlite'}"},
    )
    elapsed = time.perf_counter() - started
    if report.returncode != 0:
        raise SystemExit(f"crawl failed: {report.errors[:3]}")
    return elapsed, report.count("indexed"), len(site.requests) - before


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--copies", type=int, default=20)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="wirewatch-bench-"))
    try:
        site_dir = work / "site"
        total = build_site(site_dir, args.copies)
        catalogue = work / "bench.yaml"
        catalogue.write_text(CATALOGUE, encoding="utf-8")
        firsts, seconds, indexed, req1, req2 = [], [], 0, 0, 0
        with serve_site(root=site_dir) as site:
            for run in range(args.repeat):
                home = work / f"home{run}"
                t1, indexed, req1 = one_crawl(site, home, catalogue)
                t2, _, req2 = one_crawl(site, home, catalogue)
                firsts.append(t1)
                seconds.append(t2)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    first, base = statistics.median(firsts), statistics.median(seconds)
    print(f"articles served / indexed per crawl : {total} / {indexed}")
    print(f"first crawl wall time (median)      : {first:.2f} s -> {indexed / first:.1f} articles/s end to end")
    print(f"second daily run (median)           : {base:.2f} s (process start, pool warm-up, discovery only)")
    print(f"article work only                   : {first - base:.2f} s -> {indexed / max(first - base, 1e-6):.1f} articles/s")
    print(f"requests, first run / second run    : {req1} / {req2} ({req2 / req1:.1%} of the first)")


if __name__ == "__main__":
    main()

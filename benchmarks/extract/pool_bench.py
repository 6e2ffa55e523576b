"""Thread pool vs process pool for the cleaning stage: articles/s and reactor stalls.

    python benchmarks/extract/pool_bench.py [--workers 2] [--rounds 10]

Feeds the labelled corpus (`rounds` times over) through clean_document serially,
on an ExtractionPool(kind="thread") and on an ExtractionPool(kind="process"),
and reports wall-clock articles/s. Serially, the reactor thread is blocked for
each whole page. While a pool works, a 5 ms ticker thread in the main process
plays the Twisted reactor and records how late it wakes up (the stall a crawl
would feel: with threads it fights the workers for the GIL). Pools are warmed up
(workers started, profiles loaded) before timing.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))

from wirewatch.extract import clean_document  # noqa: E402
from wirewatch.extract.language import warm_up  # noqa: E402
from wirewatch.extract.pool import ExtractionPool  # noqa: E402

CORPUS = HERE / "corpus"


class Ticker:
    """Wakes every `period` seconds on the calling process's main thread; records lateness."""

    def __init__(self, period: float = 0.005):
        self.period = period
        self.late: list[float] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self):
        nxt = time.perf_counter() + self.period
        while not self._stop.is_set():
            time.sleep(max(0.0, nxt - time.perf_counter()))
            now = time.perf_counter()
            self.late.append(max(0.0, now - nxt))
            nxt = now + self.period

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()

    def summary(self) -> str:
        if not self.late:
            return "-"
        ms = sorted(x * 1000 for x in self.late)
        p99 = ms[min(len(ms) - 1, int(0.99 * len(ms)))]
        return f"tick lateness median {statistics.median(ms):.2f} ms, p99 {p99:.1f} ms, max {ms[-1]:.1f} ms"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--rounds", type=int, default=10)
    ap.add_argument("--chunksize", type=int, default=4, help="process pool map chunksize")
    args = ap.parse_args(argv)
    index = json.loads((CORPUS / "index.json").read_text(encoding="utf-8"))
    pages = [((CORPUS / "pages" / f"{e['id']}.html").read_bytes(), e["url"]) for e in index]
    work = [(b, u, {}) for b, u in pages] * args.rounds
    n = len(work)
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    print(f"{n} pages ({len(pages)} x {args.rounds}), {args.workers} workers, {cpus} CPUs available")

    warm_up()
    for b, u in pages:
        clean_document(b, u)
    results = {}

    durations = []
    t0 = time.perf_counter()
    for b, u, _ in work:
        t1 = time.perf_counter()
        clean_document(b, u)
        durations.append(time.perf_counter() - t1)
    ms = sorted(d * 1000 for d in durations)
    blocked = f"reactor blocked per page: median {statistics.median(ms):.2f} ms, p99 {ms[int(0.99 * len(ms))]:.1f} ms, max {ms[-1]:.1f} ms"
    results["serial (on the reactor thread)"] = (n / (time.perf_counter() - t0), blocked)

    for kind in ("thread", "process"):
        with ExtractionPool(kind=kind, workers=args.workers) as pool:
            pool.warm()
            list(pool.map(work[: len(pages)], chunksize=args.chunksize))
            with Ticker() as tick:
                t0 = time.perf_counter()
                futures = [pool.submit(b, u) for b, u, _ in work]
                for f in futures:
                    f.result()
                dt = time.perf_counter() - t0
            results[f"{kind} pool, submit()"] = (n / dt, tick.summary())
            if kind == "process":
                t0 = time.perf_counter()
                list(pool.map(work, chunksize=args.chunksize))
                results[f"process pool, map(chunksize={args.chunksize})"] = (n / (time.perf_counter() - t0), "-")

    base = results["serial (on the reactor thread)"][0]
    for name, (rate, ticks) in results.items():
        print(f"  {name:32} {rate:7.1f} articles/s  ({rate / base:4.2f}x serial)   {ticks}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

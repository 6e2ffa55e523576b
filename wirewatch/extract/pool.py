"""Run clean_document off the caller's thread (e.g. Twisted's reactor thread).

    pool = ExtractionPool(kind="process", workers=2)
    future = pool.submit(body, url, headers_encoding="utf-8")   # concurrent.futures.Future
    doc = future.result()

In Scrapy, wrap the future: ``Deferred.fromFuture(asyncio.wrap_future(future))``
under the asyncio reactor, or use ``kind="thread"`` with ``deferToThread``-style
callbacks. benchmarks/extract/pool_bench.py measures which kind gives more
articles/s (the extraction is pure-Python CPU work, so the GIL decides).
"""

from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import Executor, Future, ProcessPoolExecutor, ThreadPoolExecutor
from typing import Iterable, Iterator

from .core import clean_document
from .document import CleanedDocument

KINDS = ("thread", "process")


def _warm() -> None:
    """Load everything a worker needs once: language profiles, rules, datelines."""
    from .boilerplate import rulebook
    from .dateline import parser
    from .language import warm_up

    warm_up()
    rulebook()
    parser()


def _work(args: tuple) -> CleanedDocument:
    body, url, kw = args
    return clean_document(body, url, **kw)


def default_workers() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


class ExtractionPool:
    """A thread or process pool that runs clean_document. Results keep input order in map()."""

    def __init__(self, kind: str = "process", workers: int | None = None, mp_start: str = "forkserver"):
        if kind not in KINDS:
            raise ValueError(f"kind must be one of {KINDS}, not {kind!r}")
        self.kind = kind
        self.workers = workers or default_workers()
        if kind == "thread":
            _warm()
            self._executor: Executor = ThreadPoolExecutor(self.workers, thread_name_prefix="wirewatch-extract")
        else:
            ctx = multiprocessing.get_context(mp_start)
            if mp_start == "forkserver":
                ctx.set_forkserver_preload(["wirewatch.extract"])
            self._executor = ProcessPoolExecutor(self.workers, mp_context=ctx, initializer=_warm)

    def submit(self, body: bytes | str, url: str, **kw) -> Future:
        return self._executor.submit(_work, (body, url, kw))

    def map(self, items: Iterable[tuple[bytes | str, str, dict]], chunksize: int = 1) -> Iterator[CleanedDocument]:
        args = ((b, u, kw or {}) for b, u, kw in items)
        if self.kind == "process":
            return self._executor.map(_work, args, chunksize=chunksize)
        return self._executor.map(_work, args)

    def warm(self) -> None:
        """Make sure every worker has started and loaded its data (before timing)."""
        futures = [self._executor.submit(_warm) for _ in range(self.workers * 2)]
        for f in futures:
            f.result()

    def shutdown(self, wait: bool = True) -> None:
        self._executor.shutdown(wait=wait, cancel_futures=not wait)

    def __enter__(self) -> "ExtractionPool":
        return self

    def __exit__(self, *exc) -> None:
        self.shutdown()

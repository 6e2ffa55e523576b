"""extract_many: clean many pages, in input order, serially or on a pool."""

from __future__ import annotations

from typing import Iterable, Mapping

from .core import clean_document
from .document import CleanedDocument


def _normalise(item) -> tuple[bytes | str, str, dict]:
    if isinstance(item, Mapping):
        kw = {k: item[k] for k in ("content_type", "headers_encoding", "source_rules") if item.get(k) is not None}
        return item["body"], item.get("url") or "", kw
    body, url, *rest = item
    return body, url, dict(rest[0]) if rest else {}


def extract_many(
    items: Iterable, *, workers: int = 1, kind: str = "process", chunksize: int = 1
) -> list[CleanedDocument]:
    """Clean many pages. Each item is ``(body, url)``, ``(body, url, kwargs)`` or a
    mapping with ``body``, ``url`` and optional ``content_type``/``headers_encoding``/
    ``source_rules``. Results come back in input order. ``workers > 1`` uses an
    ExtractionPool of the given kind ("thread" or "process")."""
    work = [_normalise(it) for it in items]
    if workers <= 1 or len(work) <= 1:
        return [clean_document(b, u, **kw) for b, u, kw in work]
    from .pool import ExtractionPool

    with ExtractionPool(kind=kind, workers=workers) as pool:
        return list(pool.map(work, chunksize=chunksize))

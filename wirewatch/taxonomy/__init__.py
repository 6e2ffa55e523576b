"""Geopolitical tagging: countries, organisations, people and topics.

A library free of Scrapy: the tag pipeline, the ``wirewatch tag`` command,
the tests and the benchmarks all call :func:`tag_article` or a
:class:`Tagger` from :func:`get_tagger`.

>>> tags = tag_article("Macron visits Kyiv", "The French president met ...",
...                    published_at="2024-02-28")
>>> tags.countries, tags.people                              # doctest: +SKIP
(['FR', 'UA'], ['emmanuel-macron'])
"""

from __future__ import annotations

import os
import threading
from pathlib import Path
from typing import Iterable

from .loader import ENV_VAR, Taxonomy, TaxonomyError, load_taxonomy, user_paths
from .tagger import Tagger
from .tags import Tags

__all__ = ["tag_article", "get_tagger", "Tagger", "Tags", "Taxonomy", "TaxonomyError", "clear_cache"]

_CACHE: dict[tuple, Tagger] = {}
_LOCK = threading.Lock()


def _cache_key(extra_paths: Iterable[str | Path] | None) -> tuple:
    key = []
    for p in user_paths(extra_paths):
        try:
            st = p.stat()
            key.append((str(p.resolve()), st.st_mtime_ns, st.st_size))
        except OSError:
            key.append((str(p), None, None))  # loading will raise a clear error
    return tuple(key)


def get_tagger(extra_paths: list[Path] | None = None) -> Tagger:
    """The tagger for the shipped taxonomy plus user files, built once.

    User files come from ``extra_paths`` and from ``WIREWATCH_TAXONOMY_PATHS``
    (paths separated by ``os.pathsep``, ``:`` on POSIX). The tagger is cached
    per set of files (path, mtime and size), so editing a user file and
    calling again rebuilds it.
    """
    key = _cache_key(extra_paths)
    tagger = _CACHE.get(key)
    if tagger is not None:
        return tagger
    with _LOCK:
        tagger = _CACHE.get(key)
        if tagger is None:
            tagger = Tagger(load_taxonomy(extra_paths))
            _CACHE[key] = tagger
    return tagger


def clear_cache() -> None:
    """Forget every built tagger (tests, long-running processes)."""
    with _LOCK:
        _CACHE.clear()


def tag_article(title: str | None, text: str | None, *, published_at: str | None = None,
                description: str | None = None, dateline_place: str | None = None,
                language: str | None = None) -> Tags:
    """Tag one article with the default (cached) tagger."""
    return get_tagger().tag(title, text, published_at=published_at, description=description,
                            dateline_place=dateline_place, language=language)

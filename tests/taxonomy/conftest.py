"""Fixtures for the taxonomy tests: one shared tagger for the session."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


@pytest.fixture(scope="session")
def tagger(tmp_path_factory):
    """The shipped taxonomy, built once (no user files from the environment)."""
    import os

    from wirewatch.taxonomy import clear_cache, get_tagger

    saved = os.environ.pop("WIREWATCH_TAXONOMY_PATHS", None)
    try:
        clear_cache()
        yield get_tagger()
    finally:
        if saved is not None:
            os.environ["WIREWATCH_TAXONOMY_PATHS"] = saved


@pytest.fixture
def tag(tagger):
    """tag(title, text, date=..., **kw) -> Tags"""

    def _tag(title, text=None, date="2024-06-01", **kw):
        return tagger.tag(title, text, published_at=date, **kw)

    return _tag

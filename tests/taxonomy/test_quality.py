"""Regression guard on the labelled benchmark set (benchmarks/taxonomy)."""

import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parents[2] / "benchmarks" / "taxonomy"


def test_labelled_set_quality(tagger):
    sys.path.insert(0, str(BENCH))
    try:
        import run
    finally:
        sys.path.remove(str(BENCH))
    articles = run.load_set()
    assert len(articles) >= 60
    assert len({a["lang"] for a in articles}) >= 8
    ev = run.evaluate(tagger, articles)
    f1 = {t: run.prf(c)[2] for t, c in ev["overall"].items()}
    assert f1["countries"] >= 0.95, f1
    assert f1["primary"] >= 0.85, f1
    assert f1["orgs"] >= 0.95, f1
    assert f1["people"] >= 0.95, f1
    assert f1["topics"] >= 0.85, f1

"""Benchmark the geopolitical tagger: quality on the labelled set, speed, build.

    python benchmarks/taxonomy/run.py            # everything
    python benchmarks/taxonomy/run.py -v         # also list every miss
    python benchmarks/taxonomy/run.py --json     # machine-readable summary

Quality: micro precision/recall/F1 per tag type (countries, primary, orgs,
people, topics) over ``labelled.yaml``, overall and per language.

Speed: time per 5 KB article on one core with the full taxonomy. A "5 KB
article" (5000 bytes of UTF-8) is built per language by concatenating that language's labelled
stories (title + text) until 5000 characters, so the density of names is that
of the labelled stories (dense: ~190 names and keywords per 5 KB in English);
``en-long`` is one ordinary 5 KB wire story (``long_en.txt``), ``en-dense``
the densest labelled story repeated to 5 KB (a worst case).

Build: time to load the YAML/JSON data and compile the terms, time to build
the automaton, pattern count, and memory (tracemalloc peak during the build
and the size retained by the tagger).
"""

from __future__ import annotations

import argparse
import gc
import json
import statistics
import sys
import time
import tracemalloc
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

import yaml  # noqa: E402

from wirewatch.taxonomy import Tagger  # noqa: E402
from wirewatch.taxonomy.loader import load_taxonomy  # noqa: E402

HERE = Path(__file__).parent
TYPES = ("countries", "primary", "orgs", "people", "topics")


def load_set(path: Path = HERE / "labelled.yaml") -> list[dict]:
    with open(path, encoding="utf-8") as fh:
        return yaml.safe_load(fh)["articles"]


def _got(tags, kind: str) -> set[str]:
    return set(tags.primary_countries if kind == "primary" else getattr(tags, kind))


def evaluate(tagger: Tagger, articles: list[dict], use_language: bool = True) -> dict:
    counts = {t: [0, 0, 0] for t in TYPES}                    # tp, fp, fn
    by_lang: dict[str, dict] = defaultdict(lambda: {t: [0, 0, 0] for t in TYPES})
    misses = []
    for a in articles:
        tags = tagger.tag(a.get("title"), a.get("text"), published_at=str(a.get("published_at")),
                          language=a.get("lang") if use_language else None)
        exp = a["expected"]
        for t in TYPES:
            if t not in exp:
                continue
            want = set(exp[t] or [])
            got = _got(tags, t)
            tp, fp, fn = len(want & got), len(got - want), len(want - got)
            for c in (counts[t], by_lang[a["lang"]][t]):
                c[0] += tp
                c[1] += fp
                c[2] += fn
            if fp or fn:
                misses.append((a["id"], t, sorted(got - want), sorted(want - got)))
    return {"overall": counts, "by_lang": dict(by_lang), "misses": misses}


def prf(c: list[int]) -> tuple[float, float, float]:
    tp, fp, fn = c
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def _cut_bytes(text: str, size: int = 5000) -> str:
    return text.encode("utf-8")[:size].decode("utf-8", "ignore")


def five_kb_docs(articles: list[dict]) -> dict[str, tuple[str, str]]:
    """One 5 KB (5000 bytes of UTF-8) document per language."""
    by_lang: dict[str, list[str]] = defaultdict(list)
    for a in articles:
        by_lang[a["lang"]].append(f"{a['title']}\n{a['text']}")
    docs = {}
    for lang, parts in by_lang.items():
        buf = ""
        i = 0
        while len(buf.encode("utf-8")) < 5000:
            buf += parts[i % len(parts)] + "\n\n"
            i += 1
        docs[lang] = (parts[0].split("\n", 1)[0], _cut_bytes(buf))
    # worst case: the most name-dense story (en-01) repeated to 5 KB
    dense_src = by_lang["en"][0]
    dense = ""
    while len(dense) < 5000:
        dense += dense_src + "\n\n"
    docs["en-dense"] = (dense_src.split("\n", 1)[0], _cut_bytes(dense))
    # typical: one long wire story of ordinary density (original text)
    long_title, long_text = (HERE / "long_en.txt").read_text(encoding="utf-8").split("\n", 1)
    docs["en-long"] = (long_title, _cut_bytes(long_text))
    docs["en-long-guess"] = docs["en-long"]  # same, language left to the guesser
    return docs


def _lang(doc: str) -> str | None:
    return None if doc.endswith("-guess") else doc.split("-")[0]


def time_docs(tagger: Tagger, docs: dict, repeat: int) -> dict[str, float]:
    out = {}
    for lang, (title, text) in docs.items():
        for _ in range(20):
            tagger.tag(title, text, published_at="2024-06-01", language=_lang(lang))
        runs = []
        for _ in range(5):
            t0 = time.perf_counter()
            for _ in range(repeat):
                tagger.tag(title, text, published_at="2024-06-01", language=_lang(lang))
            runs.append((time.perf_counter() - t0) / repeat * 1000)
        out[lang] = min(runs)
    return out


def build_stats() -> dict:
    """Build time (plain), then memory (a second build under tracemalloc)."""
    gc.collect()
    t0 = time.perf_counter()
    taxonomy = load_taxonomy()
    t1 = time.perf_counter()
    tagger = Tagger(taxonomy)
    t2 = time.perf_counter()
    del taxonomy
    gc.collect()
    tracemalloc.start()
    probe = Tagger(load_taxonomy())
    cur, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    del probe
    gc.collect()
    return {"load_s": t1 - t0, "automaton_s": t2 - t1, "patterns": tagger.matcher.size,
            "terms": len(tagger.taxonomy.terms), "retained_mb": cur / 1e6, "peak_mb": peak / 1e6,
            "countries": len(tagger.taxonomy.countries), "orgs": len(tagger.taxonomy.orgs),
            "people": len(tagger.taxonomy.people), "topics": len(tagger.taxonomy.topics), "tagger": tagger}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Benchmark the geopolitical tagger.")
    ap.add_argument("-v", "--verbose", action="store_true", help="list every miss")
    ap.add_argument("--json", action="store_true", help="print a JSON summary")
    ap.add_argument("--repeat", type=int, default=200, help="timing repetitions per document")
    args = ap.parse_args(argv)

    b = build_stats()
    tagger = b.pop("tagger")
    articles = load_set()
    ev = evaluate(tagger, articles)
    ev_nolang = evaluate(tagger, articles, use_language=False)
    heldout = load_set(HERE / "heldout.yaml")
    ev_held = evaluate(tagger, heldout)
    speed = time_docs(tagger, five_kb_docs(articles), args.repeat)

    if args.json:
        print(json.dumps({
            "build": b,
            "quality": {t: dict(zip(("p", "r", "f1"), prf(c))) for t, c in ev["overall"].items()},
            "quality_language_guessed": {t: dict(zip(("p", "r", "f1"), prf(c))) for t, c in ev_nolang["overall"].items()},
            "quality_heldout": {t: dict(zip(("p", "r", "f1"), prf(c))) for t, c in ev_held["overall"].items()},
            "ms_per_5kb": speed,
        }, indent=2))
        return 0

    langs = sorted({a["lang"] for a in articles})
    print(f"labelled set: {len(articles)} articles in {len(langs)} languages ({', '.join(langs)})")
    print()
    print("quality (language given, as in the pipeline)      micro P / R / F1")
    for t in TYPES:
        p, r, f = prf(ev["overall"][t])
        p2, r2, f2 = prf(ev_nolang["overall"][t])
        print(f"  {t:<10} {p:6.3f} {r:6.3f} {f:6.3f}     (language guessed: F1 {f2:.3f})")
    print()
    print(f"held-out set ({len(heldout)} articles, never used for tuning)   micro P / R / F1")
    for t in TYPES:
        p, r, f = prf(ev_held["overall"][t])
        print(f"  {t:<10} {p:6.3f} {r:6.3f} {f:6.3f}")
    print()
    print("F1 by language   " + "  ".join(f"{t[:9]:>9}" for t in TYPES))
    for lang in langs:
        row = ev["by_lang"][lang]
        print(f"  {lang:<14} " + "  ".join(f"{prf(row[t])[2]:9.3f}" for t in TYPES))
    print()
    print("speed, ms per 5 KB article, one core (best of 5 x %d runs)" % args.repeat)
    for lang, ms in sorted(speed.items()):
        print(f"  {lang:<13} {ms:7.3f} ms")
    real = [ms for lang, ms in speed.items() if "-" not in lang]
    print(f"  median over the 13 language sets: {statistics.median(real):.3f} ms   (goal <= 0.5 ms)")
    print()
    print("build")
    print(f"  load + compile data : {b['load_s'] * 1000:7.0f} ms   ({b['terms']} terms: "
          f"{b['countries']} countries, {b['orgs']} orgs, {b['people']} people, {b['topics']} topics)")
    print(f"  automaton           : {b['automaton_s'] * 1000:7.0f} ms   ({b['patterns']} patterns)")
    print(f"  memory              : {b['retained_mb']:7.1f} MB retained, {b['peak_mb']:.1f} MB peak (tracemalloc)")
    if args.verbose:
        print()
        print("misses (id, type, extra, missing)")
        for m in ev["misses"] + ev_held["misses"]:
            print("  ", *m)
    return 0


if __name__ == "__main__":
    sys.exit(main())

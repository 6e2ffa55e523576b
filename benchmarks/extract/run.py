"""Benchmark the cleaning stage against bare trafilatura on the labelled corpus.

    python benchmarks/extract/run.py [--repeat 3] [--json out.json] [--verbose]

Reports, in one run and on the same pages:
  * token precision / recall / F1 of our text vs the expected text, and of bare
    ``trafilatura.extract(html, url=url)`` (its defaults) — micro (pooled tokens)
    and macro (mean of per-page F1); CJK text is scored per character;
  * CPU time per article (time.process_time) of the whole cleaning stage
    (decode + extraction + metadata + boilerplate + dateline + dates + language)
    against bare trafilatura.extract, as a ratio (goal <= 1.3x);
  * how often the dateline, language and publication date came out right.
The corpus is built by build_corpus.py (pages + expected texts, original texts).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))

import trafilatura  # noqa: E402

from wirewatch.extract import clean_document  # noqa: E402
from wirewatch.extract.language import warm_up  # noqa: E402

CORPUS = HERE / "corpus"
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")
_WORD = re.compile(r"\w+", re.UNICODE)


def tokens(text: str | None) -> Counter:
    if not text:
        return Counter()
    text = text.casefold()
    toks = _CJK.findall(text)
    toks += [w for w in _WORD.findall(_CJK.sub(" ", text))]
    return Counter(toks)


def prf(got: Counter, want: Counter) -> tuple[int, int, int]:
    overlap = sum((got & want).values())
    return overlap, sum(got.values()), sum(want.values())


def f1(overlap: int, n_got: int, n_want: int) -> tuple[float, float, float]:
    p = overlap / n_got if n_got else 0.0
    r = overlap / n_want if n_want else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def bare(raw: bytes, url: str) -> str | None:
    return trafilatura.extract(raw, url=url)


def ours(raw: bytes, url: str):
    return clean_document(raw, url)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--repeat", type=int, default=3, help="timing repetitions per page (default 3)")
    ap.add_argument("--json", help="write per-page results to this file")
    ap.add_argument("--verbose", "-v", action="store_true", help="per-page lines")
    args = ap.parse_args(argv)

    index = json.loads((CORPUS / "index.json").read_text(encoding="utf-8"))
    pages = [
        (
            e,
            (CORPUS / "pages" / f"{e['id']}.html").read_bytes(),
            (CORPUS / "expected" / f"{e['id']}.txt").read_text(encoding="utf-8"),
        )
        for e in index
    ]
    holdout = load_holdout()

    # warm-up: imports, language profiles, rule compilation, lxml/trafilatura caches
    warm_up()
    for e, raw, _ in pages[:5]:
        ours(raw, e["url"])
        bare(raw, e["url"])

    totals = {"ours": [0, 0, 0], "bare": [0, 0, 0]}
    macro = {"ours": [], "bare": []}
    groups: dict[str, dict[str, list]] = defaultdict(lambda: {"ours": [0, 0, 0], "bare": [0, 0, 0]})
    cpu = {"ours": 0.0, "bare": 0.0, "holdout_ours": 0.0, "holdout_bare": 0.0}
    checks = Counter()
    rows = []
    for e, raw, expected in pages + holdout:
        want = tokens(expected)
        # timing: interleave the two so drift affects both alike
        t_ours = t_bare = 0.0
        doc = text_bare = None
        for _ in range(args.repeat):
            t0 = time.process_time()
            doc = ours(raw, e["url"])
            t1 = time.process_time()
            text_bare = bare(raw, e["url"])
            t2 = time.process_time()
            t_ours += t1 - t0
            t_bare += t2 - t1
        key = "" if e["structure"] != "holdout" else "holdout_"
        cpu[key + "ours"] += t_ours / args.repeat
        cpu[key + "bare"] += t_bare / args.repeat
        text_ours = doc.text if doc.ok else None
        row = {
            "id": e["id"],
            "lang": e["lang"],
            "structure": e["structure"],
            "ok": doc.ok,
            "reason": doc.reason,
            "path": doc.extraction_path,
            "cpu_ours_ms": 1000 * t_ours / args.repeat,
            "cpu_bare_ms": 1000 * t_bare / args.repeat,
        }
        for name, text in (("ours", text_ours), ("bare", text_bare)):
            o, g, w = prf(tokens(text), want)
            accs = [groups["lang:" + e["lang"]][name], groups["structure:" + e["structure"]][name]]
            if e["structure"] != "holdout":
                accs.append(totals[name])
            for acc in accs:
                acc[0] += o
                acc[1] += g
                acc[2] += w
            p, r, f = f1(o, g, w)
            if e["structure"] != "holdout":
                macro[name].append(f)
            row[f"{name}_p"], row[f"{name}_r"], row[f"{name}_f1"] = round(p, 4), round(r, 4), round(f, 4)
        # metadata checks (generated corpus only)
        rows.append(row)
        if e["structure"] == "holdout":
            if args.verbose:
                _print_row(row, doc)
            continue
        checks["pages"] += 1
        checks["ok"] += doc.ok
        exp_dl = e.get("dateline")
        if exp_dl:
            checks["datelines"] += 1
            checks["dateline_found"] += bool(doc.dateline_agency or doc.dateline_place)
        checks["language_right"] += doc.language == e["lang"]
        checks["published_right"] += bool(doc.published_at) and _same_instant(doc.published_at, e["published"])
        row.update(
            language=doc.language,
            dateline=[doc.dateline_place, doc.dateline_date, doc.dateline_agency],
            published_at=doc.published_at,
        )
        if args.verbose:
            _print_row(row, doc)

    n = len(pages)
    print(
        f"\ngenerated corpus: {n} pages, {len({e['lang'] for e, _, _ in pages})} languages, "
        f"{len({e['structure'] for e, _, _ in pages})} structures; timing repeat={args.repeat}"
    )
    print(f"{'':28}{'precision':>10}{'recall':>10}{'F1':>10}{'macro F1':>10}")
    for name, label in (("ours", "ours (clean_document)"), ("bare", "bare trafilatura.extract")):
        p, r, f = f1(*totals[name])
        print(f"{label:28}{p:10.3f}{r:10.3f}{f:10.3f}{sum(macro[name]) / n:10.3f}")
    if holdout:
        h = groups["structure:holdout"]
        (po, ro, fo), (pb, rb, fb) = f1(*h["ours"]), f1(*h["bare"])
        print(f"{'holdout (' + str(len(holdout)) + ' hand-written)':28}")
        print(f"{'  ours':28}{po:10.3f}{ro:10.3f}{fo:10.3f}")
        print(f"{'  bare':28}{pb:10.3f}{rb:10.3f}{fb:10.3f}")
    print("\nF1 by group (ours / bare; lang groups include holdout pages):")
    for key in sorted(groups):
        fo = f1(*groups[key]["ours"])[2]
        fb = f1(*groups[key]["bare"])[2]
        print(f"  {key:22} {fo:.3f} / {fb:.3f}")
    ratio = cpu["ours"] / cpu["bare"] if cpu["bare"] else float("nan")
    print(
        f"\nCPU per article: ours {1000 * cpu['ours'] / n:.1f} ms, bare {1000 * cpu['bare'] / n:.1f} ms, ratio {ratio:.2f}x (goal <= 1.3x)"
    )
    if holdout:
        nh = len(holdout)
        h_ratio = cpu["holdout_ours"] / cpu["holdout_bare"] if cpu["holdout_bare"] else float("nan")
        all_ratio = (cpu["ours"] + cpu["holdout_ours"]) / (cpu["bare"] + cpu["holdout_bare"])
        print(
            f"  holdout: ours {1000 * cpu['holdout_ours'] / nh:.1f} ms, bare {1000 * cpu['holdout_bare'] / nh:.1f} ms,"
            f" ratio {h_ratio:.2f}x; all {n + nh} pages: ratio {all_ratio:.2f}x"
        )
    print(
        f"kept as articles: {checks['ok']}/{n}; datelines found: {checks['dateline_found']}/{checks['datelines']}; "
        f"language right: {checks['language_right']}/{n}; published_at right: {checks['published_right']}/{n}"
    )
    if args.json:
        summary = {
            "ours": dict(zip(("precision", "recall", "f1"), f1(*totals["ours"]))),
            "bare": dict(zip(("precision", "recall", "f1"), f1(*totals["bare"]))),
            "macro_f1": {k: sum(v) / n for k, v in macro.items()},
            "cpu_ms_per_article": {k: 1000 * v / n for k, v in cpu.items()},
            "cpu_ratio": ratio,
            "checks": dict(checks),
            "pages": rows,
        }
        Path(args.json).write_text(json.dumps(summary, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


def load_holdout() -> list:
    """Hand-written pages never used to tune the rules (corpus/holdout/)."""
    out = []
    for page in sorted((CORPUS / "holdout").glob("*.html")):
        lang = page.stem.split("-")[1]
        e = {
            "id": page.stem,
            "lang": lang,
            "structure": "holdout",
            "url": page.with_suffix(".url").read_text(encoding="utf-8").strip(),
        }
        out.append((e, page.read_bytes(), page.with_suffix(".txt").read_text(encoding="utf-8")))
    return out


def _print_row(row: dict, doc) -> None:
    print(
        f"{row['id']:16} {row['structure']:7} ours F1 {row['ours_f1']:.3f} (P {row['ours_p']:.3f} R {row['ours_r']:.3f})"
        f"  bare F1 {row['bare_f1']:.3f} (P {row['bare_p']:.3f} R {row['bare_r']:.3f})  {row['path']:20}"
        f" cpu {row['cpu_ours_ms']:.1f}/{row['cpu_bare_ms']:.1f} ms  {doc.reason or ''}"
    )


def _same_instant(got: str, want: str) -> bool:
    from wirewatch.extract.dates import to_utc_iso

    return to_utc_iso(got) == to_utc_iso(want)


if __name__ == "__main__":
    raise SystemExit(main())

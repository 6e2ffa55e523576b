"""Search latency p50/p95 for 20 representative queries at N articles, on SQLite and OpenSearch.

    python benchmarks/search_latency.py [--n 100000] [--engine-url http://127.0.0.1:9200] [--rounds 20]

Without --engine-url a local OpenSearch node is started (and stopped) on a free port.
Articles come from `generate_articles` (many sources, languages, dates and tags; seeded, so
every run indexes the same corpus). Each query runs `--rounds` times per backend through
`Store.search` (the same call the CLI and API make), first page of 10 with highlights.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from wirewatch.schema import Article, article_id  # noqa: E402
from wirewatch.store import SearchRequest, open_store  # noqa: E402

SOURCES = ["reuters", "ap", "afp", "xinhua", "tass", "anadolu", "kyodo", "yonhap", "efe", "ansa", "dpa", "pti"]
COUNTRIES = ["US", "CN", "RU", "UA", "FR", "DE", "GB", "IR", "IL", "TR", "IN", "JP", "KR", "BR", "ZA", "EG", "SA", "PL", "ES", "IT"]
ORGS = ["UN", "NATO", "EU", "G7", "G20", "BRICS", "ASEAN", "OPEC", "IAEA", "WHO", "WTO", "IMF"]
TOPICS = ["sanctions", "ceasefire", "elections", "trade", "energy", "nuclear", "migration", "protests", "cyber", "diplomacy"]
BANK = {
    "en": ("ministers agreed sanctions talks ceasefire negotiators summit election tariffs exports energy pipeline nuclear inspectors "
           "protesters police parliament government coalition troops border drone strike refugees humanitarian aid grain corridor "
           "oil prices central bank inflation spokesperson statement officials reporters diplomats delegation").split(),
    "fr": ("ministres sanctions négociations cessez-le-feu sommet élection droits de douane énergie gazoduc nucléaire inspecteurs "
           "manifestants gouvernement coalition troupes frontière réfugiés aide humanitaire pétrole banque centrale porte-parole").split(),
    "es": ("ministros sanciones negociaciones alto el fuego cumbre elecciones aranceles energía gasoducto nuclear inspectores "
           "manifestantes gobierno coalición tropas frontera refugiados ayuda humanitaria petróleo banco central portavoz").split(),
    "de": ("Minister Sanktionen Verhandlungen Waffenruhe Gipfel Wahl Zölle Energie Pipeline Atom Inspektoren Demonstranten "
           "Regierung Koalition Truppen Grenze Flüchtlinge Hilfe Öl Zentralbank Sprecher").split(),
    "ru": ("министры санкции переговоры перемирие саммит выборы пошлины энергия газопровод ядерный инспекторы протестующие "
           "правительство коалиция войска граница беженцы помощь нефть центробанк представитель").split(),
}
LANG_WEIGHTS = {"en": 0.5, "fr": 0.15, "es": 0.15, "de": 0.1, "ru": 0.1}

QUERIES = [
    "sanctions", "ceasefire talks", '"grain corridor"', "sanctions AND country:RU", "country:CN AND topic:trade",
    "nuclear inspectors", "election* AND lang:en", "org:NATO troops", "санкции", "sanciones OR sanctions",
    '"central bank"~3', "topic:energy -lang:en", "source:xinhua", "protesters police -drone",
    "published:[2026-03-01 TO 2026-03-31]", "refugees AND (country:TR OR country:DE)", "summit diplomats",
    "country:UA AND country:RU AND topic:ceasefire", "Regierung Koalition", "",
]


def _filler_vocabulary(rng: random.Random, size: int = 4000) -> list[str]:
    syllables = "ka lo mi ne ru sa to vi de po la re ti no ma se gu fa bi ko".split()
    return sorted({"".join(rng.choices(syllables, k=rng.randint(2, 4))) for _ in range(size)})


def generate_articles(n: int, seed: int = 7) -> list[Article]:
    """Realistic sparsity: Zipf-distributed filler words, plus the keywords of the article's own
    topics only (each topic owns a slice of each language's keyword bank)."""
    rng = random.Random(seed)
    filler = _filler_vocabulary(rng)
    zipf = [1 / (rank + 1) for rank in range(len(filler))]
    langs, weights = zip(*LANG_WEIGHTS.items())
    out = []
    for i in range(n):
        lang = rng.choices(langs, weights)[0]
        topics = sorted(set(rng.sample(TOPICS, rng.randint(1, 2))))
        bank = BANK[lang]
        keywords = [w for j, w in enumerate(bank) if TOPICS[j % len(TOPICS)] in topics]
        sentences = []
        for _ in range(rng.randint(8, 20)):
            words = rng.choices(filler, zipf, k=rng.randint(8, 16))
            if keywords and rng.random() < 0.4:
                words.insert(rng.randrange(len(words)), rng.choice(keywords))
            sentences.append(" ".join(words).capitalize())
        text = ". ".join(sentences) + "."
        title = " ".join([rng.choice(keywords or bank), *rng.choices(filler, zipf, k=rng.randint(4, 8))]).capitalize()
        day = rng.randint(0, 180)
        published = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(1767225600 + day * 86400 + rng.randint(0, 86399)))
        url = f"https://{rng.choice(SOURCES)}.example/{i}"
        out.append(Article(
            id=article_id(url), url=url, canonical_url=url, source=url.split("//")[1].split(".")[0], language=lang,
            title=title, text=text, published_at=published, word_count=len(text.split()),
            countries=sorted(set(rng.sample(COUNTRIES, rng.randint(1, 4)))), orgs=sorted(set(rng.sample(ORGS, rng.randint(0, 2)))),
            topics=topics,
        ))
    return out


def load(store, articles: list[Article], batch: int = 2000) -> float:
    store.ensure_schema()
    started = time.perf_counter()
    for i in range(0, len(articles), batch):
        result = store.upsert_many(articles[i : i + batch])
        assert not result.failed, result.failed[:3]
    store.refresh()
    return time.perf_counter() - started


def measure(store, rounds: int) -> list[tuple[str, float, float, int]]:
    rows = []
    for query in QUERIES:
        request = SearchRequest(query=query, size=10)
        store.search(request)  # warm-up
        times = []
        for _ in range(rounds):
            started = time.perf_counter()
            result = store.search(request)
            times.append((time.perf_counter() - started) * 1000)
        times.sort()
        rows.append((query, statistics.median(times), times[max(0, int(round(0.95 * len(times))) - 1)], result.total))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--engine-url")
    args = parser.parse_args()
    articles = generate_articles(args.n)
    node = None
    engine_url = args.engine_url
    if not engine_url:
        from wirewatch.engine.node import EngineNode, free_port

        node = EngineNode(home=Path(tempfile.mkdtemp()) / "node", port=free_port(), heap="1g")
        node.start(fresh=True)
        engine_url = node.url
    try:
        with tempfile.TemporaryDirectory() as tmp:
            results = {}
            for name, url in (("sqlite", f"sqlite:///{tmp}/bench.sqlite"), ("opensearch", f"{engine_url}/bench{int(time.time())}")):
                store = open_store(url)
                took = load(store, articles)
                print(f"{name}: indexed {len(articles)} articles in {took:.1f} s ({len(articles) / took:.0f}/s)")
                results[name] = measure(store, args.rounds)
                store.close()
    finally:
        if node:
            node.stop()
    print(f"\n{'query':48} {'sqlite p50':>10} {'p95':>8} {'opensearch p50':>15} {'p95':>8} {'hits (sq/os)':>14}")
    for (q, sp50, sp95, st), (_, op50, op95, ot) in zip(results["sqlite"], results["opensearch"]):
        print(f"{(q or '<all>')[:48]:48} {sp50:10.1f} {sp95:8.1f} {op50:15.1f} {op95:8.1f} {st:>7}/{ot:<7}")
    for name, rows in results.items():
        p95s = [r[2] for r in rows]
        print(f"{name}: worst p95 {max(p95s):.1f} ms, median p50 {statistics.median(r[1] for r in rows):.1f} ms (ms per query)")


if __name__ == "__main__":
    main()

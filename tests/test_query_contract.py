"""One query set, every backend: the real OpenSearch node, SQLite, and the alert predicate.

Each query has its expected hit set over the corpus below; the engine and SQLite must return
exactly that set, and so must the Python predicate (used by alerts at ingest) unless the query
relies on stemming, a documented difference (`STEMMED`). Further documented differences have
their own tests at the end.
"""

from __future__ import annotations

import pytest

from wirewatch.query import parse_query, to_predicate
from wirewatch.schema import Article, article_id
from wirewatch.store import SearchRequest, open_store

DOCS = {
    "en-sanctions": dict(lang="en", source="aurora", published="2026-11-10T09:00:00Z", title="EU adopts new sanctions against shipping firms",
                         text="European Union foreign ministers adopted a new package of sanctions on Monday targeting shipping companies accused of helping evade the oil price cap.",
                         countries=["BE", "RU"], orgs=["EU"], topics=["sanctions"], people=[]),
    "en-ceasefire": dict(lang="en", source="aurora", published="2026-11-12T14:00:00Z", title="Ceasefire talks resume in Geneva",
                         text="Negotiators returned to Geneva for a third round of ceasefire talks under United Nations auspices, a spokesperson said.",
                         countries=["CH"], orgs=["UN"], topics=["ceasefire"], people=[]),
    "en-nato": dict(lang="en", source="meridiana", published="2026-11-14T08:30:00Z", title="NATO allies discuss troop deployment on the eastern flank",
                    text="Defence ministers of the alliance discussed the deployment of additional troops to Poland and the Baltic states, officials said.",
                    countries=["PL", "LT", "LV", "EE"], orgs=["NATO"], topics=["military_deployment"], people=[]),
    "fr-sommet": dict(lang="fr", source="boreale", published="2026-11-15T10:00:00Z", title="Sommet européen sur l'énergie à Paris",
                      text="Les dirigeants européens se sont réunis à Paris pour discuter des prix de l'énergie et de nouvelles sanctions.",
                      countries=["FR"], orgs=["EU"], topics=["energy", "sanctions"], people=["emmanuel-macron"]),
    "fr-election": dict(lang="fr", source="boreale", published="2026-11-16T18:00:00Z", title="Élection présidentielle : le second tour fixé au 7 décembre",
                        text="La commission électorale a confirmé la date du second tour de l'élection présidentielle après un premier tour serré.",
                        countries=["SN"], orgs=[], topics=["elections"], people=[]),
    "es-migracion": dict(lang="es", source="meridiana", published="2026-11-17T11:00:00Z", title="Acuerdo sobre migración entre España y Marruecos",
                         text="Los gobiernos de España y Marruecos firmaron un acuerdo para reforzar el control migratorio en el Atlántico.",
                         countries=["ES", "MA"], orgs=[], topics=["migration"], people=[]),
    "es-aranceles": dict(lang="es", source="meridiana", published="2026-11-18T09:15:00Z", title="Nuevos aranceles al acero chino",
                         text="La Comisión Europea anunció aranceles adicionales a las importaciones de acero procedentes de China.",
                         countries=["CN"], orgs=["EU"], topics=["trade"], people=[]),
    "de-wahl": dict(lang="de", source="meridiana", published="2026-11-19T16:45:00Z", title="Koalitionsgespräche in Berlin dauern an",
                    text="Die Parteien setzten am Wochenende ihre Gespräche über eine neue Regierung in Berlin fort, hieß es aus Verhandlungskreisen.",
                    countries=["DE"], orgs=[], topics=["elections"], people=[]),
    "ru-gas": dict(lang="ru", source="aurora", published="2026-11-20T07:00:00Z", title="Переговоры о поставках газа продолжаются",
                   text="Делегации обсудили условия поставок газа и возможное смягчение санкций, сообщили источники.",
                   countries=["RU", "TR"], orgs=[], topics=["energy", "sanctions"], people=[]),
    "en-iaea": dict(lang="en", source="aurora", published="2026-11-21T12:00:00Z", title="IAEA inspectors return to the plant",
                    text="Inspectors from the International Atomic Energy Agency returned to the nuclear plant after a pause of three weeks.",
                    countries=["UA"], orgs=["IAEA"], topics=["nuclear"], people=["rafael-grossi"]),
    "zh-mfa": dict(lang="zh", source="cns", published="2026-11-18T12:00:00Z", title="外交部发言人就中美关系答记者问",
                   text="中国外交部发言人在北京举行的例行记者会上表示，中方愿同美方加强沟通，妥善管控分歧。",
                   countries=["CN", "US"], orgs=[], topics=["diplomacy"], people=[]),
    "ja-summit": dict(lang="ja", source="kyodo", published="2026-11-18T13:00:00Z", title="日韓首脳が東京で会談",
                      text="日本と韓国の首脳は東京で会談し、経済協力と安全保障での連携強化で一致した。",
                      countries=["JP", "KR"], orgs=[], topics=["diplomacy"], people=[]),
}

ALL = set(DOCS)

# query -> expected ids (engine and SQLite must agree exactly)
QUERIES: list[tuple[str, set[str]]] = [
    ("sanctions", {"en-sanctions", "fr-sommet"}),
    ("SANCTIONS", {"en-sanctions", "fr-sommet"}),
    ("ceasefire", {"en-ceasefire"}),
    ("geneva talks", {"en-ceasefire"}),
    ("geneva AND talks", {"en-ceasefire"}),
    ("geneva OR paris", {"en-ceasefire", "fr-sommet"}),
    ("sanctions AND NOT shipping", {"fr-sommet"}),
    ("sanctions -shipping", {"fr-sommet"}),
    ("+sanctions +paris", {"fr-sommet"}),
    ("(geneva OR paris) AND lang:fr", {"fr-sommet"}),
    ('"ceasefire talks"', {"en-ceasefire"}),
    ('"talks ceasefire"', set()),
    ('"shipping companies"', {"en-sanctions"}),
    ('"ministers package"~5', {"en-sanctions"}),
    ('"ministers shipping"~3', set()),
    ("title:geneva", {"en-ceasefire"}),
    ("text:geneva", {"en-ceasefire"}),
    ("title:inspectors", {"en-iaea"}),
    ("title:negotiators", set()),
    ("negoti*", {"en-ceasefire"}),
    ("inspect*", {"en-iaea"}),
    ("europeens", {"fr-sommet"}),  # accents folded
    ("européens", {"fr-sommet"}),
    ("deploy*", {"en-nato"}),
    ("elections*", {"fr-election"}),  # both stem the prefix in some field: "elections" -> "election"
    ("election", {"fr-election"}),
    ("présidentielle", {"fr-election"}),
    ("migración", {"es-migracion"}),
    ("migracion", {"es-migracion"}),
    ("acero AND china", {"es-aranceles"}),
    ("Regierung", {"de-wahl"}),
    ("gespräche", {"de-wahl"}),
    ("газа", {"ru-gas"}),
    ("переговоры OR inspectors", {"ru-gas", "en-iaea"}),
    ("lang:ru", {"ru-gas"}),
    ("lang:en", {"en-sanctions", "en-ceasefire", "en-nato", "en-iaea"}),
    ("source:boreale", {"fr-sommet", "fr-election"}),
    ("country:RU", {"en-sanctions", "ru-gas"}),
    ("country:ru", {"en-sanctions", "ru-gas"}),
    ("country:PL OR country:UA", {"en-nato", "en-iaea"}),
    ("org:EU", {"en-sanctions", "fr-sommet", "es-aranceles"}),
    ("org:nato", {"en-nato"}),
    ("person:emmanuel-macron", {"fr-sommet"}),
    ("topic:sanctions", {"en-sanctions", "fr-sommet", "ru-gas"}),
    ("topic:elections AND lang:de", {"de-wahl"}),
    ("topic:energy -lang:ru", {"fr-sommet"}),
    ("country:*", ALL),
    ("org:*", {"en-sanctions", "en-ceasefire", "en-nato", "fr-sommet", "es-aranceles", "en-iaea"}),
    ("published:[2026-11-15 TO 2026-11-17]", {"fr-sommet", "fr-election", "es-migracion"}),
    ("published:{2026-11-15 TO 2026-11-17}", {"fr-election"}),
    ("published:>=2026-11-20", {"ru-gas", "en-iaea"}),
    ("published:<2026-11-12", {"en-sanctions"}),
    ("published:[2026-11-12T14:00:00Z TO 2026-11-14T08:30:00Z]", {"en-ceasefire", "en-nato"}),
    ("sanctions AND published:[2026-11-01 TO 2026-11-10]", {"en-sanctions"}),
    ("NOT lang:en AND NOT lang:fr", {"es-migracion", "es-aranceles", "de-wahl", "ru-gas", "zh-mfa", "ja-summit"}),
    ("title:* AND lang:ru", {"ru-gas"}),
    ("description:*", set()),
    ("published:\"2026-11-19\"", {"de-wahl"}),  # a quoted date is that whole day
    ("NOT section:World", ALL),  # no article has a section: NOT of a missing value is true
    ("外交部", {"zh-mfa"}),  # CJK: characters inside a longer run, adjacent
    ("北京 AND 美方", {"zh-mfa"}),
    ('"例行记者会"', {"zh-mfa"}),
    ("外部", set()),  # both characters occur, but not side by side
    ("東京", {"ja-summit"}),
    ("会談 AND lang:ja", {"ja-summit"}),
    ("title:首脳", {"ja-summit"}),
    ("", ALL),
    ("*", ALL),
    ("nonexistentword", set()),
]

# Queries whose match relies on a stemmer: the engine (language subfields) and SQLite (Porter)
# agree, the alert predicate matches exact words only.
STEMMED = {"election", "inspectors", "title:inspectors", "elections*"}


def make(key: str, doc: dict) -> Article:
    url = f"https://{doc['source']}.example/{key}"
    return Article(
        id=article_id(url), url=url, canonical_url=url, source=doc["source"], language=doc["lang"], title=doc["title"],
        text=doc["text"], published_at=doc["published"], countries=doc["countries"], orgs=doc["orgs"], topics=doc["topics"],
        people=doc["people"],
    )


ARTICLES = {key: make(key, doc) for key, doc in DOCS.items()}
BY_ID = {a.id: key for key, a in ARTICLES.items()}


@pytest.fixture(scope="module")
def backends(tmp_path_factory, engine_url):
    stores = {
        "sqlite": open_store(f"sqlite:///{tmp_path_factory.mktemp('q') / 'q.sqlite'}"),
        "opensearch": open_store(f"{engine_url}/querycontract"),
    }
    for store in stores.values():
        store.ensure_schema()
        assert store.upsert_many(list(ARTICLES.values())).written == len(ARTICLES)
        store.refresh()
    yield stores
    for store in stores.values():
        store.close()


def test_the_query_set_is_large_and_covers_every_operator():
    assert len(QUERIES) >= 40
    text = " ".join(q for q, _ in QUERIES)
    for operator in (" AND ", " OR ", "NOT ", " -", "+", "(", '"', "~", "*", "title:", "text:", "lang:", "source:",
                     "country:", "org:", "person:", "topic:", "published:[", "published:{", ">="):
        assert operator in text, operator


@pytest.mark.parametrize("query,expected", QUERIES, ids=[q or "<empty>" for q, _ in QUERIES])
def test_every_backend_returns_the_expected_hits(backends, query, expected):
    for name, store in backends.items():
        result = store.search(SearchRequest(query=query, size=50, highlight=False))
        got = {BY_ID[h.article.id] for h in result.hits}
        assert got == expected, f"{name}: {query!r}"
        assert result.total == len(expected), f"{name}: {query!r}"
    predicate = to_predicate(parse_query(query))
    matched = {key for key, article in ARTICLES.items() if predicate(article.to_dict())}
    if query in STEMMED:
        assert matched < expected or matched == expected
    else:
        assert matched == expected, f"predicate: {query!r}"


def test_documented_difference_russian_and_other_stemming_is_engine_only(backends):
    """`санкции` finds "санкций" through the engine's russian subfield; SQLite stems English only."""
    engine = {BY_ID[h.article.id] for h in backends["opensearch"].search(SearchRequest(query="санкции")).hits}
    sqlite = {BY_ID[h.article.id] for h in backends["sqlite"].search(SearchRequest(query="санкции")).hits}
    assert engine == {"ru-gas"}
    assert sqlite == set()
    # Spanish plural/singular: the engine's spanish subfield, not SQLite.
    assert {BY_ID[h.article.id] for h in backends["opensearch"].search(SearchRequest(query="arancel")).hits} == {"es-aranceles"}


def test_documented_difference_sqlite_porter_stems_every_language(backends):
    """SQLite's one Porter stemmer runs on all text: French "énergie" and English "Energy" share a
    stem there; the engine stems per language."""
    def hits(name, q):
        return {BY_ID[h.article.id] for h in backends[name].search(SearchRequest(query=q)).hits}

    assert hits("opensearch", "énergie") == {"fr-sommet"}
    assert hits("sqlite", "énergie") == {"fr-sommet", "en-iaea"}

"""The Store contract, run against SQLite and against the real OpenSearch node (see `store`)."""

from __future__ import annotations

import pytest

from wirewatch.schema import Article, article_id
from wirewatch.store import SearchRequest, StoreError
from wirewatch.query import QueryError

CORPUS = [
    # (slug, source, lang, published, title, text, countries, topics)
    ("eu-steel", "aurora", "en", "2026-11-18T09:00:00Z", "EU ministers agree new sanctions on steel",
     "Foreign ministers meeting in Brussels agreed a fresh package of sanctions targeting steel imports, diplomats said.",
     ["BE", "RU"], ["sanctions"]),
    ("ceasefire", "aurora", "en", "2026-11-20T14:30:00Z", "Ceasefire talks resume in Geneva",
     "Negotiators returned to Geneva for a third round of ceasefire talks under United Nations auspices.",
     ["CH"], ["ceasefire"]),
    ("paris-sommet", "boreale", "fr", "2026-11-19T08:15:00Z", "Sommet européen sur l'énergie à Paris",
     "Les dirigeants européens se sont réunis à Paris pour discuter des prix de l'énergie et des sanctions.",
     ["FR"], ["energy", "sanctions"]),
    ("madrid-cumbre", "meridiana", "es", "2026-11-21T11:00:00Z", "Cumbre iberoamericana en Madrid",
     "Los jefes de Estado reunidos en Madrid debatieron sobre comercio y migración en la región.",
     ["ES"], ["trade", "migration"]),
    ("berlin-wahl", "meridiana", "de", "2026-11-22T16:45:00Z", "Koalitionsgespräche in Berlin dauern an",
     "Die Parteien setzten am Wochenende ihre Gespräche über eine neue Regierung in Berlin fort.",
     ["DE"], ["elections"]),
]


def make(slug, source, lang, published, title, text, countries, topics, version=1):
    url = f"https://{source}.example/{slug}.html"
    return Article(
        id=article_id(url), url=url, canonical_url=url, source=source, language=lang, published_at=published,
        title=title, text=text, countries=countries, topics=topics, version=version, word_count=len(text.split()),
    )


@pytest.fixture
def loaded(store):
    articles = [make(*row) for row in CORPUS]
    result = store.upsert_many(articles)
    assert result.written == len(CORPUS) and not result.failed
    store.refresh()
    return store, {a.url.rsplit("/", 1)[1][:-5]: a for a in articles}


def slugs(result):
    return {h.article.url.rsplit("/", 1)[1][:-5] for h in result.hits}


def test_ensure_schema_is_idempotent(store):
    store.ensure_schema()
    store.ensure_schema()
    assert store.count() == 0


def test_upsert_is_idempotent_by_id(loaded):
    store, by_slug = loaded
    again = store.upsert_many(list(by_slug.values()))
    assert again.written == len(CORPUS)
    store.refresh()
    assert store.count() == len(CORPUS)


def test_update_replaces_the_stored_version(loaded):
    store, by_slug = loaded
    updated = make(*CORPUS[0], version=2)
    updated.title = "EU ministers agree tougher sanctions on steel"
    store.upsert_many([updated])
    store.refresh()
    got = store.get(updated.id)
    assert got.version == 2 and got.title.endswith("tougher sanctions on steel")
    assert store.count() == len(CORPUS)


def test_get_and_exists(loaded):
    store, by_slug = loaded
    a = by_slug["paris-sommet"]
    assert store.get(a.id) == a
    assert store.get("0" * 32) is None
    assert store.exists([a.id, "nope"]) == {a.id}


@pytest.mark.parametrize(
    "query,expected",
    [
        ("sanctions", {"eu-steel", "paris-sommet"}),
        ("sanctions AND lang:en", {"eu-steel"}),
        ("sanctions -steel", {"paris-sommet"}),
        ("country:FR OR country:ES", {"paris-sommet", "madrid-cumbre"}),
        ("topic:sanctions", {"eu-steel", "paris-sommet"}),
        ('"ceasefire talks"', {"ceasefire"}),
        ("title:geneva", {"ceasefire"}),
        ("negoti*", {"ceasefire"}),
        ("source:meridiana", {"madrid-cumbre", "berlin-wahl"}),
        ("published:[2026-11-19 TO 2026-11-21]", {"paris-sommet", "ceasefire", "madrid-cumbre"}),
        ("energie", {"paris-sommet"}),  # accents folded on both backends
        ("Regierung", {"berlin-wahl"}),
        ("", {"eu-steel", "ceasefire", "paris-sommet", "madrid-cumbre", "berlin-wahl"}),
    ],
)
def test_search_hit_sets_agree(loaded, query, expected):
    store, _ = loaded
    result = store.search(SearchRequest(query=query, size=50))
    assert slugs(result) == expected
    assert result.total == len(expected)


def test_option_filters_and_since(loaded):
    store, _ = loaded
    result = store.search(SearchRequest(query="", languages=["EN"], countries=["ch"], size=50))
    assert slugs(result) == {"ceasefire"}
    window = store.search(SearchRequest(query="", date_from="2026-11-21", date_to="2026-11-22", size=50))
    assert slugs(window) == {"madrid-cumbre", "berlin-wahl"}


def test_snippet_highlights_the_match(loaded):
    store, _ = loaded
    hit = store.search(SearchRequest(query="steel")).hits[0]
    assert "<mark>" in hit.snippet and "steel" in hit.snippet.lower()
    assert hit.article.title.startswith("EU ministers")


def test_relevance_prefers_title_matches(loaded):
    store, _ = loaded
    hits = store.search(SearchRequest(query="ceasefire OR steel")).hits
    assert len(hits) == 2
    assert all(h.score is not None for h in hits)


def test_date_sort_and_cursor_pagination_visit_every_article_once(loaded):
    store, _ = loaded
    seen, cursor = [], None
    for _ in range(10):
        page = store.search(SearchRequest(query="", sort="date", size=2, cursor=cursor))
        seen.extend(h.article.published_at for h in page.hits)
        cursor = page.next_cursor
        if not cursor:
            break
    assert len(seen) == len(CORPUS)
    assert seen == sorted(seen, reverse=True)


def test_relevance_pagination_has_no_overlap(loaded):
    store, _ = loaded
    first = store.search(SearchRequest(query="sanctions OR ceasefire OR energie", size=2))
    second = store.search(SearchRequest(query="sanctions OR ceasefire OR energie", size=2, cursor=first.next_cursor))
    assert first.total == 3
    assert len(first.hits) == 2 and len(second.hits) == 1
    assert not slugs(first) & slugs(second)
    assert second.next_cursor is None


def test_facets(loaded):
    store, _ = loaded
    facets = store.search(SearchRequest(query="", facets=["sources", "topics", "per_day"])).facets
    assert dict(facets["sources"]) == {"aurora": 2, "boreale": 1, "meridiana": 2}
    assert dict(facets["topics"])["sanctions"] == 2
    assert [day for day, _ in facets["per_day"]] == ["2026-11-18", "2026-11-19", "2026-11-20", "2026-11-21", "2026-11-22"]


def test_delete_older_than(loaded):
    store, _ = loaded
    assert store.delete_older_than("2026-11-20T00:00:00Z") == 2
    store.refresh()
    assert store.count() == 3


def test_bad_queries_are_clear_errors(loaded):
    store, _ = loaded
    with pytest.raises(QueryError, match="parenthesis"):
        store.search(SearchRequest(query="(sanctions OR steel"))
    with pytest.raises(QueryError, match="unknown field 'colour'"):
        store.search(SearchRequest(query="colour:red"))
    with pytest.raises(StoreError, match="page size"):
        store.search(SearchRequest(query="x", size=10_000))


def test_collapse_keeps_the_best_article_of_each_story(store):
    articles = [make(*row) for row in CORPUS]
    for article in articles:
        article.story_id = article.id
    articles[0].story_id = articles[2].story_id = "story-sanctions"  # the same story in en and fr
    store.upsert_many(articles)
    store.refresh()
    plain = store.search(SearchRequest(query="sanctions"))
    collapsed = store.search(SearchRequest(query="sanctions", collapse=True))
    assert len(plain.hits) == 2
    assert [h.article.id for h in collapsed.hits] == [plain.hits[0].article.id]
    by_date = store.search(SearchRequest(query="", sort="date", size=50, collapse=True))
    assert len(by_date.hits) == len(CORPUS) - 1
    assert by_date.hits[0].article.published_at == max(a.published_at for a in articles)
    with pytest.raises(StoreError, match="one page only"):
        store.search(SearchRequest(query="sanctions", collapse=True, cursor="abc"))

"""clean_document end to end: metadata fields, paths, the public API shape."""

from __future__ import annotations

import json

from extract_fixtures import EN_PARAS, ZH_PARAS, make_page

from wirewatch.extract import CleanedDocument, clean_document
from wirewatch.extract.document import ARTICLE_FIELDS

URL = "https://wire.example/world/harbour-channel-reopen-2026-11-18/"


def _ld(**kw) -> str:
    obj = {"@context": "https://schema.org", "@type": "NewsArticle", **kw}
    return f'<script type="application/ld+json">{json.dumps(obj, ensure_ascii=False)}</script>'


def test_metadata_fields():
    head = (
        '<meta name="description" content="Night traffic through the northern channel resumes next week.">'
        '<meta property="article:published_time" content="2026-11-18T10:30:00+01:00">'
        '<meta property="article:modified_time" content="2026-11-18T12:00:00+01:00">'
        '<meta property="article:section" content="Business">'
        '<meta property="og:image" content="/img/bridge.jpg">'
        + _ld(
            headline="Harbour channel to reopen after bridge checks",
            author=[{"@type": "Person", "name": "Jane Doe"}, {"name": "Li Ming"}],
            articleSection=["Business", "Shipping"],
            publisher={"@type": "Organization", "name": "Test Wire"},
        )
    )
    doc = clean_document(make_page(EN_PARAS, head=head).encode(), URL)
    assert doc.ok
    assert doc.title == "Harbour channel to reopen after bridge checks"
    assert doc.description.startswith("Night traffic")
    assert doc.authors == ["Jane Doe", "Li Ming"]
    assert doc.published_at == "2026-11-18T09:30:00Z"
    assert doc.modified_at == "2026-11-18T11:00:00Z"
    assert doc.site_name == "Test Wire"
    assert doc.section == "Business"
    assert doc.categories == ["Business", "Shipping"]
    assert doc.image_url == "https://wire.example/img/bridge.jpg"
    assert doc.declared_language == "en"
    assert doc.language == "en" and doc.language_method == "langdetect"
    assert doc.extraction_path == "trafilatura"
    assert doc.word_count > 100


def test_title_from_title_element_without_site_suffix():
    doc = clean_document(make_page(EN_PARAS).encode(), URL)
    assert doc.title == "Harbour channel to reopen after bridge checks"


def test_date_fallback_to_htmldate():
    page = make_page(EN_PARAS, before='<p class="date">Published 18 November 2026</p>')
    page = page.replace("<main>", '<main><time datetime="2026-11-18T08:00:00Z">18 Nov 2026</time>')
    doc = clean_document(page.encode(), "https://wire.example/world/harbour/")
    assert doc.published_at and doc.published_at.startswith("2026-11-18")


def test_jsonld_article_body_path_for_script_rendered_pages():
    body = "\n\n".join(["SHANGHAI, Nov 18 (Reuters) - " + EN_PARAS[0], *EN_PARAS[1:]])
    page = (
        "<!DOCTYPE html><html lang='en'><head><title>Harbour</title>"
        + _ld(headline="Harbour channel to reopen", articleBody=body, datePublished="2026-11-18T08:00:00Z")
        + "</head><body><div id='app'><p>Loading…</p></div></body></html>"
    )
    doc = clean_document(page.encode(), URL)
    assert doc.ok and doc.extraction_path == "jsonld"
    assert doc.text.split("\n") == EN_PARAS
    assert doc.dateline_place == "SHANGHAI"


def test_fields_dict_has_every_article_field():
    doc = clean_document(make_page(ZH_PARAS, lang="zh-CN", title="新跨江大桥").encode(), URL)
    f = doc.fields()
    assert set(ARTICLE_FIELDS) <= set(f)
    assert f["language"] == "zh" and f["declared_language"] == "zh"
    assert isinstance(f["authors"], list) and isinstance(f["categories"], list)
    json.dumps(doc.as_dict(), ensure_ascii=False)  # serialisable


def test_dropped_constructor():
    d = CleanedDocument.dropped("binary", "a PNG image")
    assert (d.ok, d.reason, d.detail, d.text) == (False, "binary", "a PNG image", None)

"""Quality gates: pages that are not articles are dropped with a reason."""

from __future__ import annotations

import json

from extract_fixtures import EN_PARAS, make_page

from wirewatch.extract import clean_document
from wirewatch.extract.gates import url_looks_like_listing, word_count

ARTICLE_URL = "https://wire.example/world/harbour-channel-reopen-2026-11-18/"

HEADLINES = [
    "Harbour channel to reopen after bridge checks",
    "Central bank holds rates steady",
    "Storm closes mountain passes",
    "Grain talks resume in Geneva",
    "Rail strike called off",
    "Election turnout hits record",
    "Museum returns looted bronzes",
    "Drought cuts hydropower output",
    "Airline orders fifty new jets",
    "Court delays ruling on merger",
]


def test_article_passes():
    doc = clean_document(make_page(EN_PARAS).encode(), ARTICLE_URL)
    assert doc.ok and doc.reason is None


def test_tag_page_is_not_article():
    body = "".join(f'<li><a href="/world/{i}">{h}</a></li>' for i, h in enumerate(HEADLINES))
    page = make_page([], og_type="website", after=f"<ul>{body}</ul>", title="Ports")
    for url in ("https://wire.example/tag/ports/", "https://wire.example/topics/ports"):
        doc = clean_document(page.encode(), url)
        assert (doc.ok, doc.reason) == (False, "not_article"), (url, doc.reason, doc.detail)


def test_headline_list_without_listing_url():
    paras = [f"{h}." for h in HEADLINES] + [f"{h} again" for h in HEADLINES]
    page = make_page(paras, og_type="website", title="Latest")
    doc = clean_document(page.encode(), "https://wire.example/latest-news")
    assert doc.reason == "not_article"


def test_collection_page_in_jsonld_is_dropped_before_extraction():
    ld = json.dumps({"@context": "https://schema.org", "@type": "CollectionPage", "name": "World news"})
    page = make_page(EN_PARAS, head=f'<script type="application/ld+json">{ld}</script>', og_type="website")
    doc = clean_document(page.encode(), "https://wire.example/world/")
    assert doc.reason == "not_article" and "CollectionPage".lower() in doc.detail.lower()


def test_video_only_page():
    ld = json.dumps(
        {"@context": "https://schema.org", "@type": "VideoObject", "name": "Bridge checks", "uploadDate": "2026-11-18"}
    )
    page = make_page(
        ["Divers inspect the pylons of the old rail bridge before the northern channel reopens to night traffic."],
        head=f'<script type="application/ld+json">{ld}</script><meta property="og:video" content="https://v.example/1.mp4">',
        og_type="video.other",
        before='<video src="https://v.example/1.mp4" controls></video>',
    )
    doc = clean_document(page.encode(), "https://wire.example/video/bridge-checks-2026")
    assert (doc.ok, doc.reason) == (False, "video_only")


def test_paywall_flag_with_short_text():
    ld = json.dumps(
        {
            "@context": "https://schema.org",
            "@type": "NewsArticle",
            "headline": "Harbour",
            "isAccessibleForFree": "False",
        }
    )
    page = make_page(EN_PARAS[:2], head=f'<script type="application/ld+json">{ld}</script>')
    doc = clean_document(page.encode(), ARTICLE_URL)
    assert (doc.ok, doc.reason) == (False, "paywall")


def test_paywall_prompt_with_short_text():
    page = make_page(EN_PARAS[:2], after="<p>Subscribe to continue reading. Already a subscriber? Log in.</p>")
    doc = clean_document(page.encode(), ARTICLE_URL)
    assert (doc.ok, doc.reason) == (False, "paywall")
    assert "Subscribe" not in doc.text


def test_paywall_prompt_under_a_full_article_is_just_removed():
    page = make_page(EN_PARAS * 3, after="<p>Subscribe to continue reading our premium coverage.</p>")
    doc = clean_document(page.encode(), ARTICLE_URL)
    assert doc.ok and "Subscribe" not in doc.text


def test_too_short():
    page = make_page(["The bridge reopens on Monday, officials said."])
    doc = clean_document(page.encode(), ARTICLE_URL)
    assert (doc.ok, doc.reason) == (False, "too_short")
    assert "words" in doc.detail


def test_no_text():
    page = "<html><head><title>Nothing</title></head><body><nav><a href='/'>Home</a></nav></body></html>"
    doc = clean_document(page.encode(), ARTICLE_URL)
    assert not doc.ok and doc.reason in ("no_text", "too_short")


def test_every_drop_has_reason_and_detail():
    for body in (b"", b"\x89PNG\r\n\x1a\n\x00\x00", make_page(["Short."]).encode()):
        doc = clean_document(body, ARTICLE_URL)
        assert not doc.ok and doc.reason and doc.detail


def test_word_count_cjk_and_latin():
    assert word_count("one two three") == 3
    assert word_count("中国外交部") == 3  # five CJK characters ~ 2.5 words
    assert word_count("") == 0


def test_listing_urls():
    assert url_looks_like_listing("https://wire.example/")
    assert url_looks_like_listing("https://wire.example/tag/ports")
    assert url_looks_like_listing("https://wire.example/world/page/3")
    assert url_looks_like_listing("https://wire.example/search?q=ports")
    assert not url_looks_like_listing(ARTICLE_URL)
    assert not url_looks_like_listing("http://oldcourier.example/news/view.php?id=1042")

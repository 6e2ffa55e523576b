"""URL canonicalisation: one article, one URL."""

import pytest

from wirewatch.urls import canonical_link, canonical_url


@pytest.mark.parametrize(
    "url,expected",
    [
        ("https://Wire.Example/world/story-1?utm_source=rss&utm_medium=feed", "https://wire.example/world/story-1"),
        ("https://wire.example/world/story-1?fbclid=abc&id=3#comments", "https://wire.example/world/story-1?id=3"),
        ("https://wire.example/world/story-1/amp", "https://wire.example/world/story-1"),
        ("https://wire.example/amp/world/story-1", "https://wire.example/world/story-1"),
        ("https://wire.example/world/story-1.amp.html", "https://wire.example/world/story-1.html"),
        ("https://wire.example/world/story-1?outputType=amp", "https://wire.example/world/story-1"),
        ("https://wire.example/world/story-1?amp=1&page=2", "https://wire.example/world/story-1?page=2"),
        ("https://wire.example/ampere/record", "https://wire.example/ampere/record"),
        ("https://wire.example/world/story?outputType=print", "https://wire.example/world/story?outputType=print"),
        ("https://wire.example/w?utm_source=x&nid=5", "https://wire.example/w?nid=5"),  # ids in the query survive
        ("https://wire.example/w?gclid=y&articleId=9", "https://wire.example/w?articleId=9"),
    ],
)
def test_canonical_url(url, expected):
    assert canonical_url(url) == expected


def test_canonical_link_is_read_from_the_head_and_made_absolute():
    page = b'<html><head><meta charset="utf-8"><link href="/world/story-1" rel="canonical"></head><body>x</body></html>'
    assert canonical_link(page, "https://wire.example/amp/world/story-1") == "https://wire.example/world/story-1"
    assert canonical_link(b"<html><head></head></html>", "https://wire.example/") is None
    assert canonical_link(b'<link rel="canonical" href="">', "https://wire.example/") is None

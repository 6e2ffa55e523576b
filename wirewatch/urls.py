"""URL canonicalisation: one article, one URL, whatever feed or link it came through."""

from __future__ import annotations

import re
from urllib.parse import urljoin, urlsplit, urlunsplit

import courlan
from w3lib.url import canonicalize_url


_AMP_QUERY = {"amp", "amp_js_v", "usqp"}
_CANONICAL_LINK = re.compile(rb"<link\b[^>]*\brel\s*=\s*[\"']?canonical\b[^>]*>", re.I)
_HREF = re.compile(rb"\bhref\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s>]+))", re.I)


def canonical_url(url: str) -> str:
    """Tracking parameters (utm_*, fbclid, gclid…), AMP markers and fragments stripped, host lower-cased.

    courlan knows the tracking parameters. Its *strict* mode is not used: it keeps only an
    allow-list of parameters and would merge distinct articles addressed as `?nid=5`,
    `?articleId=9`. w3lib is the fallback for URLs courlan refuses.
    """
    url = url.strip()
    try:
        normalised = courlan.normalize_url(url, strict=False)
    except Exception:  # courlan raises assorted errors on odd input
        normalised = canonicalize_url(url, keep_fragments=False)
    parts = urlsplit(normalised)
    return urlunsplit((parts.scheme, parts.netloc, _strip_amp_path(parts.path or "/"), _strip_amp_query(parts.query), ""))


def _strip_amp_path(path: str) -> str:
    """`/story/amp`, `/amp/story`, `/story.amp.html`, `/story.amp` -> the regular article path."""
    if path.endswith("/amp") or path.endswith("/amp/"):
        path = path[: path.rstrip("/").rfind("/amp")] or "/"
    path = path.replace("/amp/", "/", 1) if path.startswith("/amp/") else path
    for suffix in (".amp.html", ".amp"):
        if path.endswith(suffix):
            path = path[: -len(suffix)] + (".html" if suffix == ".amp.html" else "")
    return path


def _strip_amp_query(query: str) -> str:
    def is_amp(pair: str) -> bool:
        key, _, value = pair.partition("=")
        return key.lower() in _AMP_QUERY or (key.lower() == "outputtype" and value.lower() == "amp")

    kept = [pair for pair in query.split("&") if pair and not is_amp(pair)]
    return "&".join(kept)


def canonical_link(body: bytes, base_url: str) -> str | None:
    """The page's `<link rel="canonical">`, absolute, from the first 64 KB (the head)."""
    tag = _CANONICAL_LINK.search(body[:65536])
    if not tag:
        return None
    href = _HREF.search(tag.group(0))
    if not href:
        return None
    raw = next(g for g in href.groups() if g is not None).decode("utf-8", "replace").strip()
    return urljoin(base_url, raw) if raw else None


def domain_of(url: str) -> str:
    return (urlsplit(url).hostname or "").lower()

"""URL canonicalisation: one article, one URL, whatever feed or link it came through."""

from __future__ import annotations

from urllib.parse import urlsplit, urlunsplit

import courlan
from w3lib.url import canonicalize_url


def canonical_url(url: str) -> str:
    """Tracking parameters (utm_*, fbclid, gclid…) and fragments stripped, host lower-cased.

    courlan's strict normalisation knows the tracking parameters; w3lib is the fallback for
    URLs courlan refuses (odd ports, IDNs it cannot parse).
    """
    url = url.strip()
    try:
        normalised = courlan.normalize_url(url, strict=True)
    except Exception:  # courlan raises assorted errors on odd input
        normalised = canonicalize_url(url, keep_fragments=False)
    parts = urlsplit(normalised)
    return urlunsplit((parts.scheme, parts.netloc, parts.path or "/", parts.query, ""))


def domain_of(url: str) -> str:
    return (urlsplit(url).hostname or "").lower()

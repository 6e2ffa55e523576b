"""Reading discovery documents (sitemaps, news sitemaps, sitemap indexes) without Scrapy.

Scrapy's own `Sitemap` flattens each <url> to its direct children's text, which loses the
Google News block (`news:publication_date`, `news:title`) that wire sitemaps rely on; this
reader keeps it. lxml's recovering parser tolerates the usual breakage (stray bytes, unclosed
tags) and refuses entities, so a hostile sitemap cannot expand itself.
"""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree


class DiscoveryError(ValueError):
    """A discovery document that cannot be read at all."""


@dataclass(frozen=True)
class SitemapEntry:
    loc: str
    lastmod: str | None = None
    published: str | None = None  # news:publication_date
    title: str | None = None  # news:title


@dataclass(frozen=True)
class SitemapDocument:
    kind: str  # "urlset" | "sitemapindex"
    entries: list[SitemapEntry]


_PARSER = etree.XMLParser(recover=True, resolve_entities=False, no_network=True, huge_tree=False, remove_comments=True)


def _local(tag: object) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _child_text(element: etree._Element, *path: str) -> str | None:
    node = element
    for name in path:
        node = next((c for c in node if _local(c.tag) == name), None)
        if node is None:
            return None
    text = (node.text or "").strip()
    return text or None


def parse_sitemap(body: bytes) -> SitemapDocument:
    try:
        root = etree.fromstring(body.lstrip(), parser=_PARSER)
    except etree.XMLSyntaxError as exc:
        raise DiscoveryError(f"not XML: {exc}") from None
    if root is None:
        raise DiscoveryError("empty or unreadable XML")
    kind = _local(root.tag).lower()
    if kind not in ("urlset", "sitemapindex"):
        raise DiscoveryError(f"root element is <{_local(root.tag)}>, not <urlset> or <sitemapindex>")
    entries = []
    for element in root:
        if _local(element.tag) not in ("url", "sitemap"):
            continue
        loc = _child_text(element, "loc")
        if not loc:
            continue
        entries.append(
            SitemapEntry(
                loc=loc,
                lastmod=_child_text(element, "lastmod"),
                published=_child_text(element, "news", "publication_date"),
                title=_child_text(element, "news", "title"),
            )
        )
    return SitemapDocument(kind, entries)

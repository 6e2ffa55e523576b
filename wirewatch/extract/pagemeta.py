"""A cheap, single pass over <head> meta tags and JSON-LD for what trafilatura's
metadata does not give: times (with hours), modified date, section, image,
declared language, page type (article / listing / video), paywall flags and the
JSON-LD articleBody used as the last-resort text."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

from lxml.html import HtmlElement

ARTICLE_TYPES = {
    "newsarticle",
    "article",
    "reportagenews",
    "analysisnewsarticle",
    "backgroundnewsarticle",
    "opinionnewsarticle",
    "reviewnewsarticle",
    "blogposting",
    "liveblogposting",
    "report",
    "scholarlyarticle",
    "socialmediaposting",
    "techarticle",
    "askpublicnewsarticle",
}
LISTING_TYPES = {"collectionpage", "itemlist", "searchresultspage", "website", "profilepage", "sitenavigationelement"}
VIDEO_TYPES = {"videoobject", "videogallery"}

_PUBLISHED_KEYS = (
    "article:published_time",
    "og:article:published_time",
    "datepublished",
    "pubdate",
    "publishdate",
    "publish-date",
    "date",
    "dc.date.issued",
    "dc.date",
    "dcterms.created",
    "sailthru.date",
    "parsely-pub-date",
    "original-publish-date",
    "article.published",
)
_MODIFIED_KEYS = (
    "article:modified_time",
    "og:article:modified_time",
    "og:updated_time",
    "datemodified",
    "last-modified",
    "dcterms.modified",
    "article.updated",
    "lastmod",
)


@dataclass
class PageMeta:
    published: str | None = None
    modified: str | None = None
    section: str | None = None
    sections: list[str] = field(default_factory=list)
    image: str | None = None
    language: str | None = None
    og_type: str | None = None
    ld_types: set[str] = field(default_factory=set)
    article_body: str | None = None
    headline: str | None = None
    description: str | None = None
    site_name: str | None = None
    authors: list[str] = field(default_factory=list)
    free: bool | None = None  # isAccessibleForFree
    has_video: bool = False

    @property
    def is_article_typed(self) -> bool:
        return bool(self.ld_types & ARTICLE_TYPES) or (self.og_type or "").startswith("article")

    @property
    def is_listing_typed(self) -> bool:
        return (
            bool(self.ld_types & LISTING_TYPES)
            and not self.ld_types & ARTICLE_TYPES
            and not (self.og_type or "").startswith("article")
        )

    @property
    def is_video_typed(self) -> bool:
        return (self.og_type or "").startswith("video") or (
            bool(self.ld_types & VIDEO_TYPES) and not self.ld_types & ARTICLE_TYPES
        )


def _first(*values):
    for v in values:
        if v:
            return v
    return None


def _text(value) -> str | None:
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    if isinstance(value, list):
        for v in value:
            t = _text(v)
            if t:
                return t
    if isinstance(value, dict):
        return _text(value.get("name") or value.get("url") or value.get("@value"))
    return None


def _names(value) -> list[str]:
    out: list[str] = []
    for v in value if isinstance(value, list) else [value]:
        if isinstance(v, dict):
            v = v.get("name")
        if isinstance(v, str) and v.strip() and not v.strip().startswith("http"):
            out.append(v.strip())
    return out


def _ld_objects(data, depth: int = 0):
    if depth > 4:
        return
    if isinstance(data, list):
        for item in data[:50]:
            yield from _ld_objects(item, depth + 1)
    elif isinstance(data, dict):
        yield data
        graph = data.get("@graph")
        if graph is not None:
            yield from _ld_objects(graph, depth + 1)
        main = data.get("mainEntity")
        if isinstance(main, (dict, list)):
            yield from _ld_objects(main, depth + 1)


def _types(obj: dict) -> set[str]:
    t = obj.get("@type")
    ts = t if isinstance(t, list) else [t]
    return {x.lower() for x in ts if isinstance(x, str)}


def scan(tree: HtmlElement) -> PageMeta:
    meta = PageMeta()
    tags: dict[str, str] = {}
    for el in tree.iter("meta"):
        key = el.get("property") or el.get("name") or el.get("itemprop") or el.get("http-equiv")
        content = el.get("content")
        if key and content:
            tags.setdefault(key.strip().lower(), content.strip())
    root = tree.getroottree().getroot() if hasattr(tree, "getroottree") else tree
    html_lang = root.get("lang") or root.get("xml:lang") or root.get("{http://www.w3.org/XML/1998/namespace}lang")

    article_obj: dict | None = None
    other_objs: list[dict] = []
    for script in tree.iterfind(".//script[@type]"):
        if "ld+json" not in (script.get("type") or "").lower():
            continue
        raw = script.text or ""
        if not raw.strip() or len(raw) > 2_000_000:
            continue
        try:
            data = json.loads(raw)
        except ValueError:
            try:  # common breakage: trailing commas, raw newlines inside strings
                data = json.loads(re.sub(r",\s*([}\]])", r"\1", raw).replace("\n", " "))
            except ValueError:
                continue
        for obj in _ld_objects(data):
            types = _types(obj)
            meta.ld_types |= types
            if types & ARTICLE_TYPES and article_obj is None:
                article_obj = obj
            else:
                other_objs.append(obj)
    if tree.find(".//video") is not None or tree.find(".//amp-video") is not None:
        meta.has_video = True

    a = article_obj or {}
    meta.published = _first(_text(a.get("datePublished")), *(tags.get(k) for k in _PUBLISHED_KEYS))
    meta.modified = _first(_text(a.get("dateModified")), *(tags.get(k) for k in _MODIFIED_KEYS))
    sect = a.get("articleSection")
    meta.sections = [
        s.strip() for s in (sect if isinstance(sect, list) else [sect]) if isinstance(s, str) and s.strip()
    ]
    meta.section = _first(tags.get("article:section"), meta.sections[0] if meta.sections else None, tags.get("section"))
    meta.image = _first(
        tags.get("og:image"), tags.get("og:image:url"), tags.get("twitter:image"), _text(a.get("image"))
    )
    meta.language = _first(
        html_lang,
        tags.get("content-language"),
        tags.get("og:locale"),
        _text(a.get("inLanguage")),
        tags.get("language"),
        tags.get("dc.language"),
    )
    meta.og_type = (tags.get("og:type") or "").lower() or None
    body = a.get("articleBody")
    if isinstance(body, str) and body.strip():
        meta.article_body = body.strip()
    meta.headline = _clean_title(
        _first(tags.get("og:title"), _text(a.get("headline")), tags.get("twitter:title"), tags.get("dc.title")),
        tree,
        meta_site=tags.get("og:site_name"),
    )
    meta.description = _first(tags.get("description"), tags.get("og:description"), _text(a.get("description")))
    pub = a.get("publisher")
    meta.site_name = _first(tags.get("og:site_name"), _text(pub) if pub else None)
    meta.authors = _names(a.get("author")) if a.get("author") else []
    if not meta.authors:
        meta.authors = _meta_authors(tags) or _byline_authors(tree)
    free = a.get("isAccessibleForFree")
    if free is None:
        for obj in other_objs:
            if "isAccessibleForFree" in obj:
                free = obj["isAccessibleForFree"]
                break
    if isinstance(free, str):
        free = free.strip().lower() not in ("false", "no", "0")
    meta.free = free if isinstance(free, bool) else None
    if meta.free is None and tags.get("article:content_tier", "").lower() in ("locked", "metered"):
        meta.free = False
    return meta


_TITLE_SEP = re.compile(r"\s+[|–—:·•»-]\s+")


def _clean_title(candidate: str | None, tree: HtmlElement, meta_site: str | None) -> str | None:
    """og:title / headline, else <title> without its " | Site" part, else the first <h1>."""
    if candidate and candidate.strip():
        return " ".join(candidate.split())
    title_el = tree.find(".//title")
    title = " ".join((title_el.text_content() if title_el is not None else "").split())
    if title:
        seps = list(_TITLE_SEP.finditer(title))
        if seps:
            site = (meta_site or "").strip().casefold()
            head, tail = title[: seps[-1].start()], title[seps[-1].end() :]
            first, rest = title[: seps[0].start()], title[seps[0].end() :]
            if tail.strip().casefold() == site or len(tail) <= min(40, len(head) - 1):
                title = head
            elif site and first.strip().casefold() == site:
                title = rest
        return title
    h1 = tree.find(".//h1")
    if h1 is not None:
        text = " ".join(h1.text_content().split())
        return text or None
    return None


_AUTHOR_META = ("author", "article:author", "parsely-author", "sailthru.author", "dc.creator", "byl", "citation_author")
_BY_PREFIX = re.compile(r"^\s*(by|par|von|por|di|de|от|автор:?|作者[:：]?)\s+", re.I)


def _meta_authors(tags: dict[str, str]) -> list[str]:
    for key in _AUTHOR_META:
        value = tags.get(key)
        if value and not value.startswith("http") and len(value) <= 120:
            value = _BY_PREFIX.sub("", value)
            names = [n.strip() for n in re.split(r"\s*(?:;|,|\band\b|&)\s*", value) if n.strip()]
            if names:
                return names
    return []


def _byline_authors(tree: HtmlElement) -> list[str]:
    """rel=author / itemprop=author / a short .byline element: the first one only."""
    for xp in (".//*[@rel='author']", ".//*[@itemprop='author']", ".//*[contains(@class,'byline')]"):
        for el in tree.iterfind(xp) if "contains" not in xp else tree.xpath(xp)[:1]:
            name = el.get("content") if el.tag == "meta" else " ".join(el.text_content().split())
            if name and 3 <= len(name) <= 60:
                name = _BY_PREFIX.sub("", name).strip()
                if name and not name.startswith("http"):
                    return [name]
            break
    return []

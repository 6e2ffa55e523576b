"""Quality gates: decide that a cleaned page is not an article, and say why."""

from __future__ import annotations

import re
from dataclasses import dataclass
from statistics import median
from urllib.parse import urlsplit

from .pagemeta import PageMeta

_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*|\d+(?:[.,]\d+)*")
_LISTING_PATH = re.compile(
    r"/(tag|tags|topic|topics|category|categories|section|sections|author|authors|search|archive|archives|"
    r"rubrique|themen|thema|tema|temas|etiqueta|etiquetas|rubrica|rubriche|rubric|tema|tegs|teg|theme)"
    r"(/|$|\?)|/page/\d+/?$|[?&](page|p|s|q)=",
    re.I,
)


@dataclass
class GateOptions:
    min_words: int = 40  # shorter: too_short
    paywall_max_words: int = 250  # a paywall flag/prompt with less text than this: paywall
    video_max_words: int = 120  # a video page with less text than this: video_only
    listing_min_paragraphs: int = 8
    listing_max_median_chars: int = 60


def word_count(text: str) -> int:
    """Words in alphabetic scripts plus CJK characters / 2 (a CJK word is ~2 characters)."""
    if not text:
        return 0
    cjk = len(_CJK.findall(text))
    if cjk:
        text = _CJK.sub(" ", text)
    return len(_WORD.findall(text)) + (cjk + 1) // 2


def url_looks_like_listing(url: str | None) -> bool:
    if not url:
        return False
    parts = urlsplit(url)
    path = parts.path or "/"
    if path in ("/", "") and not parts.query:
        return True
    return bool(_LISTING_PATH.search(path + ("?" + parts.query if parts.query else "")))


def pre_extraction_gate(meta: PageMeta, url: str | None) -> tuple[str, str] | None:
    """Cheap verdicts from page metadata alone, before paying for extraction."""
    strong_listing = meta.ld_types & {"collectionpage", "itemlist", "searchresultspage"}
    if strong_listing and not meta.is_article_typed:
        return "not_article", f"page is typed {sorted(strong_listing)[0]} in JSON-LD, not an article"
    return None


def post_extraction_gate(
    paragraphs: list[str],
    words: int,
    meta: PageMeta,
    url: str | None,
    paywall_hits: int,
    options: GateOptions,
) -> tuple[str, str] | None:
    listing_shape = bool(paragraphs) and _listing_shape(paragraphs, options)
    if not meta.is_article_typed:
        if url_looks_like_listing(url) and (listing_shape or words < options.min_words):
            return "not_article", "index/tag page: listing URL, no article-sized text"
        if listing_shape:
            return "not_article", f"list of {len(paragraphs)} short lines, no article structure"
    if not paragraphs or words == 0:
        return "no_text", "no article text left after extraction and cleaning"
    if meta.is_video_typed and words < options.video_max_words:
        return "video_only", f"video page with only {words} words of text"
    if meta.has_video and words < options.video_max_words and _mentions_video(url):
        return "video_only", f"video player with only {words} words of text"
    if meta.free is False and words < options.paywall_max_words:
        return "paywall", f"marked isAccessibleForFree=false, only {words} words visible"
    if paywall_hits and words < options.paywall_max_words:
        return "paywall", f"subscription prompt with only {words} words visible"
    if words < options.min_words:
        return "too_short", f"{words} words, fewer than {options.min_words}"
    return None


def _listing_shape(paragraphs: list[str], options: GateOptions) -> bool:
    if len(paragraphs) < options.listing_min_paragraphs:
        return False
    lengths = [len(p) for p in paragraphs]
    long_paras = sum(1 for n in lengths if n > 200)
    return median(lengths) <= options.listing_max_median_chars and long_paras <= 1


def _mentions_video(url: str | None) -> bool:
    return bool(url and re.search(r"/(video|videos|watch|tv|vid)(/|-|$)", url, re.I))

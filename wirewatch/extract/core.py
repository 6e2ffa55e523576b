"""clean_document: one HTTP body in, one CleanedDocument out, never an exception.

Pipeline: bytes -> (empty/binary/size/charset gates) text -> one lxml tree -> one
pass over meta tags and JSON-LD (title, authors, dates with times, section, image,
page type, paywall flag, articleBody) -> layout tables unwrapped -> one fast
trafilatura ``bare_extraction`` call; only when it under-delivers: JSON-LD
articleBody, else trafilatura's full cascade (readability/justext/baseline) ->
language (langdetect, seeded, bounded slice) -> wire boilerplate rules (YAML) ->
dateline -> dates in UTC (htmldate only when the page metadata gave none) ->
quality gates. Per article this costs about as much CPU as a bare
``trafilatura.extract`` call (benchmarks/extract/run.py).
"""

from __future__ import annotations

import logging
import re
from copy import deepcopy
from dataclasses import dataclass, field
from datetime import date
from urllib.parse import urljoin, urlsplit

from .boilerplate import clean_paragraphs, rulebook
from .dateline import strip_dateline
from .dates import to_utc_iso
from .decode import MAX_BYTES, DecodeProblem, decode_body, decode_text
from .document import CleanedDocument
from .gates import GateOptions, post_extraction_gate, pre_extraction_gate, word_count
from .language import detect_language, normalise_code
from .pagemeta import PageMeta, scan

log = logging.getLogger(__name__)

_NON_HTML_TYPES = re.compile(
    r"^(image|video|audio|font)/|^application/(pdf|zip|gzip|x-|octet-stream|vnd\.|msword|ogg|wasm)", re.I
)
_CHARSET_IN_TYPE = re.compile(r"charset\s*=\s*[\"']?([\w.:-]+)", re.I)
MIN_TRAFILATURA_CHARS = 80  # below this, try the fallbacks


@dataclass
class CleanOptions:
    max_bytes: int = MAX_BYTES
    favor_precision: bool = True
    include_tables: bool = True
    gates: GateOptions = field(default_factory=GateOptions)
    # prefer the JSON-LD articleBody when the extracted text is less than this share of it
    jsonld_prefer_ratio: float = 0.5
    # a fast-path text with fewer words than this (CJK: characters / 2) triggers the fallbacks
    min_fast_words: int = 50


DEFAULT_OPTIONS = CleanOptions()


def clean_document(
    body: bytes | str,
    url: str,
    *,
    content_type: str | None = None,
    headers_encoding: str | None = None,
    source_rules: str | None = None,
    options: CleanOptions | None = None,
) -> CleanedDocument:
    """Clean one page. `source_rules` is a catalogue source id whose per-source
    rules (rules/*.yaml ``sources:`` sections) apply on top of the language rules.
    Never raises: a page that cannot be cleaned comes back with ok=False and a reason."""
    try:
        return _clean(body, url, content_type, headers_encoding, source_rules, options or DEFAULT_OPTIONS)
    except Exception as exc:  # noqa: BLE001 - the contract is: never raise
        log.exception("extraction failed for %s", url)
        return CleanedDocument.dropped("error", f"unexpected {type(exc).__name__}: {exc}", url=url)


def _clean(body, url, content_type, headers_encoding, source_rules, opts: CleanOptions) -> CleanedDocument:
    if body is None:
        return CleanedDocument.dropped("empty", "no body", url=url)
    if content_type:
        ctype = content_type.split(";", 1)[0].strip()
        if _NON_HTML_TYPES.search(ctype) and not (isinstance(body, (bytes, bytearray)) and _looks_html(body)):
            return CleanedDocument.dropped("binary", f"content type {ctype} is not a web page", url=url)
        if not headers_encoding:
            m = _CHARSET_IN_TYPE.search(content_type)
            headers_encoding = m.group(1) if m else None
    try:
        if isinstance(body, (bytes, bytearray, memoryview)):
            decoded = decode_body(
                bytes(body), headers_encoding=headers_encoding, content_type=content_type, max_bytes=opts.max_bytes
            )
        else:
            decoded = decode_text(str(body), opts.max_bytes)
    except DecodeProblem as prob:
        return CleanedDocument.dropped(prob.reason, prob.detail, url=url)

    tree = _parse(decoded.text)
    if tree is None:
        return CleanedDocument.dropped("no_text", "not parseable as HTML", url=url, encoding=decoded.encoding)

    meta = scan(tree)
    declared = normalise_code(meta.language)
    base = CleanedDocument(ok=False, url=url, encoding=decoded.encoding, declared_language=declared)

    verdict = pre_extraction_gate(meta, url)
    if verdict:
        base.reason, base.detail = verdict
        _fill_meta(base, meta, url)
        return base

    book = rulebook()
    day = date.today()
    prune = book.ruleset((), source_rules, day).prune_xpath if source_rules else []
    _fill_meta(base, meta, url)
    _unwrap_layout_tables(tree)
    text, path = _extract(tree, url, meta, opts, prune)
    base.extraction_path = path
    if not text:
        base.reason, base.detail = "no_text", "no extractor found article text"
        return base

    paragraphs = [p.strip() for p in text.split("\n") if p.strip()]
    guess = detect_language(text, declared)
    langs = tuple(dict.fromkeys(c for c in (guess.code, declared) if c))
    rules = book.ruleset(langs, source_rules, day)
    kept, removed = clean_paragraphs(paragraphs, rules, authors=base.authors, title=base.title)
    kept, dl = strip_dateline(kept)
    if dl:
        base.dateline_place, base.dateline_date, base.dateline_agency = dl.place, dl.date, dl.agency
        removed.append(("dateline", dl.raw))
    base.removed = removed
    base.text = "\n".join(kept) or None
    base.word_count = word_count(base.text or "")
    base.language, base.language_confidence, base.language_method = guess.code, guess.confidence, guess.method

    if not base.published_at:
        base.published_at = _htmldate_fallback(tree, url)

    paywall_hits = sum(1 for fam, _ in removed if fam == "paywall")
    verdict = post_extraction_gate(kept, base.word_count, meta, url, paywall_hits, opts.gates)
    if verdict:
        base.reason, base.detail = verdict
        return base
    base.ok = True
    return base


def _unwrap_layout_tables(tree) -> None:
    """Old sites lay pages out with tables; trafilatura then renders the article as
    one table row ("| ... |"). A table that nests tables or holds a long-text cell is
    layout, not data: turn it into divs (innermost first) so paragraphs survive."""
    tables = list(tree.iter("table"))
    if not tables:
        return
    for table in reversed(tables):
        cells = list(table.iter("td", "th"))
        layout = table.find(".//table") is not None or any(len(cell.text_content()) > 250 for cell in cells)
        if not layout:
            continue
        table.tag = "div"
        for el in table.iter("tbody", "thead", "tfoot", "tr", "td", "th", "caption"):
            el.tag = "div"
            for attr in ("width", "valign", "align", "colspan", "rowspan", "bgcolor"):
                el.attrib.pop(attr, None)
        for br in list(table.iter("br")):
            nxt = br.getnext()
            # "<br><br>" separates paragraphs in these layouts
            if nxt is not None and nxt.tag == "br" and not (br.tail or "").strip():
                br.tag = "p"
                br.text = ""
                nxt.tag = "lbdrop"
        # nothing else to do: trafilatura treats unknown tags as inline text
    for el in list(tree.iter("lbdrop")):
        el.drop_tag()


def _looks_html(body: bytes) -> bool:
    head = body[:1024].lstrip().lower()
    return head.startswith((b"<!doctype html", b"<html", b"<head", b"<body", b"<?xml"))


def _parse(text: str):
    from trafilatura.utils import load_html

    tree = load_html(text)
    if tree is None and text.strip():
        tree = load_html(f"<html><body><div>{text}</div></body></html>")
    return tree


def _bare(tree, url: str, opts: CleanOptions, prune: list[str], *, fast: bool, with_metadata: bool = False):
    from trafilatura import bare_extraction

    try:
        return bare_extraction(
            tree,
            url=url,
            fast=fast,
            with_metadata=with_metadata,
            include_comments=False,
            include_tables=opts.include_tables,
            include_images=False,
            include_links=False,
            favor_precision=opts.favor_precision,
            date_extraction_params={"extensive_search": False, "original_date": True},
            prune_xpath=prune or None,
        )
    except Exception as exc:  # noqa: BLE001
        log.warning("trafilatura failed on %s: %s", url, exc)
        return None


def _extract(tree, url: str, meta: PageMeta, opts: CleanOptions, prune: list[str]):
    """Text + metadata in one trafilatura call on the fast path; the costly
    fallbacks run only when that under-delivers:

    1. ``bare_extraction(fast=True)`` — trafilatura's main extractor (the page
       metadata comes from our own single meta/JSON-LD pass, pagemeta.scan);
    2. the page's JSON-LD ``articleBody``, when it has one and (1) gave little
       (JavaScript-rendered pages): the publisher's own statement of the text;
    3. otherwise trafilatura's full cascade (``fast=False``: readability and
       justext comparison, baseline rescue), then readability/justext directly
       when trafilatura discarded the page.
    """
    doc = _bare(tree, url, opts, prune, fast=True)
    text = (getattr(doc, "text", None) or "").strip()
    path = "trafilatura"
    if word_count(text) >= opts.min_fast_words:
        return text, path
    jsonld = _jsonld_text(meta.article_body) if meta.article_body else ""
    if jsonld and len(text) < opts.jsonld_prefer_ratio * len(jsonld):
        return jsonld, "jsonld"
    full = _bare(tree, url, opts, prune, fast=False)
    full_text = (getattr(full, "text", None) or "").strip()
    if len(full_text) > len(text):
        text, path = full_text, "trafilatura_fallback"
    if len(text) < MIN_TRAFILATURA_CHARS:
        fb = _fallback_text(tree, url)
        if len(fb) > len(text):
            text, path = fb, "trafilatura_fallback"
    if not text:
        path = "none"
    return text, path


def _jsonld_text(body: str) -> str:
    import html

    body = html.unescape(body)
    body = re.sub(r"<br\s*/?>|</p>", "\n", body, flags=re.I)
    body = re.sub(r"<[^>]{1,300}>", "", body)
    return "\n".join(p.strip() for p in re.split(r"\n+", body) if p.strip())


def _fallback_text(tree, url: str) -> str:
    """trafilatura's own safety nets: readability, then justext."""
    from trafilatura.external import try_justext, try_readability

    best = ""
    try:
        summary = try_readability(deepcopy(tree))
        t = _block_text(summary)
        if len(t) > len(best):
            best = t
    except Exception:  # noqa: BLE001
        pass
    if len(best) < 250:
        try:
            body = try_justext(deepcopy(tree), url, None)
            t = "\n".join(p.strip() for p in (" ".join(el.itertext()) for el in body) if p.strip())
            if len(t) > len(best):
                best = t
        except Exception:  # noqa: BLE001
            pass
    return best


_BLOCKS = {"p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "td", "pre", "section", "article"}


def _block_text(el) -> str:
    """Text of an element tree with one paragraph per block element."""
    if el is None:
        return ""
    parts: list[str] = []
    buf: list[str] = []

    def flush():
        s = " ".join("".join(buf).split())
        if s:
            parts.append(s)
        buf.clear()

    for event, node in _iterwalk(el):
        tag = node.tag if isinstance(node.tag, str) else ""
        if event == "start":
            if tag in _BLOCKS:
                flush()
            if tag in ("script", "style"):
                continue
            if node.text and tag not in ("script", "style"):
                buf.append(node.text)
        else:
            if tag in _BLOCKS or tag == "br":
                flush()
            if node.tail:
                buf.append(node.tail)
    flush()
    return "\n".join(parts)


def _iterwalk(el):
    from lxml import etree

    return etree.iterwalk(el, events=("start", "end"))


def _fill_meta(out: CleanedDocument, meta: PageMeta, url: str) -> None:
    out.title = _clean_str(meta.headline)
    if out.title and len(out.title) > 300:  # an unclosed <title> swallowed the page
        out.title = None
    out.description = _clean_str(meta.description)
    out.authors = list(dict.fromkeys(a for a in (_clean_str(x) for x in meta.authors) if a))
    out.site_name = _clean_str(meta.site_name) or _host(url)
    out.categories = list(
        dict.fromkeys(c.strip() for c in ([meta.section] if meta.section else []) + meta.sections if c and c.strip())
    )
    out.section = _clean_str(meta.section)
    out.image_url = urljoin(url or "", meta.image) if meta.image else None
    out.published_at = to_utc_iso(meta.published)
    out.modified_at = to_utc_iso(meta.modified)
    if out.published_at and out.modified_at and out.modified_at < out.published_at:
        out.modified_at = None


def _host(url: str | None) -> str | None:
    if not url:
        return None
    host = urlsplit(url).hostname or ""
    return host[4:] if host.startswith("www.") else host or None


def _clean_str(value) -> str | None:
    if not value or not isinstance(value, str):
        return None
    s = " ".join(value.split())
    return s or None


def _htmldate_fallback(tree, url: str) -> str | None:
    """htmldate (extensive search), only when the page's own metadata gave no date."""
    try:
        from htmldate import find_date

        found = find_date(tree, extensive_search=True, original_date=True, url=url, outputformat="%Y-%m-%dT%H:%M:%S%z")
    except Exception:  # noqa: BLE001
        return None
    return to_utc_iso(found)

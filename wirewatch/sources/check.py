"""Live health check of catalogue discovery entries (needs internet access).

``check_sources`` fetches every discovery URL of the given sources with a small thread pool
and reports, per entry: HTTP status, what the document is (RSS / Atom / RDF / sitemap urlset /
sitemap index / HTML listing), how many items it lists (feed items, Atom entries, sitemap
URLs, article links on a listing page) and the newest date found. It never raises: network
and parse problems become a short ``error`` string ("DNS lookup failed ...", "HTTP 404 Not
Found", "not well-formed XML ...").

Only the standard library is used (urllib, gzip/zlib, ElementTree, html.parser) so this
module stays free of Scrapy and of optional dependencies.
"""

from __future__ import annotations

import errno
import http.client
import ipaddress
import os
import re
import socket
import ssl
import time
import urllib.error
import urllib.request
import xml.etree.ElementTree as ET
import zlib
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass
from datetime import date, datetime, timezone
from email.utils import parsedate_to_datetime
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

from .model import Discovery, Source

__all__ = ["CheckResult", "DEFAULT_USER_AGENT", "check_discovery", "check_sources"]

DEFAULT_USER_AGENT = os.environ.get(
    "WIREWATCH_USER_AGENT",
    "Mozilla/5.0 (compatible; wirewatch/0.1; news-monitoring crawler; sources check)",
)
MAX_BYTES = 50 * 1024 * 1024  # sitemaps may be 50 MB uncompressed by the protocol
_ACCEPT = (
    "application/rss+xml, application/atom+xml, application/rdf+xml, application/xml;q=0.9, "
    "text/xml;q=0.9, text/html;q=0.8, */*;q=0.5"
)

_FEED_ROOTS = {"rss": "rss", "feed": "atom", "RDF": "rdf"}
_SITEMAP_ROOTS = {"urlset": "urlset", "sitemapindex": "sitemapindex"}
_EXPECTED: dict[str, set[str]] = {
    "rss": {"rss"},
    "atom": {"atom"},
    "rdf": {"rdf"},
    "feed": {"rss", "atom", "rdf"},
    "sitemap": {"urlset", "sitemapindex"},
    "news_sitemap": {"urlset"},
    "sitemap_index": {"sitemapindex"},
}
_FEED_KINDS = {"rss", "atom", "rdf"}


@dataclass
class CheckResult:
    """Health of one discovery entry."""

    source_id: str
    index: int
    kind: str
    url: str
    verified: bool = False
    ok: bool = False
    status: int | None = None
    detected: str | None = None
    """What was found: rss, atom, rdf, urlset, sitemapindex, html."""
    items: int | None = None
    newest: datetime | None = None
    error: str | None = None
    note: str | None = None
    elapsed: float = 0.0
    final_url: str | None = None

    def to_dict(self) -> dict[str, object]:
        d = asdict(self)
        d["newest"] = self.newest.isoformat() if self.newest else None
        d["elapsed"] = round(self.elapsed, 3)
        return d


# ---------------------------------------------------------------------------------------------
# HTTP


class _CheckFailed(Exception):
    def __init__(self, message: str, status: int | None = None):
        super().__init__(message)
        self.status = status


def _is_loopback(url: str) -> bool:
    host = (urlsplit(url).hostname or "").lower()
    if host in ("localhost", "localhost.localdomain"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _describe(exc: BaseException, timeout: float) -> str:
    reason: object = exc.reason if isinstance(exc, urllib.error.URLError) else exc
    if isinstance(reason, socket.gaierror):
        return f"DNS lookup failed ({reason.strerror or reason}): no network access or unknown host"
    if isinstance(reason, (TimeoutError, socket.timeout)):
        return f"timed out after {timeout:g}s"
    if isinstance(reason, ConnectionRefusedError):
        return "connection refused"
    if isinstance(reason, ConnectionResetError):
        return "connection reset by peer"
    if isinstance(reason, http.client.RemoteDisconnected):
        return "server closed the connection without a response"
    if isinstance(reason, ssl.SSLError):
        return f"TLS error: {getattr(reason, 'reason', None) or reason}"
    if isinstance(reason, OSError) and reason.errno in (errno.ENETUNREACH, errno.EHOSTUNREACH):
        return "network unreachable"
    if isinstance(reason, OSError) and reason.errno == errno.ECONNREFUSED:
        return "connection refused"
    if isinstance(reason, str):
        return reason
    return f"{type(reason).__name__}: {reason}"


def _decompress(body: bytes, max_bytes: int) -> bytes:
    d = zlib.decompressobj(16 + zlib.MAX_WBITS)
    out = d.decompress(body, max_bytes + 1)
    if len(out) > max_bytes:
        raise _CheckFailed(f"gzip content larger than {max_bytes // (1024 * 1024)} MB")
    return out


def _fetch(url: str, timeout: float, user_agent: str, max_bytes: int) -> tuple[int, bytes, str, str]:
    """GET ``url``; return (status, body, final URL, content type). Raise _CheckFailed."""
    req = urllib.request.Request(
        url,
        headers={"User-Agent": user_agent, "Accept": _ACCEPT, "Accept-Encoding": "gzip"},
    )
    proxy = urllib.request.ProxyHandler({}) if _is_loopback(url) else urllib.request.ProxyHandler()
    opener = urllib.request.build_opener(proxy)
    try:
        with opener.open(req, timeout=timeout) as resp:
            status = resp.status
            body = resp.read(max_bytes + 1)
            final_url = resp.geturl()
            ctype = resp.headers.get("Content-Type", "") or ""
            encoding = (resp.headers.get("Content-Encoding", "") or "").lower()
    except urllib.error.HTTPError as exc:
        msg = f"HTTP {exc.code} {exc.reason}".strip()
        retry_after = exc.headers.get("Retry-After") if exc.headers else None
        if retry_after:
            msg += f" (Retry-After: {retry_after})"
        raise _CheckFailed(msg, status=exc.code) from None
    except (urllib.error.URLError, OSError, http.client.HTTPException, ValueError) as exc:
        raise _CheckFailed(_describe(exc, timeout)) from None
    if len(body) > max_bytes:
        raise _CheckFailed(f"response larger than {max_bytes // (1024 * 1024)} MB", status=status)
    if "gzip" in encoding or body[:2] == b"\x1f\x8b":
        try:
            body = _decompress(body, max_bytes)
        except zlib.error as exc:
            raise _CheckFailed(f"broken gzip content: {exc}", status=status) from None
    return status, body, final_url, ctype


# ---------------------------------------------------------------------------------------------
# dates


def _parse_date(text: str | None) -> datetime | None:
    if not text:
        return None
    text = text.strip()
    if not text:
        return None
    dt: datetime | None = None
    try:
        dt = parsedate_to_datetime(text)  # RFC 822 (RSS pubDate)
    except (TypeError, ValueError, IndexError):
        dt = None
    if dt is None:
        iso = text.replace("Z", "+00:00").replace("z", "+00:00")
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", iso):
            d = date.fromisoformat(iso)
            dt = datetime(d.year, d.month, d.day)
        else:
            iso = re.sub(r"([+-]\d{2})(\d{2})$", r"\1:\2", iso)  # +0300 -> +03:00
            iso = re.sub(r"(\.\d{6})\d+", r"\1", iso)  # over-long fractions
            try:
                dt = datetime.fromisoformat(iso)
            except ValueError:
                return None
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=timezone.utc)
    return dt.astimezone(timezone.utc)


# ---------------------------------------------------------------------------------------------
# documents


def _local(tag: object) -> str:
    if not isinstance(tag, str):
        return ""
    return tag.rsplit("}", 1)[-1] if "}" in tag else tag.split(":")[-1]


_BAD_XML_CHARS = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_BARE_AMP = re.compile(rb"&(?!(?:[A-Za-z][A-Za-z0-9]{0,31}|#[0-9]{1,7}|#x[0-9A-Fa-f]{1,6});)")


def _parse_xml(body: bytes) -> ET.Element:
    data = body.lstrip(b"\xef\xbb\xbf \t\r\n")
    try:
        return ET.fromstring(data)
    except ET.ParseError as first:
        # recover from the two most common feed defects: control characters and bare '&'
        repaired = _BARE_AMP.sub(b"&amp;", _BAD_XML_CHARS.sub(b"", data))
        try:
            return ET.fromstring(repaired)
        except ET.ParseError:
            head = data[:512].lower()
            if b"<html" in head or b"<!doctype html" in head:
                raise _CheckFailed("got an HTML page, not a feed or sitemap") from None
            raise _CheckFailed(f"not well-formed XML ({first})") from None


def _texts(elem: ET.Element, names: set[str]) -> list[str]:
    return [c.text for c in elem.iter() if _local(c.tag) in names and c.text]


def _analyse_xml(root: ET.Element) -> tuple[str, int, datetime | None, str | None]:
    """Return (detected, item count, newest date, note) of a feed or sitemap document."""
    name = _local(root.tag)
    note = None
    if name in _FEED_ROOTS:
        detected = _FEED_ROOTS[name]
        if detected == "atom":
            items = [e for e in root if _local(e.tag) == "entry"]
            date_names = {"updated", "published"}
        elif detected == "rss":
            channel = next((c for c in root if _local(c.tag) == "channel"), root)
            items = [e for e in channel if _local(e.tag) == "item"]
            date_names = {"pubDate", "date", "updated", "published"}
        else:  # RDF: items are siblings of the channel
            items = [e for e in root if _local(e.tag) == "item"]
            date_names = {"date", "pubDate"}
        dates = [d for e in items for d in (_parse_date(t) for t in _texts(e, date_names)) if d]
    elif name in _SITEMAP_ROOTS:
        detected = _SITEMAP_ROOTS[name]
        child = "url" if detected == "urlset" else "sitemap"
        items = [e for e in root if _local(e.tag) == child]
        news = [t for e in items for t in _texts(e, {"publication_date"})]
        if detected == "urlset" and news:
            dates = [d for d in (_parse_date(t) for t in news) if d]
            note = "news sitemap"
        else:
            dates = [d for e in items for d in (_parse_date(t) for t in _texts(e, {"lastmod"})) if d]
    else:
        raise _CheckFailed(f"unexpected XML document <{name}>, not a feed or sitemap")
    return detected, len(items), (max(dates) if dates else None), note


class _LinkCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.hrefs: list[str] = []
        self.base: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            href = dict(attrs).get("href")
            if href:
                self.hrefs.append(href.strip())
        elif tag == "base" and self.base is None:
            self.base = dict(attrs).get("href")


def _decode_html(body: bytes, ctype: str) -> str:
    m = re.search(r"charset=([\w-]+)", ctype, re.I) or re.search(
        rb"<meta[^>]+charset=[\"']?([\w-]+)", body[:4096], re.I
    )
    charset = m.group(1) if m else "utf-8"
    if isinstance(charset, bytes):
        charset = charset.decode("ascii", "replace")
    try:
        return body.decode(charset, errors="replace")
    except LookupError:
        return body.decode("utf-8", errors="replace")


def _analyse_listing(body: bytes, ctype: str, page_url: str, source: Source, d: Discovery) -> tuple[int, str | None]:
    parser = _LinkCollector()
    try:
        parser.feed(_decode_html(body, ctype))
        parser.close()
    except Exception as exc:  # html.parser is lenient; be safe anyway
        raise _CheckFailed(f"cannot parse HTML: {exc}") from None
    base = urljoin(page_url, parser.base) if parser.base else page_url
    pattern = re.compile(d.link_pattern) if d.link_pattern else None
    found: set[str] = set()
    for href in parser.hrefs:
        url = urljoin(base, href).split("#", 1)[0]
        if pattern is not None:
            if pattern.search(url) and source.allows_url(url) and not source.is_excluded(url):
                found.add(url)
        elif source.is_article_url(url):
            found.add(url)
    note = None if found else "no article links matched on the page"
    return len(found), note


# ---------------------------------------------------------------------------------------------
# public API


def check_discovery(
    source: Source,
    index: int,
    *,
    timeout: float = 10,
    user_agent: str = DEFAULT_USER_AGENT,
    max_bytes: int = MAX_BYTES,
) -> CheckResult:
    """Fetch and analyse ``source.discovery[index]``. Never raises."""
    d = source.discovery[index]
    result = CheckResult(source.id, index, d.kind, d.url, verified=d.verified)
    started = time.monotonic()
    try:
        status, body, final_url, ctype = _fetch(d.url, timeout, user_agent, max_bytes)
        result.status, result.final_url = status, final_url
        if d.kind == "listing":
            result.detected = "html"
            result.items, result.note = _analyse_listing(body, ctype, final_url, source, d)
        else:
            detected, count, newest, note = _analyse_xml(_parse_xml(body))
            result.detected, result.items, result.newest, result.note = detected, count, newest, note
            expected = _EXPECTED.get(d.kind, set())
            if detected not in expected:
                family_ok = (detected in _FEED_KINDS) == bool(expected & _FEED_KINDS)
                msg = f"catalogue says {d.kind}, document is {detected}"
                if not family_ok:
                    raise _CheckFailed(msg, status=status)
                result.note = msg if not result.note else f"{result.note}; {msg}"
            if d.kind == "news_sitemap" and result.note != "news sitemap":
                extra = "no news:publication_date elements"
                result.note = extra if not result.note else f"{result.note}; {extra}"
            if count == 0:
                result.note = "no items" if not result.note else f"{result.note}; no items"
        result.ok = True
    except _CheckFailed as exc:
        result.error = str(exc)
        if exc.status is not None:
            result.status = exc.status
    except Exception as exc:  # never let one entry break the table
        result.error = f"unexpected {type(exc).__name__}: {exc}"
    result.elapsed = time.monotonic() - started
    return result


def check_sources(
    sources: Iterable[Source],
    timeout: float = 10,
    *,
    max_workers: int = 8,
    user_agent: str = DEFAULT_USER_AGENT,
    max_bytes: int = MAX_BYTES,
) -> list[CheckResult]:
    """Check every discovery entry of ``sources`` concurrently; results in catalogue order.

    Needs internet access for the real catalogue. Never raises for network or content
    problems; each failure is reported in ``CheckResult.error``.
    """
    jobs = [(s, i) for s in sources for i in range(len(s.discovery))]
    if not jobs:
        return []
    workers = max(1, min(max_workers, len(jobs)))
    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="wirewatch-check") as pool:
        futures = [
            pool.submit(check_discovery, s, i, timeout=timeout, user_agent=user_agent, max_bytes=max_bytes)
            for s, i in jobs
        ]
        results: list[CheckResult] = []
        for (s, i), fut in zip(jobs, futures):
            try:
                results.append(fut.result())
            except Exception as exc:  # pragma: no cover - check_discovery already catches
                d = s.discovery[i]
                results.append(
                    CheckResult(s.id, i, d.kind, d.url, verified=d.verified, error=f"unexpected {exc!r}")
                )
    return results

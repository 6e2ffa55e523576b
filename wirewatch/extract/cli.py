"""`wirewatch extract PATH_OR_URL... [--url URL] [--json]` — a thin shell over clean_document.

Register on the main Typer app with ``register(app)``. Inputs are files, http(s)
URLs (fetched with urllib, bounded size and a timeout) or "-" for stdin. One
result per input, in input order; with --json one JSON object per line. Errors
become ``{"ok": false, "reason": ...}`` objects, never a traceback.
"""

from __future__ import annotations

import json
import sys
import urllib.error
import urllib.request
from pathlib import Path
from typing import List, Optional

import typer

from .core import clean_document
from .decode import MAX_BYTES
from .document import CleanedDocument

FETCH_TIMEOUT = 20.0
USER_AGENT = "wirewatch-extract/0.1 (+news monitoring)"


class FetchError(Exception):
    def __init__(self, reason: str, detail: str):
        super().__init__(detail)
        self.reason, self.detail = reason, detail


def fetch(url: str, timeout: float = FETCH_TIMEOUT, max_bytes: int = MAX_BYTES * 5) -> tuple[bytes, str, str | None]:
    """GET a URL: (body, final url, content-type). Raises FetchError."""
    req = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept": "text/html,*/*;q=0.5"})
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:  # noqa: S310 - http(s) only, checked by caller
            body = resp.read(max_bytes + 1)
            if resp.headers.get("Content-Encoding", "").lower() == "gzip":
                import gzip

                body = gzip.decompress(body)
            return body, resp.geturl(), resp.headers.get("Content-Type")
    except urllib.error.HTTPError as exc:
        raise FetchError("http_error", f"HTTP {exc.code} for {url}") from None
    except (urllib.error.URLError, TimeoutError, OSError, ValueError) as exc:
        reason = getattr(exc, "reason", exc)
        raise FetchError("fetch_error", f"cannot fetch {url}: {reason}") from None


def _is_url(s: str) -> bool:
    return s.startswith(("http://", "https://"))


def run_one(source: str, url: str | None = None, source_rules: str | None = None) -> dict:
    """Clean one input (file path, URL or "-") and return the JSON-ready dict."""
    try:
        if _is_url(source):
            body, final_url, ctype = fetch(source)
            doc = clean_document(body, url or final_url, content_type=ctype, source_rules=source_rules)
        else:
            if source == "-":
                body = sys.stdin.buffer.read()
            else:
                body = Path(source).read_bytes()
            page_url = url or (Path(source).resolve().as_uri() if source != "-" else "")
            doc = clean_document(body, page_url, source_rules=source_rules)
    except FetchError as exc:
        doc = CleanedDocument.dropped(exc.reason, exc.detail, url=url or source)
    except OSError as exc:
        doc = CleanedDocument.dropped("read_error", f"cannot read {source}: {exc.strerror or exc}", url=url)
    except Exception as exc:  # noqa: BLE001 - never a traceback
        doc = CleanedDocument.dropped("error", f"{type(exc).__name__}: {exc}", url=url)
    out = {"input": source, "url": doc.url, "ok": doc.ok, "reason": doc.reason, "detail": doc.detail}
    out.update(doc.fields())
    out.update(
        extraction_path=doc.extraction_path,
        language_method=doc.language_method,
        encoding=doc.encoding,
    )
    return out


def _urls_for(inputs: list[str], urls: list[str]) -> list[str | None]:
    if not urls:
        return [None] * len(inputs)
    if len(urls) == 1:
        return [None if _is_url(i) else urls[0] for i in inputs]
    if len(urls) == len(inputs):
        return list(urls)
    raise typer.BadParameter("give one --url (for every file input) or one --url per input", param_hint="--url")


def _human(rec: dict) -> str:
    if not rec["ok"]:
        return f"✗ {rec['input']}: {rec['reason']} — {rec['detail']}"
    lines = [
        f"✓ {rec['input']}",
        f"  title:     {rec['title']}",
        f"  published: {rec['published_at']}   language: {rec['language']} ({rec['language_confidence']})",
    ]
    if rec.get("dateline_agency") or rec.get("dateline_place"):
        lines.append(f"  dateline:  {rec['dateline_place']} | {rec['dateline_date']} | {rec['dateline_agency']}")
    if rec["authors"]:
        lines.append(f"  authors:   {', '.join(rec['authors'])}")
    lines.append(f"  words:     {rec['word_count']}  via {rec['extraction_path']}")
    lines.append("")
    lines.append(rec["text"] or "")
    lines.append("")
    return "\n".join(lines)


def extract_command(
    inputs: List[str] = typer.Argument(..., metavar="PATH_OR_URL...", help="HTML files, http(s) URLs, or - for stdin."),
    url: Optional[List[str]] = typer.Option(
        None, "--url", help="URL the file input(s) came from (once for all, or once per input)."
    ),
    as_json: bool = typer.Option(False, "--json", help="One JSON object per input, one per line, in input order."),
    source: Optional[str] = typer.Option(None, "--source", help="Catalogue source id whose per-source rules apply."),
) -> None:
    """Extract clean article text and metadata from saved pages or URLs."""
    page_urls = _urls_for(inputs, list(url or []))
    failures = 0
    for inp, u in zip(inputs, page_urls):
        rec = run_one(inp, u, source)
        failures += not rec["ok"]
        if as_json:
            sys.stdout.write(json.dumps(rec, ensure_ascii=False) + "\n")
            sys.stdout.flush()
        else:
            typer.echo(_human(rec))
    if failures and not as_json:
        typer.echo(f"{failures} of {len(inputs)} input(s) gave no article", err=True)


def register(app: typer.Typer) -> None:
    """Add the `extract` command to the wirewatch Typer app."""
    app.command("extract")(extract_command)

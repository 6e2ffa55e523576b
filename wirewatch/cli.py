"""The `wirewatch` command: a thin shell over the libraries (datasette-style).

Every command turns a user error into one clear line on stderr and exit code 1 or 2, never a
traceback: `WirewatchError`s (store, query, engine problems) are caught in `main()`.
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path
from typing import Optional

import typer
from rich.console import Console
from rich.markup import escape

from . import __version__
from .config import load_settings
from .query import QueryError
from .store import SearchRequest, SearchResult, Store, StoreError, StoreUnavailable, open_store

app = typer.Typer(
    help="wirewatch: crawl wire services, clean and tag articles, index and search them.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
index_app = typer.Typer(help="Maintain the article store (spool replay, counts).", no_args_is_help=True)
app.add_typer(index_app, name="index")
out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False, soft_wrap=True)

StoreOption = typer.Option(None, "--store", help="Store URL: sqlite:///file.sqlite or http(s)://host:9200[/prefix]. Default: $WIREWATCH_STORE or the SQLite file in $WIREWATCH_HOME.")


class Fail(Exception):
    """Stop the command with a one-line message."""


def _open(store_url: str | None, ensure: bool = False) -> Store:
    url = store_url or load_settings().store_url
    store = open_store(url)
    if ensure:
        store.ensure_schema()
    return store


@app.callback(invoke_without_command=True)
def _root(version: bool = typer.Option(False, "--version", help="Print the version and exit.")) -> None:
    if version:
        out.print(f"wirewatch {__version__}")
        raise typer.Exit()


# -- search -----------------------------------------------------------------------------------
@app.command()
def search(
    query: str = typer.Argument("", help='Lucene-style query: words, "phrases", AND/OR/NOT, field:value (title, text, source, lang, country, org, person, topic, published), prefix*, "a b"~5.'),
    store: Optional[str] = StoreOption,
    lang: list[str] = typer.Option([], "--lang", help="Only these languages (repeatable)."),
    source: list[str] = typer.Option([], "--source", help="Only these source ids (repeatable)."),
    country: list[str] = typer.Option([], "--country", help="Only articles mentioning these ISO country codes (repeatable)."),
    topic: list[str] = typer.Option([], "--topic", help="Only these topics (repeatable)."),
    since: Optional[str] = typer.Option(None, "--since", help="Only articles published in the last 12h, 7d, 2w, or since YYYY-MM-DD."),
    date_from: Optional[str] = typer.Option(None, "--from", help="Published on or after this date (YYYY-MM-DD)."),
    date_to: Optional[str] = typer.Option(None, "--to", help="Published on or before this date (YYYY-MM-DD)."),
    sort: str = typer.Option("relevance", "--sort", help="relevance or date."),
    size: int = typer.Option(10, "--size", "-n", help="Hits per page (1-200)."),
    cursor: Optional[str] = typer.Option(None, "--cursor", help="Next page: the next_cursor of the previous page."),
    facets: list[str] = typer.Option([], "--facet", help="Counts by countries, topics, sources, languages, orgs or per_day (repeatable)."),
    collapse: bool = typer.Option(False, "--collapse", help="One hit per story: the best article of each (first page only)."),
    as_json: bool = typer.Option(False, "--json", help="Print one JSON object with total and hits."),
) -> None:
    """Search the article store and print ranked hits with highlighted snippets."""
    request = SearchRequest(
        query=query, languages=lang, sources=source, countries=country, topics=topic, since=since,
        date_from=date_from, date_to=date_to, sort=sort, size=size, cursor=cursor, facets=facets, collapse=collapse,
    )
    with _open(store) as st:
        result = st.search(request)
    if as_json:
        print(json.dumps(result.to_dict(), ensure_ascii=False))
        return
    print_hits(result, query)


def _marked(text: str | None) -> str:
    text = " ".join((text or "").split())  # one line per snippet, whatever the article's line breaks
    return escape(text).replace("&lt;mark&gt;", "<mark>").replace("<mark>", "[bold yellow]").replace("</mark>", "[/bold yellow]")


def print_hits(result: SearchResult, query: str = "") -> None:
    out.print(f"[bold]{result.total}[/bold] article(s) match {escape(repr(query)) if query else 'everything'}")
    for rank, hit in enumerate(result.hits, 1):
        a = hit.article
        meta = " · ".join(filter(None, [a.source_name or a.source, (a.published_at or "")[:16].replace("T", " "), a.language]))
        out.print(f"\n[bold cyan]{rank}.[/bold cyan] [bold]{_marked(hit.title_highlight) if hit.title_highlight else escape(a.title or '(no title)')}[/bold]")
        out.print(f"   [dim]{escape(meta)}[/dim]")
        if a.countries or a.topics:
            out.print(f"   [dim]tags: {escape(' '.join(a.countries + a.topics))}[/dim]")
        if hit.snippet:
            out.print(f"   {_marked(hit.snippet)}")
        out.print(f"   [blue]{escape(a.url)}[/blue]")
    for name, rows in result.facets.items():
        out.print(f"\n[bold]{name}[/bold]: " + ", ".join(f"{v} ({c})" for v, c in rows))
    if result.next_cursor:
        out.print(f"\n[dim]more: --cursor {result.next_cursor}[/dim]")


# -- crawl ------------------------------------------------------------------------------------
def _progress_printer(prefix: str = "crawl"):
    last = {"t": 0.0}

    def show(progress: dict[str, str]) -> None:
        now = time.monotonic()
        if now - last["t"] >= 0.5 or "finished" in progress:
            last["t"] = now
            err.print(f"[dim]{prefix}:[/dim] " + " ".join(f"{k}={v}" for k, v in progress.items()))

    return show


@app.command()
def crawl(
    sources: Optional[str] = typer.Option(None, "--sources", help="Comma-separated source ids (default: every enabled source)."),
    since: Optional[str] = typer.Option(None, "--since", help="Skip feed/sitemap entries older than this (2d, 12h, YYYY-MM-DD)."),
    catalogue: list[Path] = typer.Option([], "--catalogue", help="Extra catalogue YAML file(s) (repeatable)."),
    store: Optional[str] = StoreOption,
    log_file: Optional[Path] = typer.Option(None, "--log-file", help="Write the full Scrapy log here."),
    full: bool = typer.Option(False, "--full", help="Fetch every article again, ignoring what earlier runs stored."),
) -> None:
    """Crawl wire services (runs `scrapy crawl wires`) into the store.

    Incremental by default: feeds and sitemaps are asked for conditionally and only new or
    updated articles are fetched.
    """
    from .crawl import run_crawl

    url = store or load_settings().store_url
    _check_store(url)
    report = run_crawl(
        sources=sources.split(",") if sources else None,
        since=since,
        catalogue=[p.resolve() for p in catalogue],
        env={"WIREWATCH_STORE": url},
        on_progress=_progress_printer(),
        on_error=lambda line: err.print(f"[red]error:[/red] {escape(line)}"),
        log_path=log_file,
        full=full,
    )
    if report.returncode != 0:
        raise Fail(f"the crawl exited with status {report.returncode}" + (f"; see {log_file}" if log_file else ""))


def _check_store(url: str) -> None:
    """Fail fast on a wrong store URL; an unreachable engine is fine (the crawl spools)."""
    try:
        open_store(url).close()
    except StoreUnavailable as exc:
        err.print(f"[yellow]warning:[/yellow] {exc}; articles will be spooled and replayed later")


# -- demo -------------------------------------------------------------------------------------
@app.command()
def demo(
    query: str = typer.Option("sanctions OR ceasefire OR sanciones", "--query", help="The sample search to run after the crawl."),
    store: Optional[str] = StoreOption,
) -> None:
    """Serve the bundled sample wire site on 127.0.0.1, crawl it, index it, and search it."""
    from .crawl import LOCAL_SITE_SETTINGS, run_crawl
    from .samples import CATALOGUE, serve_site

    url = store or load_settings().store_url
    started = time.monotonic()
    with serve_site() as site:
        err.print(f"[bold]1/3[/bold] serving the sample wire site at {site.base}")
        err.print(f"[bold]2/3[/bold] crawling it with Scrapy (scrapy crawl wires) into {url}")
        report = run_crawl(
            catalogue=[CATALOGUE],
            sources=["aurora", "boreale", "meridiana"],
            settings=LOCAL_SITE_SETTINGS,
            env={"WIREWATCH_SAMPLE_BASE": site.base, "WIREWATCH_STORE": url},
            on_progress=_progress_printer(),
            on_error=lambda line: err.print(f"[dim red]crawl error:[/dim red] [dim]{escape(line)}[/dim]"),
        )
    if report.returncode != 0:
        raise Fail(f"the demo crawl failed (exit {report.returncode})")
    err.print(
        f"      fetched {report.count('fetched')} pages, indexed {report.count('indexed')} articles, "
        f"dropped {report.count('dropped')} non-articles in {time.monotonic() - started:.1f}s"
    )
    err.print(f"[bold]3/3[/bold] searching: {query}\n")
    with _open(url) as st:
        print_hits(st.search(SearchRequest(query=query, size=5, facets=["countries", "languages"])), query)
    err.print(f"\n[dim]Try more: wirewatch search 'country:FR' · wirewatch search --help[/dim]")


# -- index maintenance ------------------------------------------------------------------------
@index_app.command("replay")
def index_replay(store: Optional[str] = StoreOption, spool_dir: Optional[Path] = typer.Option(None, "--spool-dir", help="Default: $WIREWATCH_HOME/spool.")) -> None:
    """Write articles spooled while the store was down into the store."""
    from .store.spool import Spool

    spool = Spool(spool_dir or load_settings().spool_dir)
    pending = spool.pending_count()
    if not pending:
        out.print(f"nothing to replay in {spool.directory}")
        return
    with _open(store, ensure=True) as st:
        report = spool.replay(st)
    out.print(f"replayed {report.replayed} of {pending} spooled articles from {report.files} file(s)" + (f"; {report.failed} rejected (kept as rejected-*.jsonl)" if report.failed else ""))


@index_app.command("count")
def index_count(query: str = typer.Argument("", help="Optional query."), store: Optional[str] = StoreOption) -> None:
    """Print how many articles the store holds (matching QUERY)."""
    with _open(store) as st:
        out.print(str(st.count(query)))


@app.command()
def serve(
    store: Optional[str] = StoreOption,
    host: str = typer.Option("127.0.0.1", "--host", help="Interface to listen on."),
    port: int = typer.Option(8080, "--port", help="Port to listen on."),
) -> None:
    """Serve the HTTP search API (GET /search, GET /articles/{id}, /docs).

    Set WIREWATCH_API_TOKEN to require a bearer token; WIREWATCH_API_CORS_ORIGINS to allow
    browser origins (CORS is off by default).
    """
    import uvicorn

    from .api import create_app

    uvicorn.run(create_app(store or load_settings().store_url), host=host, port=port, log_level="info")


@app.command()
def status(
    store: Optional[str] = StoreOption,
    runs: int = typer.Option(5, "--runs", help="How many recent crawls to show."),
    as_json: bool = typer.Option(False, "--json", help="Print one JSON object."),
) -> None:
    """Recent crawls (start, end, outcome, counts), articles waiting in the spool, store size."""
    from .state import CrawlState
    from .store.spool import Spool

    settings = load_settings()
    state = CrawlState(settings.state_path)
    try:
        history = state.runs(runs)
        seen = state.seen_count()
    finally:
        state.close()
    spooled = Spool(settings.spool_dir).pending_count()
    url = store or settings.store_url
    try:
        with _open(url) as st:
            stored: int | str = st.count()
    except StoreUnavailable as exc:
        stored = f"unreachable ({exc})"
    if as_json:
        print(json.dumps({"store": url, "articles": stored, "spooled": spooled, "seen_urls": seen, "runs": history}))
        return
    out.print(f"store {escape(url)}: {stored} articles · {seen} URLs seen · {spooled} waiting in the spool")
    keys = ("wirewatch/articles/fetched", "wirewatch/store/indexed", "wirewatch/store/spooled", "wirewatch/articles/failed")
    for run in history:
        counts = " ".join(f"{k.rsplit('/', 1)[1]}={run['stats'].get(k, 0)}" for k in keys)
        dropped = sum(v for k, v in run["stats"].items() if k.startswith("wirewatch/dropped/"))
        errors = run["stats"].get("log_count/ERROR", 0)
        line = f"  #{run['id']} {run['started_at']} -> {run['finished_at'] or '…'} ({run['status']}) {counts} dropped={dropped} errors={errors}"
        out.print(escape(line))


@app.command("serve-samples")
def serve_samples(port: int = typer.Option(8765, "--port", help="Port on 127.0.0.1.")) -> None:
    """Serve the bundled sample wire site until Ctrl-C (to crawl it by hand)."""
    from .samples import serve_site

    with serve_site(port=port) as site:
        out.print(f"sample wire site at {site.base}/ (export WIREWATCH_SAMPLE_BASE={site.base}); Ctrl-C to stop")
        try:
            while True:
                time.sleep(3600)
        except KeyboardInterrupt:
            pass


def _register_subcommands() -> None:
    from .engine.cli import register as register_engine
    from .extract.cli import register as register_extract
    from .sources.cli import register as register_sources
    from .taxonomy.cli import register as register_tag

    for register in (register_engine, register_extract, register_sources, register_tag):
        register(app)


_register_subcommands()


def main() -> None:
    """Console-script entry point: user errors become one line, not a traceback."""
    try:
        app()
    except (Fail, StoreError, QueryError, ValueError, FileNotFoundError) as exc:
        err.print(f"[red]error:[/red] {escape(str(exc))}")
        sys.exit(1)
    except KeyboardInterrupt:
        sys.exit(130)


if __name__ == "__main__":
    main()

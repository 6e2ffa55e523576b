"""``wirewatch sources ...``: list, check and validate the source catalogue.

Thin shell over :mod:`wirewatch.sources.catalogue` and :mod:`wirewatch.sources.check`;
the main ``wirewatch`` app calls :func:`register`.
"""

from __future__ import annotations

import json
from enum import Enum
from pathlib import Path
from typing import Optional

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from .catalogue import ENV_VAR, Catalogue, load_catalogue
from .check import DEFAULT_USER_AGENT, check_sources

__all__ = ["register", "sources_app"]


class OwnershipChoice(str, Enum):
    state = "state"
    public = "public"
    private = "private"
    cooperative = "cooperative"


sources_app = typer.Typer(
    name="sources",
    help=(
        "The catalogue of wire services: list, validate, check feeds live. "
        f"Extra catalogue files: ${ENV_VAR} (colon-separated files/dirs) or --file."
    ),
    no_args_is_help=True,
    add_completion=False,
)

_FILE_OPTION_HELP = "Extra catalogue YAML file or directory (repeatable); overrides builtin ids."


def _console() -> Console:
    return Console(highlight=False, soft_wrap=False)


def _load(files: Optional[list[Path]], stderr: Console) -> Catalogue:
    cat = load_catalogue(files or None)
    if cat.errors:
        stderr.print(
            f"[yellow]warning:[/] {len(cat.errors)} catalogue error(s); "
            "run `wirewatch sources validate` for details"
        )
    return cat


@sources_app.command("list")
def list_cmd(
    country: Optional[str] = typer.Option(None, "--country", "-c", help="ISO 3166-1 alpha-2, e.g. RU."),
    language: Optional[str] = typer.Option(None, "--language", "-l", help="ISO 639-1, e.g. en."),
    ownership: Optional[OwnershipChoice] = typer.Option(None, "--ownership", "-o", help="Filter by ownership."),
    all_: bool = typer.Option(False, "--all", "-a", help="Include disabled sources."),
    as_json: bool = typer.Option(False, "--json", help="Machine-readable output."),
    files: Optional[list[Path]] = typer.Option(None, "--file", "-f", help=_FILE_OPTION_HELP),
) -> None:
    """List catalogue sources (enabled ones unless --all)."""
    err = Console(stderr=True, highlight=False)
    cat = _load(files, err)
    rows = cat.select(
        country=country,
        language=language,
        ownership=ownership.value if ownership else None,
        enabled_only=not all_,
    )
    if as_json:
        typer.echo(json.dumps([s.model_dump(mode="json") for s in rows], ensure_ascii=False, indent=2))
        return
    table = Table(title=f"wirewatch sources ({len(rows)})")
    for col in ("id", "name", "country", "languages", "ownership", "#discovery", "verified", "enabled"):
        table.add_column(col, justify="right" if col in ("#discovery", "verified") else "left")
    for s in rows:
        verified = sum(1 for d in s.discovery if d.verified)
        table.add_row(
            escape(s.id),
            escape(s.name),
            s.country,
            ",".join(s.languages),
            s.ownership,
            str(len(s.discovery)),
            f"{verified}/{len(s.discovery)}",
            "yes" if s.enabled else "[dim]no[/]",
        )
    _console().print(table)


@sources_app.command("check")
def check_cmd(
    ids: Optional[list[str]] = typer.Argument(None, help="Source ids (default: every enabled source)."),
    timeout: float = typer.Option(10.0, "--timeout", "-t", min=0.1, help="Per-request timeout in seconds."),
    workers: int = typer.Option(8, "--workers", "-w", min=1, max=64, help="Concurrent requests."),
    user_agent: str = typer.Option(DEFAULT_USER_AGENT, "--user-agent", help="User-Agent header."),
    as_json: bool = typer.Option(False, "--json", help="Machine-readable output."),
    fail_on_error: bool = typer.Option(False, "--fail-on-error", help="Exit 1 if any entry fails."),
    files: Optional[list[Path]] = typer.Option(None, "--file", "-f", help=_FILE_OPTION_HELP),
) -> None:
    """Fetch every discovery URL LIVE and print a health table.

    NEEDS INTERNET ACCESS to the agencies' sites: it reports status, item count (feed
    items / Atom entries / sitemap URLs / article links) and the newest date per entry.
    Without network every row shows a clean error such as "DNS lookup failed".
    """
    err = Console(stderr=True, highlight=False)
    cat = _load(files, err)
    try:
        sources = cat.select(ids or None, enabled_only=not ids)
    except KeyError as exc:
        err.print(f"[red]error:[/] {exc.args[0]}")
        raise typer.Exit(2) from None
    results = check_sources(sources, timeout=timeout, max_workers=workers, user_agent=user_agent)
    failed = [r for r in results if not r.ok]
    if as_json:
        typer.echo(json.dumps([r.to_dict() for r in results], ensure_ascii=False, indent=2))
    else:
        table = Table(title=f"discovery health ({len(results) - len(failed)}/{len(results)} ok)")
        for col in ("source", "#", "kind", "url", "status", "items", "newest", "result"):
            table.add_column(col, justify="right" if col in ("#", "status", "items") else "left",
                             overflow="fold")
        for r in results:
            if r.ok:
                outcome = "[green]ok[/]" + (f" ({escape(r.note)})" if r.note else "")
            else:
                outcome = f"[red]{escape(r.error or 'failed')}[/]"
            table.add_row(
                escape(r.source_id),
                str(r.index),
                r.kind + ("" if r.verified else "*"),
                escape(r.url),
                "" if r.status is None else str(r.status),
                "" if r.items is None else str(r.items),
                r.newest.strftime("%Y-%m-%d %H:%M") if r.newest else "",
                outcome,
            )
        _console().print(table)
        _console().print("[dim]* = discovery entry not verified in public documentation[/]")
    if fail_on_error and failed:
        raise typer.Exit(1)


@sources_app.command("validate")
def validate_cmd(
    files: Optional[list[Path]] = typer.Argument(
        None, help="Catalogue files/directories to validate on top of the builtin catalogue."
    ),
    no_builtin: bool = typer.Option(False, "--no-builtin", help="Validate only FILES."),
) -> None:
    """Validate the catalogue; print every error with file, source and field; exit 1 on errors."""
    cat = load_catalogue(files or None, include_builtin=not no_builtin)
    out = _console()
    if cat.errors:
        for e in cat.errors:
            where = f"{e.file}:{e.line}" if e.line else e.file
            src = f"source {e.source_id!r}" if e.source_id else (f"sources[{e.index}]" if e.index is not None else "-")
            out.print(f"[red]error[/] {escape(where)}: {escape(src)}: {escape(e.field or '-')}: {escape(e.message)}")
        out.print(f"{len(cat.errors)} error(s); {len(cat.sources)} valid source(s) from {len(cat.files)} file(s)")
        raise typer.Exit(1)
    enabled = sum(1 for s in cat.sources if s.enabled)
    out.print(f"OK: {len(cat.sources)} sources ({enabled} enabled) from {len(cat.files)} file(s)")


def register(app: typer.Typer) -> None:
    """Attach the ``sources`` sub-app to the main ``wirewatch`` Typer app."""
    app.add_typer(sources_app, name="sources")

"""``wirewatch tag``: tag text from a file, stdin, or JSON lines.

The lead's ``wirewatch`` Typer app calls :func:`register`; the module also
runs on its own (``python -m wirewatch.taxonomy.cli tag ...``).

    wirewatch tag story.txt --title "Macron ..." --published-at 2024-02-28
    cat story.txt | wirewatch tag - --json
    wirewatch tag --jsonl < stories.jsonl > tags.jsonl

``--jsonl`` reads one JSON object per line (``title``, ``text``,
``published_at`` and optionally ``description``, ``dateline_place``,
``language``, ``id``) and writes one tag object per line, in order; an
``id`` is copied through, and ``--date``/``--language``/``--dateline`` fill
fields a line leaves out. Any error prints one line on stderr and exits 1.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Optional

import typer

__all__ = ["register", "main"]

_FIELDS = ("title", "text", "published_at", "description", "dateline_place", "language")


def _fail(msg: str) -> None:
    typer.echo(f"error: {msg}", err=True)
    raise typer.Exit(1)


def _read_text(path: str | None) -> str:
    if path is None or path == "-":
        if path is None and sys.stdin.isatty():
            _fail("no input: give a PATH, or '-' to read standard input")
        return sys.stdin.read()
    p = Path(path)
    if p.is_dir():
        _fail(f"{path} is a directory")
    try:
        return p.read_text(encoding="utf-8")
    except FileNotFoundError:
        _fail(f"{path}: no such file")
    except UnicodeDecodeError:
        _fail(f"{path}: not UTF-8 text")
    except OSError as exc:
        _fail(f"{path}: {exc.strerror or exc}")
    return ""  # unreachable


def _print_human(tags, title: str | None, text: str) -> None:
    from rich.console import Console
    from rich.table import Table

    con = Console()
    primary = set(tags.primary_countries)
    countries = ", ".join(f"[bold]{c}*[/bold]" if c in primary else c for c in tags.countries) or "-"
    con.print(f"[bold]countries[/bold]  {countries}   (* primary)")
    con.print(f"[bold]orgs[/bold]       {', '.join(tags.orgs) or '-'}")
    con.print(f"[bold]people[/bold]     {', '.join(tags.people) or '-'}")
    con.print(f"[bold]topics[/bold]     {', '.join(tags.topics) or '-'}")
    if tags.matches:
        table = Table(show_header=True, header_style="bold", box=None)
        for col in ("field", "offset", "term", "entity"):
            table.add_column(col)
        for m in tags.matches:
            table.add_row(m["field"], f"{m['start']}-{m['end']}", m["term"], m["entity"])
        con.print(table)


def _tagger(taxonomy: list[Path] | None):
    from . import get_tagger
    from .loader import TaxonomyError

    try:
        return get_tagger(list(taxonomy) if taxonomy else None)
    except TaxonomyError as exc:
        _fail(str(exc))


def _run_jsonl(tagger, source, defaults: dict | None = None) -> None:
    out = sys.stdout
    for lineno, line in enumerate(source, 1):
        line = line.strip()
        if not line:
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            out.flush()
            _fail(f"line {lineno}: not valid JSON ({exc.msg})")
        if not isinstance(obj, dict):
            out.flush()
            _fail(f"line {lineno}: expected a JSON object")
        args = {k: obj.get(k) for k in _FIELDS}
        for k, v in (defaults or {}).items():
            if args.get(k) is None:
                args[k] = v
        bad = [k for k, v in args.items() if v is not None and not isinstance(v, str)]
        if bad:
            out.flush()
            _fail(f"line {lineno}: field '{bad[0]}' must be a string")
        try:
            tags = tagger.tag(args["title"], args["text"], published_at=args["published_at"],
                              description=args["description"], dateline_place=args["dateline_place"],
                              language=args["language"])
        except ValueError as exc:
            out.flush()
            _fail(f"line {lineno}: {exc}")
        d = tags.as_dict()
        if "id" in obj:
            d = {"id": obj["id"], **d}
        out.write(json.dumps(d, ensure_ascii=False) + "\n")
    out.flush()


def tag_command(
    path: Optional[str] = typer.Argument(None, help="Text file to tag, or '-' for standard input."),
    title: Optional[str] = typer.Option(None, "--title", help="Headline of the story."),
    published_at: Optional[str] = typer.Option(None, "--published-at", "--date",
                                                help="Publication date (ISO); roles and places are judged on it. Default: today."),
    language: Optional[str] = typer.Option(None, "--language", "--lang", help="Language code of the text (guessed if absent)."),
    dateline: Optional[str] = typer.Option(None, "--dateline", help="Dateline place, e.g. KYIV."),
    as_json: bool = typer.Option(False, "--json", help="Print the tags as one JSON object."),
    jsonl: bool = typer.Option(False, "--jsonl", help="Read JSON lines {title, text, published_at} and write one tag object per line."),
    taxonomy: Optional[list[Path]] = typer.Option(None, "--taxonomy", "-t", help="Extra taxonomy YAML file (repeatable)."),
) -> None:
    """Tag a story with countries, organisations, people and topics."""
    tagger = _tagger(taxonomy)
    if jsonl:
        # --date/--language/--dateline apply to lines that do not say
        defaults = {"published_at": published_at, "language": language, "dateline_place": dateline}
        if path not in (None, "-"):
            p = Path(path)
            try:
                with open(p, encoding="utf-8") as fh:
                    _run_jsonl(tagger, fh, defaults)
            except FileNotFoundError:
                _fail(f"{path}: no such file")
            except UnicodeDecodeError:
                _fail(f"{path}: not UTF-8 text")
        else:
            _run_jsonl(tagger, sys.stdin, defaults)
        return
    text = _read_text(path)
    try:
        tags = tagger.tag(title, text, published_at=published_at, language=language, dateline_place=dateline)
    except ValueError as exc:
        _fail(str(exc))
    if as_json:
        typer.echo(json.dumps(tags.as_dict(), ensure_ascii=False, indent=2))
    else:
        _print_human(tags, title, text)


def register(app: typer.Typer) -> None:
    """Add the ``tag`` command to the ``wirewatch`` Typer app."""
    app.command("tag", help="Tag a story with countries, organisations, people and topics.")(tag_command)

"""``wirewatch engine start|stop|status``: the typer face of :mod:`wirewatch.engine.node`.

The main CLI calls :func:`register`; this module never imports Scrapy or a search client, so the
engine commands stay fast even when the rest of the app is heavy.
"""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from wirewatch.engine.node import EngineError, EngineNode

# Shared option declarations, so all three commands spell them identically.
PortOption = typer.Option(9200, "--port", help="HTTP port of the node.")
HomeOption = typer.Option(
    None, "--home", help="Node directory (default $WIREWATCH_ENGINE_HOME or ~/.cache/wirewatch/engine/node-PORT)."
)
HeapOption = typer.Option("512m", "--heap", help="JVM heap, e.g. 512m or 1g.")


def _fail(exc: EngineError) -> None:
    """One ``error:`` line on stderr and exit 1; users should never see a traceback for these."""
    typer.echo(f"error: {exc}", err=True)
    raise typer.Exit(code=1)


def register(app: typer.Typer) -> None:
    """Attach the ``engine`` sub-command group to the main wirewatch app."""
    engine = typer.Typer(
        help="Run a local OpenSearch 2.19 node (built from Maven Central jars; needs Java 17+ and Maven).",
        no_args_is_help=True,
    )

    @engine.command()
    def start(
        port: int = PortOption,
        home: Optional[Path] = HomeOption,
        heap: str = HeapOption,
        fresh: bool = typer.Option(False, "--fresh", help="Wipe the data directory first."),
        timeout: float = typer.Option(180.0, "--timeout", help="Seconds to wait for yellow health."),
    ) -> None:
        """Start the node in the background and wait until it is ready (reuses a running one)."""
        try:
            status = EngineNode(home=home, port=port, heap=heap).start(timeout=timeout, fresh=fresh)
        except EngineError as exc:
            _fail(exc)
        typer.echo(status.describe())

    @engine.command()
    def stop(
        port: int = PortOption,
        home: Optional[Path] = HomeOption,
        heap: str = HeapOption,
    ) -> None:
        """Stop the node started from this home (by its saved PID)."""
        try:
            node = EngineNode(home=home, port=port, heap=heap)
            stopped = node.stop()
        except EngineError as exc:
            _fail(exc)
        typer.echo(f"stopped OpenSearch at {node.url}" if stopped else f"no OpenSearch node running at {node.url}")

    @engine.command()
    def status(
        port: int = PortOption,
        home: Optional[Path] = HomeOption,
        heap: str = HeapOption,
    ) -> None:
        """Show whether the node runs, its PID, URL and OpenSearch version (exit 3 if not running)."""
        try:
            result = EngineNode(home=home, port=port, heap=heap).status()
        except EngineError as exc:
            _fail(exc)
        typer.echo(result.describe())
        if not result.running:
            raise typer.Exit(code=3)

    app.add_typer(engine, name="engine")

"""``python -m wirewatch.engine start|stop|status``: the node launcher for shell scripts and CI.

Kept on argparse (not the typer app) so CI can manage the node without the full CLI's imports.
Prints one line; on failure prints ``error: <message>`` to stderr and exits 1.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from wirewatch.engine.node import EngineError, EngineNode


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m wirewatch.engine", description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=["start", "stop", "status"])
    parser.add_argument("--port", type=int, default=9200, help="HTTP port (default 9200)")
    parser.add_argument("--transport-port", type=int, default=None, help="transport port (default port+100)")
    parser.add_argument("--home", type=Path, default=None,
                        help="node directory (default $WIREWATCH_ENGINE_HOME or ~/.cache/wirewatch/engine/node-PORT)")
    parser.add_argument("--heap", default="512m", help="JVM heap, e.g. 512m or 1g (default 512m)")
    parser.add_argument("--fresh", action="store_true", help="start: wipe the data directory first")
    parser.add_argument("--timeout", type=float, default=180, help="start: seconds to wait for yellow health")
    args = parser.parse_args(argv)

    try:
        node = EngineNode(home=args.home, port=args.port, transport_port=args.transport_port, heap=args.heap)
        if args.command == "start":
            print(node.start(timeout=args.timeout, fresh=args.fresh).describe())
        elif args.command == "stop":
            stopped = node.stop()
            print(f"stopped OpenSearch at {node.url}" if stopped else f"no OpenSearch node running at {node.url}")
        else:
            status = node.status()
            print(status.describe())
            return 0 if status.running else 3  # like `systemctl status`: scripts can test "is it up?"
    except EngineError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())

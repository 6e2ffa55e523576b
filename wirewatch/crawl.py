"""Run `scrapy crawl wires` in a child process and follow its progress.

A child process because Twisted's reactor cannot be restarted inside one Python process, and
because it keeps the CLI (and the scheduler later) free of Scrapy imports.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

PROJECT_ROOT = Path(__file__).resolve().parent.parent
_PROGRESS = re.compile(r"progress ((?:\w+=\S+ ?)+)")
_ERROR = re.compile(r"\[(?:[\w.]+)\] (ERROR|CRITICAL): (.*)")

# Settings for crawling the local sample site: no politeness delays against our own server.
LOCAL_SITE_SETTINGS = {
    "AUTOTHROTTLE_ENABLED": "False",
    "DOWNLOAD_DELAY": "0",
    "CONCURRENT_REQUESTS_PER_DOMAIN": "16",
    "WIREWATCH_PROGRESS_INTERVAL": "1",
}


@dataclass
class CrawlReport:
    returncode: int
    progress: dict[str, str] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    log_path: Path | None = None

    def count(self, name: str) -> int:
        try:
            return int(self.progress.get(name, 0))
        except ValueError:
            return 0


def crawl_command(
    sources: list[str] | None = None,
    since: str | None = None,
    catalogue: list[Path] | None = None,
    settings: dict[str, str] | None = None,
    full: bool = False,
) -> list[str]:
    cmd = [sys.executable, "-m", "scrapy", "crawl", "wires"]
    if full:
        cmd += ["-a", "full=1"]
    if sources:
        cmd += ["-a", f"sources={','.join(sources)}"]
    if since:
        cmd += ["-a", f"since={since}"]
    if catalogue:
        cmd += ["-a", f"catalogue={','.join(str(p) for p in catalogue)}"]
    for key, value in (settings or {}).items():
        cmd += ["-s", f"{key}={value}"]
    return cmd


def run_crawl(
    sources: list[str] | None = None,
    since: str | None = None,
    catalogue: list[Path] | None = None,
    settings: dict[str, str] | None = None,
    env: dict[str, str] | None = None,
    on_progress: Callable[[dict[str, str]], None] | None = None,
    on_error: Callable[[str], None] | None = None,
    log_path: Path | None = None,
    full: bool = False,
) -> CrawlReport:
    """Run one crawl to completion; the full Scrapy log goes to `log_path` if given."""
    child_env = {**os.environ, "SCRAPY_SETTINGS_MODULE": "crawler.settings", **(env or {})}
    child_env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(PROJECT_ROOT), child_env.get("PYTHONPATH")]))
    report = CrawlReport(returncode=-1, log_path=log_path)
    log = log_path.open("w", encoding="utf-8") if log_path else None
    try:
        with subprocess.Popen(
            crawl_command(sources, since, catalogue, settings, full),
            cwd=PROJECT_ROOT,
            env=child_env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            encoding="utf-8",
            errors="replace",
        ) as proc:
            assert proc.stdout is not None
            for line in proc.stdout:
                if log:
                    log.write(line)
                if match := _PROGRESS.search(line):
                    report.progress = dict(pair.split("=", 1) for pair in match.group(1).split())
                    if on_progress:
                        on_progress(report.progress)
                elif match := _ERROR.search(line):
                    report.errors.append(match.group(2).strip())
                    if on_error:
                        on_error(match.group(2).strip())
            report.returncode = proc.wait()
    finally:
        if log:
            log.close()
    return report

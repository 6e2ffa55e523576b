"""Settings from a TOML file plus `WIREWATCH_*` environment variables (environment wins).

Secrets (passwords, API keys, tokens) are read from the environment only, never the file.
File lookup: `$WIREWATCH_CONFIG`, else `./wirewatch.toml` if it exists.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass
from pathlib import Path


def default_home() -> Path:
    """Where the default store, spool and crawl state live (XDG data dir)."""
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "wirewatch"


@dataclass(frozen=True)
class Settings:
    home: Path
    store_url: str
    spool_dir: Path
    state_path: Path


def _file_values() -> dict[str, str]:
    path = os.environ.get("WIREWATCH_CONFIG")
    candidate = Path(path) if path else Path("wirewatch.toml")
    if not candidate.is_file():
        if path:
            raise FileNotFoundError(f"WIREWATCH_CONFIG points to {path}, which does not exist")
        return {}
    with candidate.open("rb") as fh:
        data = tomllib.load(fh)
    return {str(k): str(v) for k, v in data.get("wirewatch", data).items() if not isinstance(v, dict)}


def load_settings() -> Settings:
    values = _file_values()

    def pick(name: str, default: str | None = None) -> str | None:
        return os.environ.get(f"WIREWATCH_{name.upper()}") or values.get(name) or default

    home = Path(pick("home") or default_home()).expanduser()
    store = pick("store") or f"sqlite:///{home / 'wirewatch.sqlite'}"
    spool = Path(pick("spool_dir") or home / "spool").expanduser()
    state = Path(pick("state") or home / "state.sqlite").expanduser()
    return Settings(home=home, store_url=store, spool_dir=spool, state_path=state)

"""Loading the source catalogue from YAML files.

Layers, in order (later layers override earlier ones by source ``id``):

1. the builtin catalogue, ``wirewatch/sources/catalogue/*.yaml`` (``include_builtin=True``);
2. ``$WIREWATCH_SOURCES``: files or directories separated by ``os.pathsep`` (``:`` on POSIX);
   a directory contributes its ``*.yaml`` / ``*.yml`` files in name order;
3. the ``paths`` argument (files or directories, same rule).

File format::

    sources:
      - id: tass                       # lowercase slug, unique
        name: TASS
        country: RU                    # ISO 3166-1 alpha-2
        languages: [en, ru]            # ISO 639-1
        homepage: https://tass.com/
        allowed_domains: [tass.com, tass.ru]
        ownership: state               # state | public | private | cooperative
        discovery:
          - kind: rss                  # rss atom rdf feed sitemap news_sitemap sitemap_index listing
            url: https://tass.com/rss/v2.xml
            origin: "public feed list <repo/path>"
            verified: true
        article_pattern: '^https://tass\\.com/[a-z-]+/\\d+$'
        exclude_patterns: ['/video/']
        politeness: {download_delay: 2.0, concurrency: 2, obey_robots: true}
        enabled: true
        valid_from: 2020-01-01         # optional knowledge validity window
        valid_to: null

Rules:

* Every entry is validated on its own (:class:`wirewatch.sources.model.Source`). A bad entry
  becomes a :class:`CatalogueError` naming the file, the source and the field; the other
  sources still load.
* Inside the builtin layer ids must be unique across files. A source in a user file
  (``$WIREWATCH_SOURCES`` or ``paths``) with an id that is already defined *replaces* it.
  With ``patch: true`` it is instead deep-merged onto the existing definition (mappings are
  merged, lists and scalars replaced), e.g. ``{id: reuters, patch: true, enabled: false}``.
  If the replacement is invalid the earlier definition stays and the error is reported.
* ``${VAR}`` and ``${VAR:-default}`` are replaced from the environment in ``homepage``,
  ``discovery[].url`` and ``allowed_domains`` (an allowed domain that expands to a URL is
  reduced to its host name, so ``allowed_domains: ["${WIREWATCH_SAMPLE_BASE}"]`` works for
  ``WIREWATCH_SAMPLE_BASE=http://127.0.0.1:8765``). An unset variable without a default is an
  error for that source.
"""

from __future__ import annotations

import copy
import os
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from .model import Source, host_of

__all__ = [
    "BUILTIN_DIR",
    "ENV_VAR",
    "Catalogue",
    "CatalogueError",
    "expand_env",
    "load_catalogue",
]

BUILTIN_DIR = Path(__file__).resolve().parent / "catalogue"
ENV_VAR = "WIREWATCH_SOURCES"

_ENV_REF = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}")
_MODEL_FIELD_PREFIX = re.compile(r"^((?:[a-z_]+)(?:\.\d+(?:\.[a-z_]+)?)?): (.+)$", re.S)
_TOP_LEVEL_KEYS = {"sources", "version"}


@dataclass
class CatalogueError:
    """One problem found while loading the catalogue."""

    file: str
    source_id: str | None
    field: str | None
    message: str
    line: int | None = None
    """1-based line of the offending entry in ``file`` when known."""
    index: int | None = None
    """0-based position of the entry in the file's ``sources`` list when known."""

    def __str__(self) -> str:
        parts = [self.file]
        if self.source_id is not None:
            parts.append(f"source {self.source_id!r}")
        elif self.index is not None:
            parts.append(f"sources[{self.index}]")
        if self.field:
            parts.append(self.field)
        parts.append(self.message)
        return ": ".join(parts)


@dataclass
class Catalogue:
    """The loaded sources plus everything that went wrong while loading them."""

    sources: list[Source] = field(default_factory=list)
    errors: list[CatalogueError] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    origins: dict[str, str] = field(default_factory=dict)
    """Source id -> the file its (final) definition came from."""

    def __iter__(self) -> Iterator[Source]:
        return iter(self.sources)

    def __len__(self) -> int:
        return len(self.sources)

    def __contains__(self, source_id: object) -> bool:
        return any(s.id == source_id for s in self.sources)

    @property
    def ok(self) -> bool:
        return not self.errors

    def ids(self) -> list[str]:
        return [s.id for s in self.sources]

    def get(self, id: str) -> Source:  # noqa: A002 - the public name the spider uses
        for s in self.sources:
            if s.id == id:
                return s
        raise KeyError(f"unknown source {id!r} (known: {', '.join(sorted(self.ids()))})")

    def select(
        self,
        ids: Iterable[str] | None = None,
        *,
        country: str | None = None,
        language: str | None = None,
        ownership: str | None = None,
        enabled_only: bool = True,
        valid_on: date | None = None,
    ) -> list[Source]:
        """Sources matching every given filter, in catalogue order.

        ``ids`` (if given) must all exist, else ``KeyError``. ``country``/``language`` are
        case-insensitive. Disabled sources are dropped unless ``enabled_only=False`` (this also
        applies to explicitly named ids). Sources whose validity window excludes ``valid_on``
        (default: today) are dropped.
        """
        pool = self.sources
        if ids is not None:
            wanted = [i.strip() for i in ids if i and i.strip()]
            unknown = [i for i in wanted if i not in self]
            if unknown:
                raise KeyError(
                    f"unknown source(s): {', '.join(unknown)} (known: {', '.join(sorted(self.ids()))})"
                )
            keep = set(wanted)
            pool = [s for s in pool if s.id in keep]
        day = valid_on or date.today()
        out = []
        for s in pool:
            if enabled_only and not s.enabled:
                continue
            if country and s.country != country.strip().upper():
                continue
            if language and language.strip().lower() not in s.languages:
                continue
            if ownership and s.ownership != ownership.strip().lower():
                continue
            if not s.is_valid_on(day):
                continue
            out.append(s)
        return out


# ---------------------------------------------------------------------------------------------
# environment substitution


class _MissingVariable(ValueError):
    pass


def expand_env(value: str, env: Mapping[str, str] | None = None) -> str:
    """Replace ``${VAR}`` / ``${VAR:-default}`` in ``value``; raise ValueError if VAR is unset."""
    env = os.environ if env is None else env

    def repl(m: re.Match[str]) -> str:
        name, default = m.group(1), m.group(2)
        if name in env and env[name] != "":
            return env[name]
        if default is not None:
            return default
        raise _MissingVariable(f"environment variable {name} is not set (used in {value!r})")

    return _ENV_REF.sub(repl, value)


def _substitute(entry: dict[str, Any], env: Mapping[str, str]) -> list[tuple[str, str]]:
    """Expand variables in place in the URL-bearing fields; return (field, message) errors."""
    errors: list[tuple[str, str]] = []

    def sub(value: Any, where: str) -> Any:
        if not isinstance(value, str) or "${" not in value:
            return value
        try:
            return expand_env(value, env)
        except _MissingVariable as exc:
            errors.append((where, str(exc)))
            return value

    if "homepage" in entry:
        entry["homepage"] = sub(entry["homepage"], "homepage")
    domains = entry.get("allowed_domains")
    if isinstance(domains, list):
        new = []
        for i, d in enumerate(domains):
            expanded = sub(d, f"allowed_domains.{i}")
            if isinstance(d, str) and "${" in d and isinstance(expanded, str) and "://" in expanded:
                expanded = host_of(expanded) or expanded
            new.append(expanded)
        entry["allowed_domains"] = new
    disc = entry.get("discovery")
    if isinstance(disc, list):
        for i, d in enumerate(disc):
            if isinstance(d, dict) and "url" in d:
                d["url"] = sub(d["url"], f"discovery.{i}.url")
    return errors


# ---------------------------------------------------------------------------------------------
# loading


@dataclass
class _Layer:
    path: Path
    builtin: bool


def _display(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(BUILTIN_DIR.parent))
    except ValueError:
        return str(path)


def _expand(path: Path, builtin: bool, errors: list[CatalogueError]) -> list[_Layer]:
    if path.is_dir():
        files = sorted(p for p in path.iterdir() if p.suffix in (".yaml", ".yml") and p.is_file())
        return [_Layer(p, builtin) for p in files]
    if path.is_file():
        return [_Layer(path, builtin)]
    errors.append(CatalogueError(_display(path), None, None, "no such file or directory"))
    return []


def _entry_lines(text: str) -> list[int | None]:
    """1-based start line of every item of the top-level ``sources`` sequence."""
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return []
    if not isinstance(node, yaml.MappingNode):
        return []
    for key, value in node.value:
        if isinstance(key, yaml.ScalarNode) and key.value == "sources" and isinstance(value, yaml.SequenceNode):
            return [item.start_mark.line + 1 for item in value.value]
    return []


def _pydantic_errors(exc: ValidationError) -> list[tuple[str | None, str]]:
    out: list[tuple[str | None, str]] = []
    for err in exc.errors(include_url=False):
        loc = ".".join(str(p) for p in err.get("loc", ()))
        msg = str(err.get("msg", "invalid value"))
        for prefix in ("Value error, ", "Assertion failed, "):
            if msg.startswith(prefix):
                msg = msg[len(prefix):]
        if not loc:
            m = _MODEL_FIELD_PREFIX.match(msg)
            if m:
                loc, msg = m.group(1), m.group(2)
        if err.get("type") == "missing":
            msg = "required field is missing"
        elif err.get("type") == "extra_forbidden":
            msg = "unknown field"
        out.append((loc or None, msg))
    return out


def _deep_merge(base: dict[str, Any], patch: Mapping[str, Any]) -> dict[str, Any]:
    out = copy.deepcopy(base)
    for key, value in patch.items():
        if isinstance(value, Mapping) and isinstance(out.get(key), dict):
            out[key] = _deep_merge(out[key], value)
        else:
            out[key] = copy.deepcopy(value)
    return out


def _read_entries(layer: _Layer, disp: str, errors: list[CatalogueError]) -> list[tuple[int, Any, int | None]]:
    try:
        text = layer.path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        errors.append(CatalogueError(disp, None, None, f"cannot read file: {exc}"))
        return []
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        problem = getattr(exc, "problem", None) or str(exc)
        errors.append(CatalogueError(disp, None, None, f"invalid YAML: {problem}", line=line))
        return []
    if data is None:
        return []
    if not isinstance(data, dict) or not isinstance(data.get("sources"), list):
        errors.append(
            CatalogueError(disp, None, "sources", "the file must be a mapping with a top-level 'sources:' list")
        )
        return []
    for key in sorted(set(data) - _TOP_LEVEL_KEYS, key=str):
        errors.append(CatalogueError(disp, None, str(key), "unknown top-level key (expected 'sources')"))
    lines = _entry_lines(text)
    return [(i, entry, lines[i] if i < len(lines) else None) for i, entry in enumerate(data["sources"])]


def load_catalogue(
    paths: Iterable[str | os.PathLike[str]] | None = None,
    *,
    include_builtin: bool = True,
    env: Mapping[str, str] | None = None,
) -> Catalogue:
    """Load the builtin catalogue, ``$WIREWATCH_SOURCES`` and ``paths`` (see module docstring).

    Never raises for bad data: problems are collected in ``Catalogue.errors``.
    ``env`` replaces ``os.environ`` for ``$WIREWATCH_SOURCES`` and ``${VAR}`` substitution.
    """
    env = os.environ if env is None else env
    cat = Catalogue()
    layers: list[_Layer] = []
    if include_builtin:
        layers += _expand(BUILTIN_DIR, True, cat.errors)
    for item in (env.get(ENV_VAR) or "").split(os.pathsep):
        if item.strip():
            layers += _expand(Path(item.strip()).expanduser(), False, cat.errors)
    for p in paths or ():
        layers += _expand(Path(p).expanduser(), False, cat.errors)

    by_id: dict[str, Source] = {}
    order: list[str] = []
    seen_files: set[Path] = set()

    for layer in layers:
        resolved = layer.path.resolve()
        if resolved in seen_files:
            continue
        seen_files.add(resolved)
        disp = _display(layer.path)
        cat.files.append(disp)
        ids_in_file: set[str] = set()
        for index, raw, line in _read_entries(layer, disp, cat.errors):

            def err(field_: str | None, message: str, sid: str | None = None) -> None:
                cat.errors.append(CatalogueError(disp, sid, field_, message, line=line, index=index))

            if not isinstance(raw, dict):
                err(None, "each entry of 'sources' must be a mapping")
                continue
            entry = copy.deepcopy(raw)
            sid = entry.get("id") if isinstance(entry.get("id"), str) else None
            patch = entry.pop("patch", False)
            if sid is None:
                err("id", "required field is missing" if "id" not in entry else "id must be a string")
                continue
            if sid in ids_in_file:
                err("id", "duplicate id in this file", sid)
                continue
            ids_in_file.add(sid)
            existing = by_id.get(sid)
            if existing is not None and layer.builtin:
                err("id", f"duplicate id (already defined in {cat.origins.get(sid)})", sid)
                continue
            if patch is True:
                if existing is None:
                    err("patch", "patch: true but no earlier source with this id to patch", sid)
                    continue
                entry = _deep_merge(existing.model_dump(mode="json"), entry)
            elif patch not in (False, None):
                err("patch", "patch must be true or false", sid)
                continue

            sub_errors = _substitute(entry, env)
            if sub_errors:
                for f, m in sub_errors:
                    err(f, m, sid)
                continue
            try:
                source = Source.model_validate(entry)
            except ValidationError as exc:
                for f, m in _pydantic_errors(exc):
                    err(f, m, sid)
                continue
            if sid not in by_id:
                order.append(sid)
            by_id[sid] = source
            cat.origins[sid] = disp

    cat.sources = [by_id[i] for i in order]
    return cat

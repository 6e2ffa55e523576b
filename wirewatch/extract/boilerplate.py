"""Wire boilerplate removal driven by data (rules/*.yaml).

Each rules file holds one language (``common.yaml`` holds language-free rules,
e.g. agency photo credits) as named *families* (caption, credit, byline,
trailer, copyright, read_more, related, share, paywall, slug ...), each with
patterns under one or more *kinds*:

``line``    a paragraph matched by the pattern (and not longer than
            ``max_chars``) is dropped.
``inline``  the matched span is cut out of the paragraph; a paragraph left
            empty is dropped.
``block``   the paragraph is a heading ("Related stories", "Читайте также"):
            it is dropped with the link-like short paragraphs that follow it.
``tail``    the paragraph and everything after it are dropped, but only in
            the second half of the text (otherwise it acts as ``line``).

Patterns are Python regular expressions, case-insensitive unless the family
says ``case_sensitive: true``. A ``sources:`` section keyed by catalogue
source id adds families and ``prune_xpath`` for one source, optionally with
``valid_from`` / ``valid_until`` dates (ISO) like a versioned site parser.
Nothing here names a source: that knowledge lives in the data.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import yaml

RULES_DIR = Path(__file__).with_name("rules")
KINDS = ("line", "inline", "block", "tail")
DEFAULT_MAX_CHARS = 400
_SENTENCE_END = tuple('.!?。！？"»”’…')


@dataclass
class Family:
    name: str
    kind: str
    regex: re.Pattern
    max_chars: int = DEFAULT_MAX_CHARS


@dataclass
class RuleSet:
    families: list[Family] = field(default_factory=list)
    prune_xpath: list[str] = field(default_factory=list)

    def extend(self, other: "RuleSet") -> None:
        self.families.extend(other.families)
        self.prune_xpath.extend(other.prune_xpath)


class RulesError(ValueError):
    pass


def _compile_families(spec: dict, origin: str) -> list[Family]:
    out: list[Family] = []
    for name, fam in (spec or {}).items():
        if not isinstance(fam, dict):
            raise RulesError(f"{origin}: family {name!r} must be a mapping")
        flags = 0 if fam.get("case_sensitive") else re.IGNORECASE
        max_chars = int(fam.get("max_chars", DEFAULT_MAX_CHARS))
        for kind in KINDS:
            patterns = fam.get(kind) or []
            if isinstance(patterns, str):
                patterns = [patterns]
            if not patterns:
                continue
            try:
                regex = re.compile("|".join(f"(?:{p})" for p in patterns), flags)
            except re.error as exc:
                raise RulesError(f"{origin}: family {name!r} {kind}: {exc}") from None
            out.append(Family(name, kind, regex, max_chars))
        unknown = set(fam) - set(KINDS) - {"case_sensitive", "max_chars", "description"}
        if unknown:
            raise RulesError(f"{origin}: family {name!r} has unknown keys {sorted(unknown)}")
    return out


@dataclass
class _SourceRules:
    rules: RuleSet
    valid_from: date | None = None
    valid_until: date | None = None

    def valid_on(self, day: date) -> bool:
        return (self.valid_from is None or day >= self.valid_from) and (
            self.valid_until is None or day <= self.valid_until
        )


def _as_date(value) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


class RuleBook:
    """All rules files of a directory, compiled once; rule sets per language cached."""

    def __init__(self, directory: Path = RULES_DIR):
        self.directory = Path(directory)
        self.languages: dict[str, RuleSet] = {}
        self.sources: dict[str, list[_SourceRules]] = {}
        self.paywall_phrases: dict[str, re.Pattern] = {}
        self._cache: dict[tuple, RuleSet] = {}
        self._lock = threading.Lock()
        for path in sorted(self.directory.glob("*.yaml")):
            if path.name == "datelines.yaml":
                continue
            self.load_file(path)

    def load_file(self, path: Path) -> None:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
        lang = str(data.get("language") or Path(path).stem)
        rs = RuleSet(_compile_families(data.get("families"), str(path)), list(data.get("prune_xpath") or []))
        self.languages.setdefault(lang, RuleSet()).extend(rs)
        for sid, sspec in (data.get("sources") or {}).items():
            self.add_source(str(sid), sspec, origin=f"{path}:{sid}")
        self._cache.clear()

    def add_source(self, source_id: str, spec: dict, origin: str = "") -> None:
        """Register per-source rules (the sources catalogue may call this too)."""
        rs = RuleSet(_compile_families(spec.get("families"), origin or source_id), list(spec.get("prune_xpath") or []))
        self.sources.setdefault(source_id, []).append(
            _SourceRules(rs, _as_date(spec.get("valid_from")), _as_date(spec.get("valid_until")))
        )
        self._cache.clear()

    def ruleset(self, languages: tuple[str, ...], source: str | None = None, day: date | None = None) -> RuleSet:
        day = day or date.today()
        key = (languages, source, day)
        rs = self._cache.get(key)
        if rs is not None:
            return rs
        rs = RuleSet()
        # source rules first: they are the most specific
        for sr in self.sources.get(source or "", []):
            if sr.valid_on(day):
                rs.extend(sr.rules)
        for lang in ("common", *languages):
            if lang in self.languages:
                rs.extend(self.languages[lang])
        with self._lock:
            if len(self._cache) > 512:
                self._cache.clear()
            self._cache[key] = rs
        return rs


_BOOK: RuleBook | None = None
_BOOK_LOCK = threading.Lock()


def rulebook() -> RuleBook:
    global _BOOK
    if _BOOK is None:
        with _BOOK_LOCK:
            if _BOOK is None:
                _BOOK = RuleBook()
    return _BOOK


def add_source_rules(source_id: str, spec: dict) -> None:
    """Register per-source rules at run time (e.g. from the sources catalogue):
    ``{"families": {...}, "prune_xpath": [...], "valid_from": ..., "valid_until": ...}``,
    the same shape as a ``sources:`` entry in rules/*.yaml."""
    rulebook().add_source(source_id, spec, origin=f"source {source_id}")


def _link_like(p: str) -> bool:
    return len(p) <= 160 and not p.rstrip().endswith(_SENTENCE_END)


def _drop_leading_header(paragraphs: list[str], title_norm: str | None, removed: list[tuple[str, str]]) -> list[str]:
    """Layouts that put the article header inside the main block give the extractor a kicker
    ("Economía", "World News") and the headline before the story: when the headline is among
    the first three paragraphs and only short label lines precede it, drop them all."""
    if not title_norm:
        return paragraphs
    for index, p in enumerate(paragraphs[:3]):
        if _norm(p) == title_norm:
            before = paragraphs[:index]
            if all(len(q.split()) <= 4 and not q.rstrip().endswith((".", "!", "?", "。")) for q in before):
                removed.extend(("kicker", q) for q in before)
                removed.append(("title_repeat", p))
                return paragraphs[index + 1 :]
            return paragraphs
    return paragraphs


def clean_paragraphs(
    paragraphs: list[str], rules: RuleSet, *, authors: list[str] | None = None, title: str | None = None
) -> tuple[list[str], list[tuple[str, str]]]:
    """Apply the rule set to a list of paragraphs. Returns (kept, removed) where
    removed is a list of (family, text) for diagnostics."""
    removed: list[tuple[str, str]] = []
    kept: list[str] = []
    author_lines = _author_lines(authors or [])
    title_norm = _norm(title) if title else None
    paragraphs = _drop_leading_header(paragraphs, title_norm, removed)
    n = len(paragraphs)
    i = 0
    while i < n:
        p = paragraphs[i].strip()
        i += 1
        if not p:
            continue
        if title_norm and not kept and _norm(p) == title_norm:
            removed.append(("title_repeat", p))
            continue
        if author_lines and len(p) <= 120 and _norm(p) in author_lines:
            removed.append(("byline", p))
            continue
        verdict = None
        for fam in rules.families:
            if fam.kind == "inline":
                new = fam.regex.sub("", p).strip()
                if new != p:
                    removed.append((fam.name, p if not new else _diff(p, new)))
                    p = new
                    if not p:
                        verdict = "dropped"
                        break
                continue
            if len(p) > fam.max_chars or not fam.regex.search(p):
                continue
            if fam.kind == "line":
                removed.append((fam.name, p))
                verdict = "dropped"
            elif fam.kind == "block":
                removed.append((fam.name, p))
                while i < n and (not paragraphs[i].strip() or _link_like(paragraphs[i])):
                    if paragraphs[i].strip():
                        removed.append((fam.name, paragraphs[i].strip()))
                    i += 1
                verdict = "dropped"
            elif fam.kind == "tail":
                # cut the rest only if it is short stuff (footer lines), never article paragraphs
                if all(not q.strip() or _link_like(q) or len(q) < 120 for q in paragraphs[i:]):
                    removed.append((fam.name, p))
                    removed.extend((fam.name, q.strip()) for q in paragraphs[i:] if q.strip())
                    i = n
                else:
                    removed.append((fam.name, p))
                verdict = "dropped"
            break
        if verdict is None and p:
            kept.append(p)
    return kept, removed


def _diff(before: str, after: str) -> str:
    return before.replace(after, "").strip() or before


_WS = re.compile(r"\s+")


def _norm(s: str) -> str:
    return _WS.sub(" ", s).strip().strip(".:|–—-").strip().casefold()


_BY_WORDS = ("by", "par", "von", "por", "di", "de", "от", "автор", "автор:", "texto", "text")


def _author_lines(authors: list[str]) -> set[str]:
    out: set[str] = set()
    names = [a.strip() for a in authors if a and a.strip()]
    if not names:
        return out
    joined_variants = {
        ", ".join(names),
        " and ".join(names),
        " & ".join(names),
        " y ".join(names),
        " et ".join(names),
        " und ".join(names),
        " e ".join(names),
        " и ".join(names),
    }
    for variant in set(names) | joined_variants:
        out.add(_norm(variant))
        for w in _BY_WORDS:
            out.add(_norm(f"{w} {variant}"))
    return out

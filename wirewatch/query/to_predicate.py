"""Query tree -> a Python predicate over one article (alerts match at ingest with it).

Text matching works on lower-cased Unicode word tokens (one per CJK character), like the
engine's standard analyzer and SQLite's unicode61 tokenizer; no stemming (a documented difference from the engine's
language subfields: `sanction` does not match "sanctions" here, `sanction*` does).
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any, Callable, Mapping

from .cjk import spaced
from .ast import And, MatchAll, Node, Not, Or, Phrase, Range, Term, TEXT_TARGETS, iso_bounds
from .parse import SPEC_BY_TARGET

Predicate = Callable[[Mapping[str, Any]], bool]
_WORD = re.compile(r"\w+", re.UNICODE)


def tokens(text: str | None) -> list[str]:
    if not text:
        return []
    folded = unicodedata.normalize("NFKD", spaced(text.casefold()) or "")
    folded = "".join(ch for ch in folded if not unicodedata.combining(ch))
    return _WORD.findall(folded)


def to_predicate(node: Node) -> Predicate:
    if isinstance(node, MatchAll):
        return lambda article: True
    if isinstance(node, And):
        parts = [to_predicate(c) for c in node.children]
        return lambda article: all(p(article) for p in parts)
    if isinstance(node, Or):
        parts = [to_predicate(c) for c in node.children]
        return lambda article: any(p(article) for p in parts)
    if isinstance(node, Not):
        inner = to_predicate(node.child)
        return lambda article: not inner(article)
    if isinstance(node, Range):
        return _range(node)
    spec = SPEC_BY_TARGET.get(node.field) if node.field else None
    if spec is None or spec.kind == "text":
        return _text(node)  # type: ignore[arg-type]
    return _keyword(node, spec.kind == "keywords")  # type: ignore[arg-type]


def _text(node: Term | Phrase) -> Predicate:
    columns = [node.field] if node.field else list(TEXT_TARGETS)
    if isinstance(node, Term) and node.prefix and node.value == "*":
        return lambda article: any(bool(article.get(c)) for c in columns)
    wanted = tokens(node.value)
    prefix = isinstance(node, Term) and node.prefix
    slop = node.slop if isinstance(node, Phrase) else 0

    def match_tokens(have: list[str]) -> bool:
        if not wanted:
            return False
        if slop:
            return _near(have, wanted, slop)
        n = len(wanted)
        for i in range(len(have) - n + 1):
            window = have[i : i + n]
            if window[:-1] == wanted[:-1] and (
                window[-1].startswith(wanted[-1]) if prefix else window[-1] == wanted[-1]
            ):
                return True
        return False

    return lambda article: any(match_tokens(tokens(article.get(c))) for c in columns)


def _near(have: list[str], wanted: list[str], slop: int) -> bool:
    """All wanted tokens within a window of len(wanted) + slop positions (any order)."""
    width = len(wanted) + slop
    for start in range(len(have)):
        window = have[start : start + width]
        if all(w in window for w in wanted):
            return True
    return False


def _keyword(node: Term, is_list: bool) -> Predicate:
    def values(article: Mapping[str, Any]) -> list[str]:
        raw = article.get(node.field)
        if raw is None:
            return []
        return [str(v) for v in raw] if is_list else [str(raw)]

    if node.prefix:
        if node.value == "*":
            return lambda article: any(values(article))
        return lambda article: any(v.lower().startswith(node.value.lower()) for v in values(article))
    return lambda article: node.value in values(article)


def _range(node: Range) -> Predicate:
    low, high = iso_bounds(node)
    checks = {">=": str.__ge__, ">": str.__gt__, "<": str.__lt__, "<=": str.__le__}

    def predicate(article: Mapping[str, Any]) -> bool:
        value = article.get(node.field)
        if not value:
            return False
        return all(checks[op](value, bound) for op, bound in (b for b in (low, high) if b))

    return predicate

"""Query tree -> Elasticsearch/OpenSearch query DSL.

The same bodies go to OpenSearch (run for real in CI) and to Elasticsearch 8/9, so this module
uses only DSL both engines accept identically: bool, multi_match, term(s), prefix, range.
"""

from __future__ import annotations

from typing import Any

from .cjk import has_cjk
from .ast import And, MatchAll, Node, Not, Or, Phrase, Range, Term, iso_bounds
from ..schema import TEXT_BOOSTS
from .parse import SPEC_BY_TARGET

# Language-aware subfields of every text field (see wirewatch.store.dsl.mapping).
TEXT_SUBFIELDS = ("en", "fr", "de", "es", "ru", "cjk")


def text_fields(field: str | None) -> list[str]:
    """The engine fields a text term searches: the field itself and its language subfields."""
    targets = [field] if field else list(TEXT_BOOSTS)
    out: list[str] = []
    for target in targets:
        boost = TEXT_BOOSTS[target]
        suffix = f"^{boost}" if boost != 1 else ""
        out.append(f"{target}{suffix}")
        out.append(f"{target}.*{suffix}")
    return out


def to_dsl(node: Node) -> dict[str, Any]:
    if isinstance(node, MatchAll):
        return {"match_all": {}}
    if isinstance(node, And):
        must = [to_dsl(c) for c in node.children if not isinstance(c, Not)]
        must_not = [to_dsl(c.child) for c in node.children if isinstance(c, Not)]
        body: dict[str, Any] = {"must": must or [{"match_all": {}}]}
        if must_not:
            body["must_not"] = must_not
        return {"bool": body}
    if isinstance(node, Or):
        return {"bool": {"should": [to_dsl(c) for c in node.children], "minimum_should_match": 1}}
    if isinstance(node, Not):
        return {"bool": {"must": [{"match_all": {}}], "must_not": [to_dsl(node.child)]}}
    if isinstance(node, Range):
        return _range(node)
    if isinstance(node, Term):
        return _term(node)
    if isinstance(node, Phrase):
        return {
            "multi_match": {
                "query": node.value,
                "type": "phrase",
                "slop": node.slop,
                "fields": text_fields(node.field),
            }
        }
    raise TypeError(f"cannot compile {node!r}")


def _term(node: Term) -> dict[str, Any]:
    spec = SPEC_BY_TARGET.get(node.field) if node.field else None
    if node.field and node.prefix and node.value == "*":
        return {"exists": {"field": node.field}}  # field:* = the field has a value
    if spec is None or spec.kind == "text":
        if node.prefix:
            return {
                "multi_match": {
                    "query": node.value,
                    "type": "phrase_prefix",
                    "max_expansions": 50,
                    "fields": text_fields(node.field),
                }
            }
        if has_cjk(node.value):
            # No spaces between CJK words: the characters must be adjacent, as in SQLite and alerts.
            return {"multi_match": {"query": node.value, "type": "phrase", "fields": text_fields(node.field)}}
        return {"multi_match": {"query": node.value, "type": "best_fields", "operator": "and", "fields": text_fields(node.field)}}
    if node.prefix:
        # Case-insensitive like SQLite's LIKE and the alert predicate.
        return {"prefix": {node.field: {"value": node.value, "case_insensitive": True}}}
    return {"term": {node.field: node.value}}


def _range(node: Range) -> dict[str, Any]:
    low, high = iso_bounds(node)
    ops = {">=": "gte", ">": "gt", "<": "lt", "<=": "lte"}
    body: dict[str, Any] = {}
    for bound in (low, high):
        if bound:
            body[ops[bound[0]]] = bound[1]
    if not body:
        return {"exists": {"field": node.field}}
    return {"range": {node.field: body}}

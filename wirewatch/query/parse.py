"""Lucene-style query text -> `wirewatch.query.ast` tree, parsed once by luqum.

Semantics shared by every backend (and documented in the README):
- Words side by side mean AND (news search, not Lucene's OR default); `+x` is required,
  `-x` / `NOT x` excluded; AND/OR/NOT and parentheses as usual.
- `field:value` with the public field names in `FIELDS`; a bare word searches title,
  description and text.
- `prefix*` only at the end of a word of 2+ characters: leading wildcards are refused because
  they force a scan of every term in the index.
- `"a b"~5` is a proximity phrase; ranges `published:[2026-01-01 TO 2026-02-01]`,
  `published:>=2026-01-01`, `*` for an open end.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from luqum import tree as lt
from luqum.exceptions import IllegalCharacterError, ParseSyntaxError
from luqum.parser import parser as _luqum_parser

from .ast import And, MatchAll, Node, Not, Or, Phrase, Range, Term

MAX_CLAUSES = 200
MAX_QUERY_LENGTH = 2000


@dataclass(frozen=True)
class FieldSpec:
    target: str  # article field
    kind: str  # "text" | "keyword" | "keywords" | "date"
    normalise: str = "none"  # "upper" | "lower" | "none"


FIELDS: dict[str, FieldSpec] = {
    "title": FieldSpec("title", "text"),
    "description": FieldSpec("description", "text"),
    "text": FieldSpec("text", "text"),
    "source": FieldSpec("source", "keyword", "lower"),
    "lang": FieldSpec("language", "keyword", "lower"),
    "language": FieldSpec("language", "keyword", "lower"),
    "country": FieldSpec("countries", "keywords", "upper"),
    "primary": FieldSpec("primary_countries", "keywords", "upper"),
    "org": FieldSpec("orgs", "keywords", "upper"),
    "person": FieldSpec("people", "keywords", "lower"),
    "topic": FieldSpec("topics", "keywords", "lower"),
    "author": FieldSpec("authors", "keywords"),
    "section": FieldSpec("section", "keyword"),
    "story": FieldSpec("story_id", "keyword"),
    "published": FieldSpec("published_at", "date"),
    "modified": FieldSpec("modified_at", "date"),
    "crawled": FieldSpec("crawled_at", "date"),
}

SPEC_BY_TARGET: dict[str, FieldSpec] = {spec.target: spec for spec in FIELDS.values()}

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2})?(Z|[+-]\d{2}:?\d{2})?)?$")
_POSITION = re.compile(r"position (\d+)")


class QueryError(ValueError):
    """A query the user must fix. `position` is a 0-based character offset when known."""

    def __init__(self, message: str, position: int | None = None):
        super().__init__(message)
        self.message = message
        self.position = position

    def __str__(self) -> str:
        if self.position is None:
            return self.message
        return f"{self.message} (at character {self.position + 1})"


def parse_query(text: str | None) -> Node:
    """Parse query text; an empty query matches everything."""
    text = (text or "").strip()
    if not text or text == "*":
        return MatchAll()
    if len(text) > MAX_QUERY_LENGTH:
        raise QueryError(f"query is {len(text)} characters long; the limit is {MAX_QUERY_LENGTH}")
    try:
        raw = _luqum_parser.parse(text)
    except IllegalCharacterError as exc:
        match = _POSITION.search(str(exc))
        pos = int(match.group(1)) if match else None
        bad = text[pos] if pos is not None and pos < len(text) else "?"
        hint = "an unclosed quote" if bad == '"' else f"the character {bad!r}"
        raise QueryError(f"cannot read {hint}; expected a word, a quoted phrase or a field:value", pos) from None
    except ParseSyntaxError as exc:
        raise _syntax_error(text, str(exc)) from None
    node = _convert(raw, None)
    clauses = sum(1 for _ in _leaves(node))
    if clauses > MAX_CLAUSES:
        raise QueryError(f"query has {clauses} clauses; the limit is {MAX_CLAUSES}")
    return node


def _syntax_error(text: str, message: str) -> QueryError:
    if "end of expression" in message or "at the end" in message:
        if text.count("(") > text.count(")"):
            return QueryError("a parenthesis is not closed; expected ')'", len(text))
        return QueryError("the query ends too early; expected a word or phrase after the operator", len(text))
    match = _POSITION.search(message)
    token = re.search(r"unexpected\s+'([^']*)'", message)
    pos = int(match.group(1)) if match else None
    what = f"'{token.group(1)}'" if token else "token"
    return QueryError(f"unexpected {what}; expected a word, a phrase, '(' or field:value", pos)


def _leaves(node: Node):
    if isinstance(node, (And, Or)):
        for child in node.children:
            yield from _leaves(child)
    elif isinstance(node, Not):
        yield from _leaves(node.child)
    else:
        yield node


def _field_spec(name: str, pos: int | None) -> FieldSpec:
    spec = FIELDS.get(name.lower())
    if spec is None:
        known = ", ".join(sorted(FIELDS))
        raise QueryError(f"unknown field '{name}'; expected one of: {known}", pos)
    return spec


def _normalise(value: str, spec: FieldSpec | None) -> str:
    if spec is None:
        return value
    if spec.normalise == "upper":
        return value.upper()
    if spec.normalise == "lower":
        return value.lower()
    return value


def _convert(node: lt.Item, field: str | None) -> Node:
    pos = getattr(node, "pos", None)
    if isinstance(node, lt.SearchField):
        if field is not None:
            raise QueryError(f"field '{node.name}' inside field '{field}' is not allowed", pos)
        _field_spec(node.name, pos)
        return _convert(node.expr, node.name.lower())
    if isinstance(node, (lt.Group, lt.FieldGroup)):
        return _convert(node.expr, field)
    if isinstance(node, (lt.AndOperation, lt.UnknownOperation)):
        return _combine(And, [_convert(c, field) for c in node.children])
    if isinstance(node, lt.OrOperation):
        return _combine(Or, [_convert(c, field) for c in node.children])
    if isinstance(node, (lt.Not, lt.Prohibit)):
        return Not(_convert(node.a, field))
    if isinstance(node, lt.Plus):
        return _convert(node.a, field)
    if isinstance(node, lt.Boost):
        return _convert(node.expr, field)
    if isinstance(node, lt.Proximity):
        inner = _convert(node.term, field)
        if isinstance(inner, Phrase):
            return Phrase(inner.field, inner.value, int(float(node.degree or 0)))
        return inner
    if isinstance(node, lt.Fuzzy):
        raise QueryError("fuzzy terms (word~) are not supported; use a prefix (word*) instead", pos)
    if isinstance(node, lt.Regex):
        raise QueryError("regular expressions are not supported in queries", pos)
    if isinstance(node, lt.Phrase):
        return _leaf_phrase(node.value[1:-1], field, pos)
    if isinstance(node, lt.Word):
        return _leaf_word(node.value, field, pos)
    if isinstance(node, lt.Range):
        return _range(field, node.low.value, node.high.value, node.include_low, node.include_high, pos)
    if isinstance(node, lt.From):
        return _range(field, node.a.value, "*", node.include, True, pos)
    if isinstance(node, lt.To):
        return _range(field, "*", node.a.value, True, node.include, pos)
    raise QueryError(f"unsupported query construct {type(node).__name__}", pos)


def _combine(kind: type, children: list[Node]) -> Node:
    flat: list[Node] = []
    for child in children:
        flat.extend(child.children if isinstance(child, kind) else [child])  # type: ignore[attr-defined]
    return flat[0] if len(flat) == 1 else kind(tuple(flat))


def _leaf_word(value: str, field: str | None, pos: int | None) -> Node:
    value = value.replace("\\", "")
    spec = FIELDS.get(field) if field else None
    if value == "*":
        if spec is None:
            return MatchAll()
        return Range(spec.target, None, None) if spec.kind == "date" else Term(spec.target, "*", prefix=True)
    if value.startswith(("*", "?")):
        raise QueryError("a leading wildcard scans the whole index and is refused; put the wildcard at the end", pos)
    prefix = value.endswith("*")
    core = value.rstrip("*")
    if "*" in core or "?" in core:
        raise QueryError("wildcards are only supported at the end of a word (word*)", pos)
    if prefix and len(core) < 2:
        raise QueryError("a prefix needs at least 2 characters before '*'", pos)
    if spec is not None and spec.kind == "date":
        return _range(field, core, core, True, True, pos)
    target = spec.target if spec else None
    return Term(target, _normalise(core, spec), prefix=prefix)


def _leaf_phrase(value: str, field: str | None, pos: int | None) -> Node:
    spec = FIELDS.get(field) if field else None
    if spec is not None and spec.kind == "date":
        return _range(field, value, value, True, True, pos)  # published:"2026-01-05" is that whole day
    if spec is not None and spec.kind != "text":
        return Term(spec.target, _normalise(value, spec))
    if not value.strip():
        raise QueryError("empty phrase", pos)
    return Phrase(spec.target if spec else None, value)


def _range(field: str | None, low: str, high: str, inc_low: bool, inc_high: bool, pos: int | None) -> Node:
    if field is None:
        raise QueryError("a range needs a field, e.g. published:[2026-01-01 TO 2026-02-01]", pos)
    spec = FIELDS[field]
    if spec.kind != "date":
        raise QueryError(f"ranges are supported on date fields only, not '{field}'", pos)
    bounds = [None if bound in ("*", None) else check_date(bound, pos) for bound in (low, high)]
    return Range(spec.target, bounds[0], bounds[1], inc_low, inc_high)


def check_date(value: str, pos: int | None = None) -> str:
    """`value` if it is a real date or ISO-8601 time (2026-02-30 is not), else a QueryError."""
    value = value.strip()
    try:
        if not _DATE.match(value):
            raise ValueError
        datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise QueryError(f"'{value}' is not a date; expected YYYY-MM-DD or an ISO-8601 time", pos) from None
    return value

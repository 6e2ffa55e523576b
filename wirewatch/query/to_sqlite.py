"""Query tree -> SQL condition over `articles a` plus an FTS5 expression for ranking.

Every text clause becomes `a.rowid IN (SELECT rowid FROM articles_fts WHERE ... MATCH ?)`, so
AND/OR/NOT combine text and tag clauses in plain SQL with the same meaning as the engine's bool
query. Known differences from the engine, documented in the README: stemming is Porter (English)
only, and CJK words match as phrases of single characters (no bigram ranking).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .cjk import has_cjk, spaced
from .ast import And, MatchAll, Node, Not, Or, Phrase, Range, Term, iso_bounds, positive_text_nodes
from .parse import SPEC_BY_TARGET

TEXT_COLUMNS = "{title description text}"


@dataclass
class SqlQuery:
    where: str
    params: list = field(default_factory=list)
    rank_match: str | None = None  # FTS5 expression of the positive text clauses


def fts_quote(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def fts_expression(node: Term | Phrase, exact: bool = False) -> str:
    """FTS5 syntax for one text clause; `exact` = for articles_fts_exact (CJK one char per token)."""
    columns = node.field or TEXT_COLUMNS
    value = (spaced(node.value) or "") if exact else node.value
    if isinstance(node, Term):
        expr = fts_quote(value) + (" *" if node.prefix else "")
    elif node.slop > 0:
        words = " ".join(fts_quote(w) for w in value.split())
        expr = f"NEAR({words}, {node.slop})"
    else:
        expr = fts_quote(value)
    return f"{columns} : {expr}"


def to_sqlite(node: Node) -> SqlQuery:
    params: list = []
    where = _compile(node, params)
    ranked = positive_text_nodes(node)
    rank = " OR ".join(f"({fts_expression(n)})" for n in ranked) if ranked else None
    return SqlQuery(where, params, rank)


def _compile(node: Node, params: list) -> str:
    if isinstance(node, MatchAll):
        return "1"
    if isinstance(node, And):
        return "(" + " AND ".join(_compile(c, params) for c in node.children) + ")"
    if isinstance(node, Or):
        return "(" + " OR ".join(_compile(c, params) for c in node.children) + ")"
    if isinstance(node, Not):
        return f"(NOT {_compile(node.child, params)})"
    if isinstance(node, Range):
        low, high = iso_bounds(node)
        parts = []
        for bound in (low, high):
            if bound:
                parts.append(f"a.{node.field} {bound[0]} ?")
                params.append(bound[1])
        parts.append(f"a.{node.field} IS NOT NULL")
        return "(" + " AND ".join(parts) + ")"
    spec = SPEC_BY_TARGET.get(node.field) if node.field else None
    if spec is not None and spec.kind == "text" and isinstance(node, Term) and node.prefix and node.value == "*":
        return f"(a.{node.field} IS NOT NULL AND a.{node.field} != '')"
    if spec is None or spec.kind == "text":
        stemmed = "a.rowid IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)"
        params.append(fts_expression(node))  # type: ignore[arg-type]
        if (isinstance(node, Term) and node.prefix) or has_cjk(node.value):
            # Like the engine (unstemmed main field + stemmed subfields): match either index.
            params.append(fts_expression(node, exact=True))  # type: ignore[arg-type]
            return f"({stemmed} OR a.rowid IN (SELECT rowid FROM articles_fts_exact WHERE articles_fts_exact MATCH ?))"
        return stemmed
    assert isinstance(node, Term)
    column = f"a.{node.field}"
    if spec.kind == "keywords":
        tags = f"a.rowid IN (SELECT article_rowid FROM article_tags WHERE field = '{node.field}'"
        if node.prefix and node.value == "*":
            return tags + ")"
        if node.prefix:
            params.append(_like_prefix(node.value))
            return tags + " AND value LIKE ? ESCAPE '\\')"
        params.append(node.value)
        return tags + " AND value = ?)"
    # "IS NOT NULL AND": a NULL column must make the clause false, not NULL, so that NOT of it
    # is true, as in the engine's must_not and the alert predicate.
    if node.prefix:
        if node.value == "*":
            return f"({column} IS NOT NULL AND {column} != '')"
        params.append(_like_prefix(node.value))
        return f"({column} IS NOT NULL AND {column} LIKE ? ESCAPE '\\')"
    params.append(node.value)
    return f"({column} IS NOT NULL AND {column} = ?)"


def _like_prefix(value: str) -> str:
    escaped = value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return escaped + "%"

"""One Lucene-style query language, compiled for the engine, SQLite and in-process alerts."""

from .ast import And, MatchAll, Node, Not, Or, Phrase, Range, Term
from .parse import FIELDS, QueryError, parse_query
from .to_dsl import to_dsl
from .to_predicate import to_predicate
from .to_sqlite import to_sqlite

__all__ = [
    "And", "FIELDS", "MatchAll", "Node", "Not", "Or", "Phrase", "QueryError", "Range", "Term",
    "parse_query", "to_dsl", "to_predicate", "to_sqlite",
]

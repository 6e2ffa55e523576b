"""The query tree every backend compiles from.

luqum's tree is rich and syntax-shaped; this one is small and meaning-shaped (fields already
resolved to article fields, values normalised), so the three compilers stay short and agree.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Union

from ..schema import TEXT_FIELDS


@dataclass(frozen=True)
class Term:
    """A word, or a word prefix (`sanc*`). `field` None means the default text fields."""

    field: str | None
    value: str
    prefix: bool = False


@dataclass(frozen=True)
class Phrase:
    """Words in order; `slop` > 0 allows that many positions of play (`"a b"~5`)."""

    field: str | None
    value: str
    slop: int = 0


@dataclass(frozen=True)
class Range:
    field: str
    low: str | None
    high: str | None
    include_low: bool = True
    include_high: bool = True


@dataclass(frozen=True)
class And:
    children: tuple["Node", ...]


@dataclass(frozen=True)
class Or:
    children: tuple["Node", ...]


@dataclass(frozen=True)
class Not:
    child: "Node"


@dataclass(frozen=True)
class MatchAll:
    pass


Node = Union[Term, Phrase, Range, And, Or, Not, MatchAll]


def positive_text_nodes(node: Node, negated: bool = False) -> list[Term | Phrase]:
    """Text terms that make an article relevant (not under a NOT): used for ranking and snippets."""
    if isinstance(node, Not):
        return positive_text_nodes(node.child, not negated)
    if isinstance(node, (And, Or)):
        out: list[Term | Phrase] = []
        for child in node.children:
            out.extend(positive_text_nodes(child, negated))
        return out
    if isinstance(node, (Term, Phrase)) and not negated and (node.field is None or node.field in TEXT_TARGETS):
        return [node]
    return []


# Text fields a Term/Phrase may target; None = all of them.
TEXT_TARGETS = tuple(TEXT_FIELDS)


def iso_bounds(node: Range) -> tuple[tuple[str, str] | None, tuple[str, str] | None]:
    """Range bounds as (operator, UTC ISO timestamp) pairs that every backend compares alike.

    A date-only bound covers the whole day: `[2026-01-01 TO 2026-01-31]` includes the 31st until
    midnight, so it becomes `>= 2026-01-01T00:00:00Z` and `< 2026-02-01T00:00:00Z`.
    """
    from datetime import date, datetime, timedelta, timezone

    def day_start(value: str, shift: int) -> str:
        day = date.fromisoformat(value) + timedelta(days=shift)
        return f"{day.isoformat()}T00:00:00Z"

    def instant(value: str) -> str:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
        if parsed.tzinfo is None:
            parsed = parsed.replace(tzinfo=timezone.utc)
        return parsed.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")

    low = high = None
    if node.low is not None:
        if len(node.low) == 10:
            low = (">=", day_start(node.low, 0 if node.include_low else 1))
        else:
            low = (">=" if node.include_low else ">", instant(node.low))
    if node.high is not None:
        if len(node.high) == 10:
            high = ("<", day_start(node.high, 1 if node.include_high else 0))
        else:
            high = ("<=" if node.include_high else "<", instant(node.high))
    return low, high

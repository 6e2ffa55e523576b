"""The result of tagging one article."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

__all__ = ["Tags"]


@dataclass
class Tags:
    """Tags for one article, with the evidence for each.

    ``countries`` are ISO 3166-1 alpha-2 codes of every country mentioned,
    ``primary_countries`` the ones the story is about (salience), ``orgs``,
    ``people`` and ``topics`` stable ids. Every tag has at least one entry in
    ``matches``: ``{"term", "entity", "field", "start", "end"}`` where
    ``term`` is the text as written, ``entity`` is ``country:FR``,
    ``org:NATO``, ``person:emmanuel-macron`` or ``topic:military_deployment``,
    ``field`` is ``title``, ``description``, ``dateline`` or ``text`` and
    ``start``/``end`` are character offsets into that field of the original
    input.
    """

    countries: list[str] = field(default_factory=list)
    primary_countries: list[str] = field(default_factory=list)
    orgs: list[str] = field(default_factory=list)
    people: list[str] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)
    matches: list[dict] = field(default_factory=list)

    def as_dict(self) -> dict:
        return asdict(self)

"""The catalogue of wire services and national news agencies.

Public API::

    from wirewatch.sources import load_catalogue, Source, Discovery
    cat = load_catalogue()               # builtin + $WIREWATCH_SOURCES (+ paths)
    for src in cat.select(country="RU"):  # enabled sources, filters optional
        ...
    src = cat.get("tass"); src.is_article_url(url)

``wirewatch.sources.check.check_sources`` checks discovery URLs live (needs internet);
``wirewatch.sources.cli.register(app)`` adds ``wirewatch sources list|check|validate``.
No Scrapy imports here: the spider in ``crawler/`` depends on this package, not the reverse.
"""

from .catalogue import BUILTIN_DIR, ENV_VAR, Catalogue, CatalogueError, expand_env, load_catalogue
from .model import Discovery, DiscoveryKind, Ownership, Politeness, Source

__all__ = [
    "BUILTIN_DIR",
    "ENV_VAR",
    "Catalogue",
    "CatalogueError",
    "Discovery",
    "DiscoveryKind",
    "Ownership",
    "Politeness",
    "Source",
    "expand_env",
    "load_catalogue",
]

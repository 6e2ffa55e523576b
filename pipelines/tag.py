"""TagPipeline: geopolitical tags (countries, orgs, people, topics) with `wirewatch.taxonomy`."""

from __future__ import annotations

from crawler.items import ArticleItem
from wirewatch.taxonomy import get_tagger


class TagPipeline:
    def __init__(self, stats):
        self.stats = stats
        self.tagger = get_tagger()  # built once per crawl; the automaton is cached

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler.stats)

    def process_item(self, item: ArticleItem) -> ArticleItem:
        article = item["article"]
        tags = self.tagger.tag(
            article.title,
            article.text,
            published_at=article.published_at,
            description=article.description,
            dateline_place=article.dateline_place,
            language=article.language,
        )
        article.countries = tags.countries
        article.primary_countries = tags.primary_countries
        article.orgs = tags.orgs
        article.people = tags.people
        article.topics = tags.topics
        article.matches = tags.matches
        if tags.countries or tags.orgs or tags.topics:
            self.stats.inc_value("wirewatch/articles/tagged")
        return item

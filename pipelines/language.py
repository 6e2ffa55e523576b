"""LanguagePipeline: sets `language` and `language_confidence` with `wirewatch.extract.detect_language`."""

from __future__ import annotations

from crawler.items import ArticleItem
from wirewatch.extract import detect_language


class LanguagePipeline:
    def __init__(self, stats):
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler.stats)

    def process_item(self, item: ArticleItem) -> ArticleItem:
        article = item["article"]
        guess = detect_language(" ".join(filter(None, [article.title, article.text])), declared=article.language)
        article.language = guess.code
        article.language_confidence = round(guess.confidence, 4) if guess.code else None
        self.stats.inc_value(f"wirewatch/language/{guess.code or 'unknown'}")
        return item

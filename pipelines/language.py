"""LanguagePipeline: makes sure every article has `language` and `language_confidence`.

Detection (langdetect, seeded, on a bounded slice) normally already ran in the cleaning worker
process, off the reactor; this stage only detects here for articles that arrive without it, and
counts languages in the stats.
"""

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
        if not article.language:
            guess = detect_language(" ".join(filter(None, [article.title, article.text])))
            article.language = guess.code
            article.language_confidence = round(guess.confidence, 4) if guess.code else None
        self.stats.inc_value(f"wirewatch/language/{article.language or 'unknown'}")
        return item

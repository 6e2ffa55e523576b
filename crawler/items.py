"""What the spider hands to the item pipelines."""

import scrapy


class ArticleItem(scrapy.Item):
    """A fetched article page; pipelines fill `article` (a `wirewatch.schema.Article`)."""

    url = scrapy.Field()  # final URL after redirects
    requested_url = scrapy.Field()  # URL as discovered (feed/sitemap/listing), canonicalised
    canonical_url = scrapy.Field()  # the page's rel=canonical, when on the source's domains
    body = scrapy.Field()  # raw bytes
    content_type = scrapy.Field()
    encoding = scrapy.Field()  # from the HTTP header, if any
    source = scrapy.Field()  # catalogue id
    source_name = scrapy.Field()
    discovered_via = scrapy.Field()  # discovery URL
    feed_title = scrapy.Field()
    feed_published = scrapy.Field()  # ISO date the feed/sitemap gave, a fallback
    feed_updated = scrapy.Field()  # when the feed/sitemap says the article last changed
    article = scrapy.Field()

"""wirewatch: crawl, clean, tag, index and search the world's wire services.

The libraries in this package know nothing of Scrapy; `crawler/` and `pipelines/` are thin
Scrapy shells over them, and `wirewatch.cli` is the command-line shell.
"""

__version__ = "0.1.0"

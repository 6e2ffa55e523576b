"""Scrapy settings for wirewatch. Override per run with `-s NAME=VALUE` or `WIREWATCH_*` env.

Defaults are polite for real wire sites: robots.txt obeyed, AutoThrottle on, a few requests
per domain at once, bounded page size, retries with backoff (429/503 honour Retry-After in
`crawler.middlewares`). The demo and tests turn the delays off for the local sample site.
"""

import os

BOT_NAME = "wirewatch"
SPIDER_MODULES = ["crawler.spiders"]
NEWSPIDER_MODULE = "crawler.spiders"
TWISTED_REACTOR = "twisted.internet.asyncioreactor.AsyncioSelectorReactor"

USER_AGENT = "wirewatch/0.1 (news monitoring; +https://github.com/wirewatch/wirewatch)"
ROBOTSTXT_OBEY = True
CONCURRENT_REQUESTS = 16
CONCURRENT_REQUESTS_PER_DOMAIN = 4
DOWNLOAD_DELAY = 0.5
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 1.0
AUTOTHROTTLE_MAX_DELAY = 30.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 2.0
DOWNLOAD_TIMEOUT = 30
DOWNLOAD_MAXSIZE = 20 * 1024 * 1024  # a 20 MB page is an error, not an article
DOWNLOAD_WARNSIZE = 5 * 1024 * 1024
RETRY_ENABLED = True
RETRY_TIMES = 3
RETRY_HTTP_CODES = [429, 500, 502, 503, 504, 522, 524, 408]
COOKIES_ENABLED = False
TELNETCONSOLE_ENABLED = False
LOG_LEVEL = os.environ.get("WIREWATCH_LOG_LEVEL", "INFO")
FEED_EXPORT_ENCODING = "utf-8"

DOWNLOADER_MIDDLEWARES = {
    "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
    "crawler.middlewares.RetryAfterMiddleware": 550,
}

ITEM_PIPELINES = {
    "pipelines.clean.CleanPipeline": 100,
    "pipelines.language.LanguagePipeline": 200,
    "pipelines.tag.TagPipeline": 400,
    "pipelines.index.IndexPipeline": 800,
}

EXTENSIONS = {
    "crawler.extensions.ProgressLog": 500,
    "crawler.extensions.RunHistory": 510,
}

# wirewatch's own settings (documented in README "Configuration").
WIREWATCH_STORE = os.environ.get("WIREWATCH_STORE")  # default: the SQLite file in WIREWATCH_HOME
WIREWATCH_SPOOL_DIR = os.environ.get("WIREWATCH_SPOOL_DIR")
WIREWATCH_INDEX_BATCH = 50
WIREWATCH_CLEAN_WORKERS = 2
WIREWATCH_CLEAN_POOL = "process"  # or "thread"
WIREWATCH_PROGRESS_INTERVAL = 2.0
WIREWATCH_STATE = os.environ.get("WIREWATCH_STATE")  # default: state.sqlite in WIREWATCH_HOME
WIREWATCH_INCREMENTAL = True  # skip article URLs already stored unless their feed says updated
WIREWATCH_RETRY_AFTER_MAX = 60.0
WIREWATCH_RETRY_BACKOFF = 0.5

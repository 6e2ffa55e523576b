"""Downloader middlewares of the wirewatch crawler (none beyond Scrapy's own yet)."""

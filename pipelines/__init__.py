"""Scrapy item pipelines, one stage per module, each a thin shell over a `wirewatch` library.

Order (see crawler/settings.py ITEM_PIPELINES): clean -> language -> tag -> index.
"""

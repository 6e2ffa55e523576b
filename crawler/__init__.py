"""The Scrapy project: settings, items, middlewares and the `wires` spider."""

"""wirewatch.extract — the cleaning and language stage as a library (no Scrapy).

from wirewatch.extract import clean_document, detect_language
doc = clean_document(response_body, url, headers_encoding="utf-8", source_rules="xinhua-en")
if doc.ok:
    item.update(doc.fields())
else:
    stats.inc_value(f"wirewatch/extract/dropped/{doc.reason}")
"""

from .boilerplate import add_source_rules
from .core import CleanOptions, clean_document
from .document import CleanedDocument, LanguageGuess
from .language import detect_language, normalise_code
from .many import extract_many

__all__ = [
    "CleanOptions",
    "add_source_rules",
    "CleanedDocument",
    "LanguageGuess",
    "clean_document",
    "detect_language",
    "extract_many",
    "normalise_code",
]

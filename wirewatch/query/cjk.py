"""CJK text for word-based indexes: every Han, kana or Hangul character becomes its own token.

Chinese and Japanese do not separate words with spaces, so a tokenizer that splits on spaces
and punctuation sees a whole clause as one "word". Indexing one token per character and
matching a query as a phrase of characters finds "外交部" inside "中国外交部发言人" — what the
engine's standard tokenizer does, and what SQLite's exact index and the alert predicate do
with this module.
"""

from __future__ import annotations

import re

_CJK = re.compile(
    "([\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af\u1100-\u11ff\u3130-\u318f\U00020000-\U0002a6df])"
)


def has_cjk(text: str | None) -> bool:
    return bool(text) and _CJK.search(text) is not None


def spaced(text: str | None) -> str | None:
    """Surround every CJK character with spaces (other text unchanged)."""
    if not text or not has_cjk(text):
        return text
    return _CJK.sub(r" \1 ", text)

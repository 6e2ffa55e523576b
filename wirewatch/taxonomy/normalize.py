"""Text normalisation for matching, with a map back to the original offsets.

Patterns and article text go through the same function, so they meet in the
same form: lower case (a casefold that keeps one character for one character,
so ``ß`` stays ``ß``), ``ё`` → ``е``, dotless/dotted Turkish ``ı``/``İ`` → ``i``,
Arabic alef forms → ``ا``, ``ى`` → ``ي``, ``ة`` → ``ه``, Persian ``ی``/``ک`` →
Arabic letters, typographic apostrophes → ``'``, exotic spaces → `` ``,
non-ASCII hyphens → ``-``, full-width Latin letters and digits → ASCII.
Characters that carry no matching value are dropped: combining accents that do
not compose, Arabic harakat and tatweel, zero-width characters and soft
hyphens; ligatures and Arabic presentation forms are expanded by NFKC.

The fast path (the usual case) changes no lengths, so offsets are identical and
no map is built. Only a text containing a character that must be dropped or
expanded takes the slow path, which builds ``omap`` (one original index per
normalised character plus a final sentinel).
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["Normalized", "normalize", "norm_term"]

_REMAP: dict[str, str] = {
    "ё": "е", "ѐ": "е", "ı": "i",
    "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه",
    "ی": "ي", "ک": "ك", "ۀ": "ه",
    "’": "'", "‘": "'", "ʼ": "'", "ʻ": "'", "`": "'", "´": "'", "′": "'", "＇": "'",
    "\u00a0": " ", "\u202f": " ", "\u2009": " ", "\u2007": " ", "\u2002": " ",
    "\u2003": " ", "\u3000": " ", "\t": " ",
    "‐": "-", "‑": "-", "‒": "-", "–": "-", "−": "-",
}
for _c in range(0xFF10, 0xFF1A):  # full-width digits
    _REMAP[chr(_c)] = chr(_c - 0xFF10 + ord("0"))
for _c in range(0xFF41, 0xFF5B):  # full-width a-z (upper case is lowered first)
    _REMAP[chr(_c)] = chr(_c - 0xFF41 + ord("a"))

_REMAP_TABLE = str.maketrans(_REMAP)
_REMAP_RE = re.compile("[" + re.escape("".join(_REMAP)) + "]")

# characters that force the slow path: dropped marks, zero-width characters,
# ligatures and presentation forms (NFKC expands them), decomposed jamo/kana
_SLOW_RE = re.compile(
    "[\u0300-\u036f\u0483-\u0489\u0591-\u05c7\u0610-\u061a\u061c\u064b-\u065f"
    "\u0670\u06d6-\u06ed\u0640\u00ad\u200b-\u200f\u2060\ufeff\ufb00-\ufb06"
    "\ufb50-\ufdff\ufe70-\ufefc\u1160-\u11ff\u3099\u309a\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff]"
)
_DROP = re.compile(
    "[\u0610-\u061a\u061c\u064b-\u065f\u0670\u06d6-\u06ed\u0640\u00ad\u200b-\u200f\u2060\ufeff]"
)


class Normalized:
    """A normalised string and how to get back to the original offsets."""

    __slots__ = ("text", "norm", "omap")

    def __init__(self, text: str, norm: str, omap: list[int] | None) -> None:
        self.text = text
        self.norm = norm
        self.omap = omap  # None means identical offsets

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Original (start, end) for a normalised [start, end)."""
        m = self.omap
        if m is None:
            return start, end
        if end <= start:
            return m[start], m[start]
        return m[start], (m[end] if m[end] > m[end - 1] else m[end - 1] + 1)

    def original(self, start: int, end: int) -> str:
        s, e = self.span(start, end)
        return self.text[s:e]


def _char(c: str) -> str:
    """Normalise one character (no combining context)."""
    if c == "İ":
        return "i"
    c = c.lower()
    return c.translate(_REMAP_TABLE)


def _slow(text: str) -> Normalized:
    out: list[str] = []
    omap: list[int] = []
    n = len(text)
    i = 0
    combining = unicodedata.combining
    nfkc = unicodedata.normalize
    while i < n:
        c = text[i]
        j = i + 1
        # gather combining marks that follow a base character
        while j < n and (combining(text[j]) or _DROP.match(text[j])):
            j += 1
        if _DROP.match(c):
            i = j if j > i + 1 else i + 1
            continue
        if j > i + 1:
            cluster = nfkc("NFC", text[i:j])
            pieces = cluster if len(cluster) == 1 else c
        elif "\ufb00" <= c <= "\ufb06" or "\ufb50" <= c <= "\ufdff" or "\ufe70" <= c <= "\ufefc":
            pieces = nfkc("NFKC", c)
        else:
            pieces = c
        for p in pieces:
            q = _char(p)
            for r in q:
                if combining(r) or _DROP.match(r):
                    continue
                out.append(r)
                omap.append(i)
        i = j
    omap.append(n)
    return Normalized(text, "".join(out), omap)


def normalize(text: str) -> Normalized:
    """Normalise ``text`` for matching; see the module docstring."""
    if _SLOW_RE.search(text):
        return _slow(text)
    s = text
    if "İ" in s:
        s = s.replace("İ", "i")
    s = s.lower()
    if _REMAP_RE.search(s):
        found = set(_REMAP_RE.findall(s))
        if len(found) > 6:
            s = s.translate(_REMAP_TABLE)
        else:  # a few distinct characters: str.replace is much faster than translate
            for c in found:
                s = s.replace(c, _REMAP[c])
    return Normalized(text, s, None)


def norm_term(term: str) -> str:
    """Normalise a pattern (same rules, no offsets) and squeeze spaces."""
    return " ".join(normalize(unicodedata.normalize("NFC", term)).norm.split())

"""A cheap language guess for choosing topic keywords when none is given.

Topic keywords are language specific (English "war" is German "was"), so the
tagger uses the article's ``language`` when the pipeline provides it and this
guess otherwise: script first (Hangul, kana, Han, Arabic, Cyrillic with
Ukrainian letters), then counts of very common function words for the Latin
languages. It looks at the first 800 characters only.
"""

from __future__ import annotations

import re

__all__ = ["guess_language"]

_STOP = {
    "en": "the and of to in is that for with was on as by said has have from it are will",
    "fr": "le la les des du de et est une dans pour qui que sur avec au aux pas ont été",
    "de": "der die das und ist nicht mit von zu den ein eine sich auch auf für dem des wird",
    "es": "el la los las del de y que en por con para una es se su al ha como más",
    "it": "il lo la gli le di del della che è per con una sono nel alla dei ha non anche",
    "pt": "o a os as do da dos das de e que em para com uma não foi no na ao é",
    "pl": "i w na z się że do nie jest to o przez od jak ale po dla są",
    "tr": "ve bir bu da de ile için olarak olan gibi daha çok ancak ise sonra kadar",
}
_WORD = re.compile(r"[^\W\d_]+")
_HANGUL = re.compile("[\uac00-\ud7af]")
_KANA = re.compile("[\u3040-\u30ff]")
_HAN = re.compile("[\u4e00-\u9fff]")
_ARABIC = re.compile("[\u0600-\u06ff]")
_CYR = re.compile("[\u0400-\u04ff]")
_UK = re.compile("[іїєґІЇЄҐ]")
_LATIN = re.compile("[A-Za-z\u00c0-\u024f]")
_STOPSETS = {lang: frozenset(words.split()) for lang, words in _STOP.items()}


def guess_language(*texts: str | None) -> str | None:
    sample = " ".join(t for t in texts if t)[:800]
    if not sample:
        return None
    hangul = len(_HANGUL.findall(sample))
    kana = len(_KANA.findall(sample))
    han = len(_HAN.findall(sample))
    arabic = len(_ARABIC.findall(sample))
    cyr = len(_CYR.findall(sample))
    uk = len(_UK.findall(sample)) if cyr else 0
    latin = len(_LATIN.findall(sample))
    top = max(hangul, kana + han, arabic, cyr, latin)
    if top == 0:
        return None
    if top == hangul:
        return "ko"
    if top == kana + han:
        return "ja" if kana >= max(3, han // 20) else "zh"
    if top == arabic:
        return "ar"
    if top == cyr:
        return "uk" if uk >= max(2, cyr // 100) else "ru"
    words = _WORD.findall(sample.lower())
    best, best_n = None, 0
    for lang, stop in _STOPSETS.items():
        n = sum(1 for w in words if w in stop)
        if n > best_n:
            best, best_n = lang, n
    return best or "en"

"""Language identification: langdetect, seeded, on a bounded slice of the text,
with the page's declared language as the fallback for short or undecidable text."""

from __future__ import annotations

import re
import threading

from .document import LanguageGuess

SLICE_CHARS = 2000  # langdetect cost grows with the text: look at a bounded slice
CONFIRM_CHARS = 400  # first look: enough to confirm the page's own declaration
CONFIRM_CONFIDENCE = 0.90
MIN_LETTERS = 25  # fewer letters than this: trust the page's declaration instead
MIN_CONFIDENCE = 0.50  # below this, a declared language wins if there is one
N_TRIAL = 3  # langdetect's random trials (its default is 7): 40% cheaper, same answers on our corpus

_SPECIAL = {
    "zh-cn": "zh",
    "zh-tw": "zh",
    "zh-hans": "zh",
    "zh-hant": "zh",
    "zh-hk": "zh",
    "zh-sg": "zh",
    "iw": "he",
    "in": "id",
    "ji": "yi",
    "jw": "jv",
    "mo": "ro",
    "nb": "no",
    "nn": "no",
    "fil": "tl",
    "cmn": "zh",
    "yue": "zh",
    # ISO 639-2/3 codes seen in the wild
    "eng": "en",
    "fra": "fr",
    "fre": "fr",
    "deu": "de",
    "ger": "de",
    "spa": "es",
    "ita": "it",
    "rus": "ru",
    "zho": "zh",
    "chi": "zh",
    "jpn": "ja",
    "kor": "ko",
    "ara": "ar",
    "por": "pt",
    "tur": "tr",
    "ukr": "uk",
    "pol": "pl",
    "nld": "nl",
    "dut": "nl",
    "fas": "fa",
    "per": "fa",
}
_CODE = re.compile(r"^[a-z]{2,3}$")

_lock = threading.Lock()
_ready = False


def normalise_code(code: str | None) -> str | None:
    """'zh-CN' -> 'zh', 'en_US' -> 'en', 'iw' -> 'he', 'rus' -> 'ru'; None if not a language code."""
    if not code or not isinstance(code, str):
        return None
    c = code.strip().lower().replace("_", "-")
    if not c:
        return None
    if c in _SPECIAL:
        return _SPECIAL[c]
    primary = c.split("-", 1)[0]
    primary = _SPECIAL.get(primary, primary)
    return primary if _CODE.match(primary) and primary not in ("und", "mul", "zxx", "xx") else None


def _ensure_profiles() -> None:
    """Load langdetect's profiles once (thread-safe) and fix its seed."""
    global _ready
    if _ready:
        return
    with _lock:
        if _ready:
            return
        from langdetect import DetectorFactory
        from langdetect.detector_factory import init_factory

        DetectorFactory.seed = 0
        init_factory()
        _ready = True


def warm_up() -> None:
    """Load the language profiles now (pool workers call this at start)."""
    _ensure_profiles()


def _slice(text: str, limit: int = SLICE_CHARS) -> str:
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit)
    return text[: cut if cut > limit // 2 else limit]


def _letters(text: str) -> int:
    return sum(1 for c in text if c.isalpha())


def detect_language(text: str, declared: str | None = None) -> LanguageGuess:
    """Guess the language of `text`; fall back to `declared` when the text is too short
    or langdetect is unsure. Deterministic (seed 0) and bounded (first ~2000 chars)."""
    declared_code = normalise_code(declared)
    sample = _slice(text or "")
    if _letters(sample) < MIN_LETTERS:
        if declared_code:
            return LanguageGuess(declared_code, 0.5, "declared")
        return LanguageGuess(None, 0.0, "none")
    _ensure_profiles()
    from langdetect import DetectorFactory
    from langdetect.detector_factory import _factory
    from langdetect.lang_detect_exception import LangDetectException

    def probabilities(chunk: str) -> list:
        DetectorFactory.seed = 0
        try:
            detector = _factory.create()
            detector.n_trial = N_TRIAL
            detector.append(chunk)
            return detector.get_probabilities()
        except LangDetectException:
            return []

    # Most pages declare their language correctly: a short first look that agrees with the
    # declaration settles it at a fraction of the cost; anything else gets the full slice.
    if declared_code and len(sample) > 2 * CONFIRM_CHARS:
        first = probabilities(_slice(sample, CONFIRM_CHARS))
        if first and normalise_code(first[0].lang) == declared_code and first[0].prob >= CONFIRM_CONFIDENCE:
            return LanguageGuess(declared_code, round(float(first[0].prob), 4), "langdetect")
    probs = probabilities(sample)
    if not probs:
        if declared_code:
            return LanguageGuess(declared_code, 0.5, "declared")
        return LanguageGuess(None, 0.0, "none")
    best = probs[0]
    code = normalise_code(best.lang)
    conf = round(float(best.prob), 4)
    if conf < MIN_CONFIDENCE and declared_code and declared_code != code:
        for p in probs:
            if normalise_code(p.lang) == declared_code:
                return LanguageGuess(declared_code, round(float(p.prob), 4), "declared")
        return LanguageGuess(declared_code, 0.5, "declared")
    return LanguageGuess(code, conf, "langdetect")

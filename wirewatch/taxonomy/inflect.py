"""Rule-based inflected forms for names, adjectives and surnames.

Cheap string rules, run both by ``build_data`` (where the simplemma
dictionaries add attested forms on top) and at load time for user entries, so
a user YAML with ``Зеленский`` still matches ``Зеленского``. The rules aim at
recall for proper nouns in news copy, not at a grammar: a spurious form costs
one unused pattern, a missing form costs a missed tag.

Case paradigms are aligned (nominative, genitive, dative, accusative,
instrumental, prepositional/locative), so multi-word names decline word by
word in agreement: ``Южная Корея`` → ``Южной Кореи``.
"""

from __future__ import annotations

import re

__all__ = [
    "forms",
    "TR_SUFFIXES",
    "KO_PARTICLES",
    "AR_PREFIXES",
    "AR_SUFFIXES",
]

_CYR_UPPER = re.compile(r"^[А-ЯЁІЇЄҐA-Z0-9\-]+$")

# ---------------------------------------------------------------- Russian

_RU_HUSH = set("жшщчц")
_RU_VELAR = set("гкх")
_RU_INDECL_END = set("оеиуюэы")


def _ru_adj(word: str) -> list[str] | None:
    """Aligned paradigm for a Russian adjective in any gender/number."""
    w = word
    low = w.lower()
    for end, table in _RU_ADJ.items():
        if low.endswith(end):
            stem = w[: -len(end)]
            return [stem + e for e in table]
    return None


# nom gen dat acc ins prep
_RU_ADJ = {
    "ая": ["ая", "ой", "ой", "ую", "ой", "ой"],
    "яя": ["яя", "ей", "ей", "юю", "ей", "ей"],
    "ый": ["ый", "ого", "ому", "ый", "ым", "ом"],
    "ой": ["ой", "ого", "ому", "ой", "ым", "ом"],
    "кий": ["кий", "кого", "кому", "кий", "ким", "ком"],
    "ий": ["ий", "его", "ему", "ий", "им", "ем"],
    "ое": ["ое", "ого", "ому", "ое", "ым", "ом"],
    "ее": ["ее", "его", "ему", "ее", "им", "ем"],
    "ые": ["ые", "ых", "ым", "ые", "ыми", "ых"],
    "ие": ["ие", "их", "им", "ие", "ими", "их"],
}


def _ru_noun(word: str, gender: str | None = None, animate: bool = False) -> list[str]:
    w = word
    low = w.lower()
    if not low or _CYR_UPPER.match(w) and len(w) <= 5 and w.upper() == w:
        return [w] * 6
    last = low[-1]
    if last in _RU_INDECL_END:
        return [w] * 6
    if gender == "f" and last not in "аяь":
        return [w] * 6  # female surnames ending in a consonant do not decline
    if low.endswith("ия"):
        s = w[:-2]
        return [w, s + "ии", s + "ии", s + "ию", s + "ией", s + "ии"]
    if last == "я":
        s = w[:-1]
        return [w, s + "и", s + "е", s + "ю", s + "ей", s + "е"]
    if last == "а":
        s = w[:-1]
        prev = low[-2:-1]
        gen = "и" if prev in _RU_VELAR or prev in _RU_HUSH - {"ц"} else "ы"
        ins = "ей" if prev in _RU_HUSH else "ой"
        return [w, s + gen, s + "е", s + "у", s + ins, s + "е"]
    if last == "й":
        s = w[:-1]
        return [w, s + "я", s + "ю", s + ("я" if animate else "й"), s + "ем", s + "е"]
    if last == "ь":
        s = w[:-1]
        if gender == "f" or low.endswith("русь"):
            return [w, s + "и", s + "и", w, w + "ю", s + "и"]
        return [w, s + "я", s + "ю", s + "я" if animate else w, s + "ем", s + "е"]
    # consonant-final masculine
    ins = "ем" if last in _RU_HUSH else "ом"
    if animate and (low.endswith(("ов", "ев", "ин", "ын", "ёв"))):
        ins = "ым"
    return [w, w + "а", w + "у", w + "а" if animate else w, w + ins, w + "е"]


_RU_PLURAL_NOUN = re.compile(r"(ы|и)$")


def _ru_plural_noun(word: str) -> list[str]:
    s = word[:-1]
    if word.endswith("и"):
        return [word, s + "ей", s + "ям", word, s + "ями", s + "ях"]
    return [word, s + "ов", s + "ам", word, s + "ами", s + "ах"]


def _ru_paradigm(phrase: str, kind: str, gender: str | None) -> list[list[str]]:
    words = phrase.split(" ")
    cols: list[list[str]] = []
    plural = any(w.lower().endswith(("ые", "ие")) for w in words[:1])
    animate = kind in ("person", "surname")
    for i, w in enumerate(words):
        parts = w.split("-")
        if len(parts) > 1 and all(parts):
            # Кот-д'Ивуар, Гвинея-Бисау: decline only the last hyphen part if it
            # looks declinable, else keep
            head = "-".join(parts[:-1]) + "-"
            tail = _ru_word(parts[-1], kind, gender, plural, animate, i, words)
            cols.append([head + t for t in tail])
            continue
        cols.append(_ru_word(w, kind, gender, plural, animate, i, words))
    return cols


def _ru_word(w, kind, gender, plural, animate, i, words):
    low = w.lower()
    if low in {"и", "фон", "дер", "де", "ван", "бин", "ибн", "аль", "эль", "ла", "да", "дель"}:
        return [w] * 6
    if kind == "adj" and len(words) > 1:
        return _ru_adj(w) or [w] * 6
    if len(words) > 1 and i < len(words) - 1 and _ru_adj(w) and w[:1].isupper() and kind != "person":
        return _ru_adj(w) or [w] * 6
    if plural and _RU_PLURAL_NOUN.search(low):
        return _ru_plural_noun(w)
    if kind in ("person", "surname") and gender == "f":
        if low.endswith(("ова", "ева", "ина", "ына")):
            s = w[:-1]
            return [w, s + "ой", s + "ой", s + "у", s + "ой", s + "ой"]
        if low.endswith("ая"):
            s = w[:-2]
            return [w, s + "ой", s + "ой", s + "ую", s + "ой", s + "ой"]
    if kind in ("person", "surname") and gender != "f" and _ru_adj(w) and low.endswith(("ский", "цкий", "ой", "ый", "ий")):
        r = _ru_adj(w)
        r[3] = r[1]  # animate accusative
        return r
    if kind == "name" and i > 0 and len(words) > 1 and _CYR_UPPER.match(w):
        return [w] * 6
    return _ru_noun(w, gender, animate)


# ---------------------------------------------------------------- Ukrainian

_UK_ADJ = {
    "ий": ["ий", "ого", "ому", "ий", "им", "ому"],
    "ій": ["ій", "ього", "ьому", "ій", "ім", "ьому"],
    "а": ["а", "ої", "ій", "у", "ою", "ій"],
    "я": ["я", "ьої", "ій", "ю", "ьою", "ій"],
    "е": ["е", "ого", "ому", "е", "им", "ому"],
    "і": ["і", "их", "им", "і", "ими", "их"],
}
_UK_ALT = {"г": "з", "к": "ц", "х": "с"}


def _uk_adj(w: str) -> list[str] | None:
    low = w.lower()
    if not low.endswith(("ий", "ій", "а", "я", "е", "і")):
        return None
    if low.endswith(("ий", "ій")):
        end = low[-2:]
    else:
        end = low[-1]
    if end in ("а", "я", "е", "і") and not low.endswith(("на", "ка", "ська", "цька", "ня", "не", "ні", "ські", "цькі", "ське", "цьке", "ська")):
        return None
    stem = w[: -len(end)]
    return [stem + e for e in _UK_ADJ[end]]


def _uk_noun(w: str, gender: str | None, animate: bool) -> list[str]:
    low = w.lower()
    if not low or (_CYR_UPPER.match(w) and w.upper() == w and len(w) <= 5):
        return [w] * 6
    last = low[-1]
    if last in "оеиую" and not low.endswith("ія"):
        return [w] * 6
    if gender == "f" and last not in "аяь":
        return [w] * 6
    if low.endswith("ія"):
        s = w[:-2]
        return [w, s + "ії", s + "ії", s + "ію", s + "ією", s + "ії"]
    if last == "я":
        s = w[:-1]
        return [w, s + "ї" if low[-2:-1] in "аеиіоуєїюя'" else s + "і", s + "ї" if low[-2:-1] in "аеиіоуєїюя'" else s + "і", s + "ю", s + "єю", s + "ї"]
    if last == "а":
        s = w[:-1]
        prev = low[-2:-1]
        gen = "і" if prev in "жшщч" else "и"
        ins = "ею" if prev in "жшщчц" else "ою"
        dat = s[:-1] + _UK_ALT[prev] + "і" if prev in _UK_ALT else s + "і"
        return [w, s + gen, dat, s + "у", s + ins, dat]
    if last == "й":
        s = w[:-1]
        return [w, s + "я" if animate else s + "ю", s + "ю", s + "я" if animate else w, s + "єм", s + "ї"]
    if last == "ь":
        s = w[:-1]
        if gender == "f" or low.endswith("русь"):
            return [w, s + "і", s + "і", w, w + "ю", s + "і"]
        return [w, s + "я", s + "ю", s + "я" if animate else w, s + "ем", s + "і"]
    ins = "ем" if last in "жшщчц" else "ом"
    if animate and low.endswith(("ов", "ев", "ін", "ин", "їн")):
        ins = "им"
    gen = w + "а" if animate else w + "у"
    return [w, gen, w + "у", gen if animate else w, w + ins, w + "і"]


def _uk_paradigm(phrase: str, kind: str, gender: str | None) -> list[list[str]]:
    words = phrase.split(" ")
    animate = kind in ("person", "surname")
    plural = words[0].lower().endswith("і") and len(words) > 1
    cols = []
    for i, w in enumerate(words):
        low = w.lower()
        if low in {"і", "та", "фон", "дер", "де", "ван", "бін", "аль", "ель"}:
            cols.append([w] * 6)
            continue
        if kind == "adj" or (len(words) > 1 and i < len(words) - 1 and kind != "person" and _uk_adj(w)):
            cols.append(_uk_adj(w) or [w] * 6)
            continue
        if plural and low.endswith(("и", "і")):
            s = w[:-1]
            cols.append([w, s + "ів", s + "ам", w, s + "ами", s + "ах"])
            continue
        if kind in ("person", "surname") and gender != "f" and low.endswith(("ський", "цький", "ий")):
            r = _uk_adj(w)
            if r:
                r[3] = r[1]
                cols.append(r)
                continue
        if kind in ("person", "surname") and gender == "f" and low.endswith(("ова", "ева", "іна", "ина")):
            s = w[:-1]
            cols.append([w, s + "ої", s + "ій", s + "у", s + "ою", s + "ій"])
            continue
        cols.append(_uk_noun(w, gender, animate))
    return cols


# ---------------------------------------------------------------- Polish

_PL_ADJ = {
    "ski": ["ski", "skiego", "skiemu", "skiego", "skim", "skim", "ska", "skiej", "ską", "skie", "skich", "skimi", "scy"],
    "cki": ["cki", "ckiego", "ckiemu", "ckiego", "ckim", "ckim", "cka", "ckiej", "cką", "ckie", "ckich", "ckimi", "ccy"],
    "ny": ["ny", "nego", "nemu", "ny", "nym", "nym", "na", "nej", "ną", "ne", "nych", "nymi", "ni"],
}
_PL_LOC_ALT = [("ka", "ce"), ("ga", "dze"), ("cha", "sze"), ("ra", "rze"), ("da", "dzie"),
               ("ta", "cie"), ("na", "nie"), ("ła", "le"), ("sa", "sie"), ("wa", "wie"), ("ma", "mie"), ("ba", "bie"), ("pa", "pie")]


def _pl_forms(phrase: str, kind: str, gender: str | None) -> set[str]:
    out = {phrase}
    words = phrase.split(" ")
    if len(words) > 1:
        # decline only the last word (head noun) — enough for most names
        head = " ".join(words[:-1]) + " "
        return {head + f for f in _pl_forms(words[-1], kind, gender)} | out
    w = phrase
    low = w.lower()
    if kind == "adj":
        for end, table in _PL_ADJ.items():
            if low.endswith(end):
                return {w[: -len(end)] + e for e in table}
        return out
    if gender == "f" and not low.endswith("a"):
        return out
    if low.endswith("ja"):
        s = w[:-1]
        out |= {s + "i", s + "ę", s + "ą"}
    elif low.endswith("a"):
        s = w[:-1]
        gen = "i" if low[-2:-1] in "gkl" else "y"
        out |= {s + gen, s + "ę", s + "ą"}
        for a, b in _PL_LOC_ALT:
            if low.endswith(a):
                out.add(w[: -len(a)] + b)
                break
    elif low[-1:] in "bcdfghjklłmnprstwzż":
        out |= {w + "u", w + "a", w + "em", w + "owi", w + "ie"}
    return out


# ---------------------------------------------------------------- German

_DE_FEM = ("ei", "e", "z", "en", "ien")  # die Türkei, die Ukraine, die Schweiz, Niederlanden


def _de_forms(phrase: str, kind: str) -> set[str]:
    out = {phrase}
    if kind == "adj":
        base = phrase
        if base.endswith("e"):
            base = base[:-1]
        return {base, base + "e", base + "er", base + "en", base + "em", base + "es"}
    words = phrase.split(" ")
    if len(words) > 1:
        # Vereinigte Staaten → Vereinigten Staaten; Vereinigtes Königreich → Vereinigten Königreichs
        first = words[0]
        rest = " ".join(words[1:])
        if first.endswith(("e", "es", "er")):
            stem = first[:-1] if first.endswith("e") else first[:-2]
            for f in (stem + "en",):
                out.add(f + " " + rest)
                if not rest.endswith(("s", "x", "z", "ß", "en")):
                    out.add(f + " " + rest + "s")
        return out
    low = phrase.lower()
    if kind in ("name", "place", "person", "surname") and not low.endswith(("s", "x", "z", "ß")):
        if not (kind == "name" and low.endswith(_DE_FEM)):
            out.add(phrase + "s")
    if kind == "demonym":
        if low.endswith("e"):
            out.add(phrase + "n")
        elif low.endswith("er"):
            out.add(phrase + "n")
    return out


# ---------------------------------------------------------------- Romance + English

def _fr_adj(w: str) -> set[str]:
    out = {w}
    if w.endswith("e"):
        out.add(w + "s")
    elif w.endswith(("ien", "éen")):
        out |= {w + "ne", w + "s", w + "nes"}
    elif w.endswith("c"):
        out |= {w + "s", w[:-1] + "que", w[:-1] + "ques"}
    elif w.endswith(("s", "x")):
        out |= {w + "e", w + "es"}
    else:
        out |= {w + "e", w + "s", w + "es"}
    return out


def _es_adj(w: str) -> set[str]:
    out = {w}
    if w.endswith("o"):
        out |= {w[:-1] + "a", w + "s", w[:-1] + "as"}
    elif w.endswith("és"):
        s = w[:-2]
        out |= {s + "esa", s + "eses", s + "esas"}
    elif w.endswith("án"):
        s = w[:-2]
        out |= {s + "ana", s + "anes", s + "anas"}
    elif w.endswith(("í", "ú")):
        out |= {w + "es", w + "s"}
    elif w.endswith("e"):
        out.add(w + "s")
    else:
        out |= {w + "a", w + "es", w + "as"}
    return out


def _it_adj(w: str) -> set[str]:
    out = {w}
    if w.endswith("co"):
        s = w[:-2]
        out |= {s + "ca", s + "chi", s + "che", s + "ci"}
    elif w.endswith("go"):
        s = w[:-2]
        out |= {s + "ga", s + "ghi", s + "ghe"}
    elif w.endswith("io"):
        s = w[:-1]
        out |= {s + "a", s, s + "e"}
    elif w.endswith("o"):
        s = w[:-1]
        out |= {s + "a", s + "i", s + "e"}
    elif w.endswith("e"):
        out.add(w[:-1] + "i")
    elif w.endswith("a"):
        s = w[:-1]
        out |= {s + "i", s + "he" if s.endswith(("g", "c")) else s + "e"}
    return out


def _pt_adj(w: str) -> set[str]:
    out = {w}
    if w.endswith("ão"):
        s = w[:-2]
        out |= {s + "ã", s + "ães", s + "ãs", s + "ãos"}
    elif w.endswith("o"):
        out |= {w[:-1] + "a", w + "s", w[:-1] + "as"}
    elif w.endswith("ês"):
        s = w[:-2]
        out |= {s + "esa", s + "eses", s + "esas"}
    elif w.endswith("ão"):
        s = w[:-2]
        out |= {s + "ã", s + "ães", s + "ãs", s + "ãos"}
    elif w.endswith("ol"):
        s = w[:-2]
        out |= {w + "a", s + "óis", w + "as"}
    elif w.endswith("e"):
        out.add(w + "s")
    elif w.endswith("l"):
        out.add(w[:-1] + "is")
    else:
        out |= {w + "a", w + "es", w + "as"}
    return out


def _en_demonym(w: str) -> set[str]:
    out = {w}
    last = w.split(" ")[-1]
    if last.endswith(("an", "i", "ite", "er", "ot", "ard", "ian")) or last in {"Czech", "Thai", "Pole", "Turk", "Dane", "Swede", "Finn", "Scot", "Brit", "Kuwaiti"}:
        out.add(w + "s")
    return out


_RU_ADJ_ALL = {
    "кий": ["кий", "кого", "кому", "ким", "ком", "кая", "кой", "кую", "кою", "кое", "кие", "ких", "кими"],
    "ый": ["ый", "ого", "ому", "ым", "ом", "ая", "ой", "ую", "ою", "ое", "ые", "ых", "ыми"],
    "ой": ["ой", "ого", "ому", "ым", "ом", "ая", "ую", "ою", "ое", "ые", "ых", "ыми"],
    "ий": ["ий", "его", "ему", "им", "ем", "яя", "ей", "юю", "ее", "ие", "их", "ими"],
}
_UK_ADJ_ALL = {
    "ий": ["ий", "ого", "ому", "им", "ім", "а", "ої", "ій", "у", "ою", "е", "і", "их", "ими"],
    "ій": ["ій", "ього", "ьому", "ім", "я", "ьої", "ю", "ьою", "є", "і", "іх", "іми"],
}


def _slav_adj_all(lang: str, w: str) -> set[str]:
    table = _RU_ADJ_ALL if lang == "ru" else _UK_ADJ_ALL
    low = w.lower()
    for end, ends in table.items():
        if low.endswith(end):
            stem = w[: -len(end)]
            return {stem + e for e in ends}
    return {w}


# ---------------------------------------------------------------- public

_GENERATORS_ROMANCE = {"fr": _fr_adj, "es": _es_adj, "it": _it_adj, "pt": _pt_adj}


def forms(lang: str | None, text: str, kind: str = "name", gender: str | None = None) -> list[str]:
    """Inflected forms of ``text`` (the base form is always included).

    ``kind``: ``name`` (country or place name), ``adj`` (adjective given in its
    base form: masculine singular), ``demonym`` (noun for a people),
    ``person`` (full name), ``surname``, ``org``.
    ``gender``: ``f`` for female persons (Russian/Ukrainian/Polish rules).
    """
    text = text.strip()
    if not text:
        return []
    out: set[str] = {text}
    if lang in ("ru", "uk") and kind == "adj" and " " not in text:
        out |= _slav_adj_all(lang, text)
    elif lang == "ru":
        cols = _ru_paradigm(text, kind, gender)
        out |= {" ".join(c[i] for c in cols) for i in range(6)}
    elif lang == "uk":
        cols = _uk_paradigm(text, kind, gender)
        out |= {" ".join(c[i] for c in cols) for i in range(6)}
    elif lang == "pl":
        out |= _pl_forms(text, kind, gender)
    elif lang == "de":
        out |= _de_forms(text, kind)
    elif lang in _GENERATORS_ROMANCE and kind == "adj":
        out |= _GENERATORS_ROMANCE[lang](text)
    elif lang == "en" and kind in ("demonym", "adj"):
        out |= _en_demonym(text)
    return sorted(out)


# ---------------------------------------------------------------- agglutinative tails

def _chains(morphs: list[str], depth: int) -> frozenset[str]:
    level = {""}
    allc: set[str] = set()
    for _ in range(depth):
        level = {a + m for a in level for m in morphs}
        allc |= level
    return frozenset(allc)


# Turkish case/plural/derivation suffixes written without an apostrophe after
# common nouns and adjectives (Fransızlar, Rusça, Ukraynalılar); both vowel
# harmony variants are accepted.
_TR_MORPHS = [
    "lar", "ler", "ı", "i", "u", "ü", "yı", "yi", "yu", "yü", "nı", "ni", "nu", "nü",
    "ın", "in", "un", "ün", "nın", "nin", "nun", "nün", "a", "e", "ya", "ye", "na", "ne",
    "da", "de", "ta", "te", "nda", "nde", "dan", "den", "tan", "ten", "ndan", "nden",
    "la", "le", "yla", "yle", "ca", "ce", "ça", "çe", "lı", "li", "lu", "lü", "ki",
    "daki", "deki", "taki", "teki", "dır", "dir", "tır", "tir", "sı", "si", "su", "sü",
]
TR_SUFFIXES = _chains(_TR_MORPHS, 3)

_KO_BASE = ["측", "군", "인", "인들", "산", "계", "내", "간", "정부", "측은"]
_KO_PART = [
    "은", "는", "이", "가", "을", "를", "의", "에", "에서", "에게", "와", "과", "로", "으로",
    "도", "만", "까지", "부터", "보다", "처럼", "과의", "와의", "에서의", "에는", "에서는",
    "으로서", "로서", "이나", "나", "이라", "라", "이며", "이고", "에도", "과도", "와도",
]
KO_PARTICLES = frozenset(
    set(_KO_PART) | set(_KO_BASE) | {b + p for b in _KO_BASE for p in _KO_PART}
)

# Arabic proclitics: conjunction (و ف), preposition (ب ل ك), article (ال);
# ل + ال contracts to لل.
AR_PREFIXES = frozenset(
    (c1 + c2 + c3).replace("لال", "لل")
    for c1 in ("", "و", "ف")
    for c2 in ("", "ب", "ل", "ك")
    for c3 in ("", "ال")
) - {""}
# enclitic/derivational endings after normalisation (ة → ه)
AR_SUFFIXES = frozenset({"ي", "يه", "يين", "يون", "يان", "ها", "هم", "ه"})

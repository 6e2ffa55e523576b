"""One Aho-Corasick automaton over every pattern, with script-aware boundaries.

Every pattern is normalised (see :mod:`.normalize`) and stored once; its value
holds the pattern length and the *variants* that share that surface (the same
string can be a country name in one language and a topic keyword in another).

Boundaries depend on the script at each end of the pattern:

========== ======================================================================
Latin etc. word boundary on both sides (a letter or digit of an alphabetic
           script next to the match rejects it); Turkish patterns accept a tail
           made only of Turkish suffixes (``Fransızlar``, ``Rusça``)
Han        none: 内蒙古 or 印度洋 are stopped by *blocker* patterns, which win
           by being leftmost or longer
Katakana   the match must not be inside a longer katakana run (マリ in マリア)
Hangul     left boundary; on the right only a particle/suffix tail (프랑스는)
Arabic     left: a word boundary or a proclitic chain (و ف ب ل ك ال لل);
           right: a word boundary or an enclitic/nisba tail (ي ية ها...)
========== ======================================================================

Candidates that pass their boundary, case and validity checks are reduced to
leftmost-longest non-overlapping hits, so a failed long candidate never hides a
good shorter one.
"""

from __future__ import annotations

import re
from typing import Iterable

import ahocorasick

from .inflect import AR_PREFIXES, AR_SUFFIXES, KO_PARTICLES, TR_SUFFIXES
from .loader import TermSpec
from .normalize import Normalized, norm_term

__all__ = ["Variant", "Matcher"]

# boundary modes
NONE, WORD, KATA, HANGUL, ARABIC, TURKISH = range(6)


def _is_han(c: str) -> bool:
    return "\u4e00" <= c <= "\u9fff" or "\u3400" <= c <= "\u4dbf" or "\uf900" <= c <= "\ufaff" or "\u3040" <= c <= "\u309f"


def _is_kata(c: str) -> bool:
    return "\u30a0" <= c <= "\u30ff" or "\u31f0" <= c <= "\u31ff" or "\uff66" <= c <= "\uff9f"


def _is_hangul(c: str) -> bool:
    return "\uac00" <= c <= "\ud7af" or "\u1100" <= c <= "\u11ff" or "\u3130" <= c <= "\u318f"


def _is_arabic(c: str) -> bool:
    return ("\u0620" <= c <= "\u064a") or ("\u066e" <= c <= "\u06d3") or ("\u0750" <= c <= "\u077f")


def _is_word(c: str) -> bool:
    """A letter or digit of an alphabetic script (CJK, kana and Hangul excluded)."""
    return c.isalnum() and c < "\u3000"


def _mode(c: str) -> int:
    if _is_han(c):
        return NONE
    if _is_kata(c):
        return KATA
    if _is_hangul(c):
        return HANGUL
    if _is_arabic(c):
        return ARABIC
    if _is_word(c):
        return WORD
    return NONE


_SHARD_ORDER = ("latin", "cyrillic", "arabic", "cjk", "hangul")
_SHARD_PRESENT = {
    "latin": re.compile(r"[^\W\u0400-\u04ff\u0600-\u06ff\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\uf900-\ufaff]"),
    "cyrillic": re.compile("[\u0400-\u04ff]"),
    "arabic": re.compile("[\u0600-\u06ff\u0750-\u077f]"),
    "cjk": re.compile("[\u3040-\u30ff\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f]"),
    "hangul": re.compile("[\uac00-\ud7af\u1100-\u11ff\u3130-\u318f]"),
}


def _shard(c: str) -> str:
    if _is_han(c) or _is_kata(c):
        return "cjk"
    if _is_hangul(c):
        return "hangul"
    if _is_arabic(c) or "\u0600" <= c <= "\u06ff":
        return "arabic"
    if "\u0400" <= c <= "\u04ff":
        return "cyrillic"
    return "latin"


class Variant:
    """One meaning of one pattern."""

    __slots__ = ("entity", "etype", "kind", "lang", "case", "surface", "lmode", "rmode", "rule",
                 "vfrom", "vto", "weight", "group", "source", "prefix", "crule", "title_role")

    def __init__(self, t: TermSpec, key: str) -> None:
        self.entity = t.entity
        self.etype = t.entity.split(":", 1)[0] if t.entity else None
        self.kind = t.kind
        self.lang = t.lang
        self.case = t.case
        self.surface = t.text
        self.lmode = _mode(key[0])
        last = _mode(key[-1])
        if t.prefix:
            last = NONE
        elif last == WORD and t.lang == "tr":
            last = TURKISH
        self.rmode = last
        self.rule = t.rule
        self.vfrom = t.valid_from
        self.vto = t.valid_to
        self.weight = t.weight
        self.group = t.group
        self.source = t.source
        self.prefix = t.prefix
        self.crule = None  # the compiled rule, set by the tagger
        self.title_role = None  # for CJK compounds ending in a title (仏大統領), set by the tagger

    def _sig(self) -> tuple:
        return (self.entity, self.kind, self.case, self.lmode, self.rmode, self.group,
                self.vfrom, self.vto, id(self.rule) if self.rule else None,
                self.surface if self.case == "exact" else None, self.prefix,
                self.lang if self.etype == "topic" else None, self.weight)

    def __repr__(self) -> str:  # pragma: no cover - debugging aid
        return f"<Variant {self.entity} {self.kind} {self.lang} {self.surface!r}>"


class Matcher:
    """Compile term specs into one automaton and scan normalised text."""

    def __init__(self, terms: Iterable[TermSpec]) -> None:
        table: dict[str, list[Variant]] = {}
        seen: dict[str, set] = {}
        for t in terms:
            key = norm_term(t.text)
            if not key:
                continue
            extra = [key]
            if key.startswith("ال") and len(key) > 3:
                extra.append("لل" + key[2:])  # ل + ال contracts: للصين
            for k in extra:
                v = Variant(t, k)
                sig = v._sig()
                s = seen.setdefault(k, set())
                if sig in s:
                    continue
                s.add(sig)
                table.setdefault(k, []).append(v)
        self.size = len(table)
        autos: dict[str, ahocorasick.Automaton] = {}
        for key, variants in table.items():
            # a blocker only matters when it is the sole meaning of a pattern
            vs = tuple(v for v in variants if v.entity) or tuple(variants)
            lms = {v.lmode for v in vs}
            rms = {v.rmode for v in vs}
            lm = lms.pop() if len(lms) == 1 else -1
            rm = rms.pop() if len(rms) == 1 else -1
            # "simple": nothing to check per variant beyond the shared boundaries
            # or all need only the same capital-letter check ("cap")
            plain = lm >= 0 and rm >= 0 and all(v.vfrom is None and v.vto is None for v in vs)
            cases = {v.case for v in vs}
            ents = tuple(v for v in vs if v.entity)
            if plain and cases == {"any"}:
                value = (len(key), lm, rm, vs, ents, False)
            elif plain and cases == {"cap"}:
                value = (len(key), lm, rm, vs, ents, True)
            else:
                value = (len(key), lm, rm, vs, None, False)
            shard = _shard(key[0])
            auto = autos.get(shard)
            if auto is None:
                auto = autos[shard] = ahocorasick.Automaton()
            auto.add_word(key, value)
        for auto in autos.values():
            auto.make_automaton()
        # one automaton per script of the first character: pyahocorasick scans
        # a node's children linearly, and a single trie whose root has ~900
        # children (CJK, Hangul) made Latin text four times slower. A shard only
        # runs when its script occurs in the text.
        self.shards = [(name, autos[name], _SHARD_PRESENT.get(name)) for name in _SHARD_ORDER if name in autos]
        self.automaton = autos.get("latin")
        self.variants = [v for vs in table.values() for v in vs]

    # ------------------------------------------------------------ boundaries
    @staticmethod
    def _left_ok(mode: int, s: str, start: int) -> bool:
        if start == 0 or mode == NONE:
            return True
        p = s[start - 1]
        if mode == WORD or mode == TURKISH:
            return not _is_word(p)
        if mode == KATA:
            return not _is_kata(p)
        if mode == HANGUL:
            return not _is_hangul(p)
        if mode == ARABIC:
            if not _is_arabic(p):
                return True
            ws = start - 1
            while ws > 0 and start - ws < 5 and _is_arabic(s[ws - 1]):
                ws -= 1
            if ws > 0 and _is_arabic(s[ws - 1]):
                return False
            return s[ws:start] in AR_PREFIXES
        return True

    @staticmethod
    def _right_ok(mode: int, s: str, end: int) -> bool:
        n = len(s)
        if end >= n or mode == NONE:
            return True
        c = s[end]
        if mode == WORD:
            return not _is_word(c)
        if mode == TURKISH:
            if not _is_word(c):
                return True
            j = end
            while j < n and _is_word(s[j]) and j - end < 12:
                j += 1
            return (j >= n or not _is_word(s[j])) and s[end:j] in TR_SUFFIXES
        if mode == KATA:
            return not _is_kata(c)
        if mode == HANGUL:
            if not _is_hangul(c):
                return True
            j = end
            while j < n and _is_hangul(s[j]) and j - end < 6:
                j += 1
            return (j >= n or not _is_hangul(s[j])) and s[end:j] in KO_PARTICLES
        if mode == ARABIC:
            if not _is_arabic(c):
                return True
            j = end
            while j < n and _is_arabic(s[j]) and j - end < 4:
                j += 1
            return (j >= n or not _is_arabic(s[j])) and s[end:j] in AR_SUFFIXES
        return True

    # ------------------------------------------------------------ scanning
    def _accept(self, nz: Normalized, start: int, end: int, lm: int, rm: int,
                variants: tuple, day: str) -> tuple | None:
        """Variants of one candidate that pass boundary, validity and case
        checks; ``None`` when none does (a blocker passes with no variant)."""
        s = nz.norm
        if lm >= 0 and not (self._left_ok(lm, s, start) and self._right_ok(rm, s, end)):
            return None
        ok = []
        text = nz.text
        omap = nz.omap
        for v in variants:
            if lm < 0 and not (self._left_ok(v.lmode, s, start) and self._right_ok(v.rmode, s, end)):
                continue
            if v.vfrom is not None and day < v.vfrom:
                continue
            if v.vto is not None and day >= v.vto:
                continue
            case = v.case
            if case != "any":
                os_ = start if omap is None else omap[start]
                if case == "cap":
                    if text[os_].islower():
                        continue
                else:
                    oe = end if omap is None else nz.span(start, end)[1]
                    if case == "exact":
                        if text[os_:oe] != v.surface:
                            continue
                    elif not text[os_:oe].isupper():
                        continue
            ok.append(v)
        if not ok:
            return None
        return tuple(v for v in ok if v.entity)

    def scan(self, nz: Normalized, day: str) -> list[tuple[int, int, tuple[Variant, ...]]]:
        """Leftmost-longest hits ``(start, end, variants)`` in normalised offsets.

        The automata's own leftmost-longest search (``iter_long``) picks the
        candidates; when the longest candidate at a position fails its checks,
        the shorter patterns starting at the same position are tried. A hit
        whose only meaning is a blocker comes back with no variants: it
        consumed the text and tags nothing.
        """
        s = nz.norm
        runs = []
        for name, auto, present in self.shards:
            if present is None or present.search(s):
                runs.append(self._scan_one(auto, nz, day))
        if len(runs) == 1:
            return runs[0]
        if not runs:
            return []
        merged = sorted((h for r in runs for h in r), key=lambda h: (h[0], h[0] - h[1]))
        out = []
        last = -1
        for h in merged:
            if h[0] >= last:
                out.append(h)
                last = h[1]
        return out

    def _scan_one(self, auto, nz: Normalized, day: str) -> list[tuple[int, int, tuple[Variant, ...]]]:
        s = nz.norm
        n = len(s)
        out = []
        append = out.append
        accept = self._accept
        right_ok = self._right_ok
        left_ok = self._left_ok
        text = nz.text
        omap = nz.omap
        # the sentinel flushes matches pending at the end of the text
        for end_incl, (length, lm, rm, variants, simple, cap) in auto.iter_long(s + "\x00"):
            start = end_incl - length + 1
            end = end_incl + 1
            if lm == WORD:
                if start:
                    c = s[start - 1]
                    if c.isalnum() and c < "\u3000":
                        continue  # inside a word: no pattern starting here can pass
            elif lm > 0 and not left_ok(lm, s, start):
                continue
            if cap and text[start if omap is None else omap[start]].islower():
                continue  # a proper name written in lower case (turkey, china)
            if simple is not None:
                if rm == NONE or end >= n:
                    append((start, end, simple))
                    continue
                if rm == WORD:
                    c = s[end]
                    if not (c.isalnum() and c < "\u3000"):
                        append((start, end, simple))
                        continue
                elif right_ok(rm, s, end):
                    append((start, end, simple))
                    continue
                ok = None
            else:
                ok = accept(nz, start, end, lm, rm, variants, day)
            if ok is None:
                best = None
                if length > 1:
                    for e2, (l2, lm2, rm2, vs2, _s, _c) in auto.iter(s, start, end - 1):
                        if e2 - l2 + 1 != start or (best and l2 <= best[1] - start):
                            continue
                        ok2 = accept(nz, start, e2 + 1, lm2, rm2, vs2, day)
                        if ok2 is not None:
                            best = (start, e2 + 1, ok2)
                if best:
                    append(best)
                continue
            append((start, end, ok))
        return out

"""Tag an article: countries, primary countries, organisations, people, topics.

``Tagger.tag`` runs the automaton over each field (title, description,
dateline, text), then resolves in order:

1. local rules on each hit (words before/after, capitalised next word,
   sentence start, stem phrases) — see ``rules`` in ``data/countries.yaml``;
   topic keywords only count in the article's language (given, or guessed);
2. context rules that look at the whole story (``requires``,
   ``context_against``/``context_for``, ``switch``), judged against the
   entities found in step 1 and the words of the story;
3. people: full names always count; a short form (surname) counts when the
   person is marked distinctive, when the full name is also in the story, or
   when the person holds a role on the publication date for a country the
   story mentions; when two people share it, the better-supported one wins or
   neither. Role phrases ("French President", "президент Франции", "法国总统",
   "الرئيس الفرنسي") resolve to whoever held that role on the publication
   date, unless a name stands right next to the phrase;
4. a person in office on the publication date brings their country (the
   evidence is the name, the salience weight is halved);
5. topics: weighted keyword groups, counted per distinct keyword (capped),
   boosted in the title, plus proximity bonuses; a topic needs its threshold,
   one of its required groups and none of its exclusions;
6. salience: title, description, dateline, lead and body mentions give each
   country a score; ``primary_countries`` are the ones close to the best.
"""

from __future__ import annotations

import bisect
import re
from datetime import date, datetime
from typing import Iterable

from .langguess import guess_language
from .loader import Taxonomy
from .matcher import Matcher, Variant, _is_word
from .normalize import Normalized, norm_term, normalize
from .tags import Tags

__all__ = ["Tagger"]

FIELDS = ("title", "description", "dateline", "text")
_FIELD_INDEX = {f: i for i, f in enumerate(FIELDS)}
_ENTITY_PREFIXES = ("country:", "org:", "person:", "topic:")
_SENT_END = set('.!?…:;"“”«»\n\r\t|')

# salience weights
W_TITLE, W_DESC, W_DATELINE, W_LEAD, W_BODY, BODY_CAP = 3.0, 1.5, 2.5, 1.5, 0.5, 3.0
PRIMARY_MIN, PRIMARY_RATIO, PRIMARY_MAX = 2.5, 0.45, 4
LEAD_CHARS = 320
PERSON_WEIGHT = 0.8  # salience of a country known through its office holder or armed group
# a title resolves through these roles in order ("president" of Iran is not
# its head of state)
_ROLE_LOOKUP = {"head_of_state": ("president", "head_of_state")}
_ROLE_KINDS = frozenset({"name", "adjective", "acronym", "compound", "demonym"})
_GAP_AFTER = re.compile(r"(?:'s|')?\s{0,2}(?:の|的|의|国|国家)?\s{0,2}$")
_GAP_BEFORE = re.compile(r"\s{1,2}(?:of\s+(?:the\s+)?|de\s+(?:la\s+|l'|los\s+|las\s+)?|d'|du\s+|des\s+|del\s+"
                         r"|della\s+|dello\s+|da\s+|do\s+|dos\s+|das\s+|der\s+|ال)?$")
_FORMER_WORDS = frozenset({"former", "late", "ex", "ancien", "ancienne", "expresidente", "eski", "السابق"})
_NEXT_WORD = re.compile(r"[ \t]+([^\W\d_][\w\-]*)")


def _day(published_at) -> str:
    if published_at is None or published_at == "":
        return date.today().isoformat()
    if isinstance(published_at, (date, datetime)):
        return published_at.isoformat()[:10]
    s = str(published_at).strip()
    if re.match(r"^\d{4}-\d{2}-\d{2}", s):
        return s[:10]
    raise ValueError(f"published_at must be an ISO date, got {published_at!r}")


class _Rule:
    """A compiled ambiguity rule."""

    __slots__ = ("not_before", "not_after", "after_words", "next_not_cap", "allow_next", "not_sent_start",
                 "requires", "against", "favour", "switch_entity", "switch_when", "seq", "local", "context",
                 "lang_strict")

    def __init__(self, r: dict) -> None:
        nb = sorted({norm_term(str(x)) for x in r.get("not_before", []) or []}, key=len, reverse=True)
        na = sorted({norm_term(str(x)) for x in r.get("not_after", []) or []}, key=len, reverse=True)
        self.not_before = re.compile(r"[\s,]*(?:" + "|".join(map(re.escape, nb)) + r")(?![^\W_])") if nb else None
        # words before the hit: compared as whole trailing word groups
        self.not_after = frozenset(na) if na else None
        self.after_words = max((len(x.split()) for x in na), default=0)
        self.next_not_cap = bool(r.get("next_not_capitalized"))
        self.allow_next = frozenset(str(x) for x in r.get("allow_next", []) or [])
        self.not_sent_start = bool(r.get("not_sentence_start"))
        self.requires = _Cond(str(x) for x in r.get("requires", []) or [])
        self.against = _Cond(str(x) for x in r.get("context_against", []) or [])
        self.favour = _Cond(str(x) for x in r.get("context_for", []) or [])
        sw = r.get("switch") or {}
        self.switch_entity = sw.get("entity")
        self.switch_when = _Cond(str(x) for x in sw.get("when", []) or [])
        self.seq = tuple((norm_term(str(w)), bool(p)) for w, p in (r.get("seq") or []))
        self.lang_strict = bool(r.get("lang_strict"))
        self.local = bool(self.not_before or self.not_after or self.next_not_cap or self.not_sent_start or self.seq)
        self.context = bool(self.requires or self.against or self.switch_entity)


class _Hit:
    __slots__ = ("field", "nz", "start", "end", "v", "entity", "etype")

    def __init__(self, field: str, nz: Normalized, start: int, end: int, v) -> None:
        self.field = field
        self.nz = nz
        self.start = start
        self.end = end
        self.v = v
        self.entity = v.entity
        self.etype = v.etype

    def set_entity(self, entity: str) -> None:
        self.entity = entity
        self.etype = entity.split(":", 1)[0]


class _Synth:
    """A variant made by the tagger: a person found through a role phrase, or
    the country of a person who holds an office on the publication date."""

    __slots__ = ("entity", "etype", "kind", "weight", "group", "rule", "prefix", "lang")

    def __init__(self, entity: str, kind: str, weight: float = 1.0) -> None:
        self.entity = entity
        self.etype = entity.split(":", 1)[0]
        self.kind = kind
        self.weight = weight
        self.group = None
        self.rule = None
        self.prefix = False
        self.lang = None


class _Cond:
    """A compiled list of context items: entity ids and words (``stem*``)."""

    __slots__ = ("entities", "words")

    def __init__(self, items: Iterable[str]) -> None:
        ents, words = [], []
        for it in items:
            if it.startswith(_ENTITY_PREFIXES):
                ents.append(it)
            else:
                w = norm_term(it.rstrip("*"))
                if w:
                    words.append((w, it.endswith("*")))
        self.entities = frozenset(ents)
        self.words = tuple(words)

    def __bool__(self) -> bool:
        return bool(self.entities) or bool(self.words)


def _has_word(text: str, w: str, prefix: bool) -> bool:
    """``w`` in ``text`` at word boundaries (``str.find`` is far faster than a
    regex alternation over a 5 KB story)."""
    i = text.find(w)
    n = len(w)
    while i >= 0:
        if (i == 0 or not _is_word(text[i - 1]) or not _is_word(w[0])) and (
                prefix or i + n >= len(text) or not _is_word(text[i + n]) or not _is_word(w[-1])):
            return True
        i = text.find(w, i + 1)
    return False


class _Context:
    """Words and entities of the whole story, for context rules."""

    def __init__(self, norms: list[str], entities: set[str]) -> None:
        self.text = "\n".join(norms)
        self.entities = entities
        self._cache: dict[int, bool] = {}

    def any(self, cond: _Cond) -> bool:
        got = self._cache.get(id(cond))
        if got is None:
            got = bool(cond.entities & self.entities) or any(
                _has_word(self.text, w, p) for w, p in cond.words)
            self._cache[id(cond)] = got
        return got


class Tagger:
    """A compiled taxonomy; ``tag`` is safe to call from many threads."""

    def __init__(self, taxonomy: Taxonomy) -> None:
        self.taxonomy = taxonomy
        self.matcher = Matcher(taxonomy.terms)
        self._rules: dict[int, _Rule] = {}
        self._cjk_titles = sorted({norm_term(w): role for role, by_lang in taxonomy.titles.items()
                                   for lang, lst in by_lang.items() if lang in ("zh", "ja")
                                   for w in lst}.items(), key=lambda kv: -len(kv[0]))
        self._in_office: dict[tuple[str, str], tuple[str, ...]] = {}
        for v in self.matcher.variants:
            if v.rule is not None:
                v.crule = self._rule(v.rule)
            if v.kind == "compound":
                surface = norm_term(v.surface)
                for w, r in self._cjk_titles:
                    if surface.endswith(w) and len(surface) > len(w):
                        v.title_role = r
                        break

    # ------------------------------------------------------------ helpers
    def _rule(self, r: dict) -> _Rule:
        c = self._rules.get(id(r))
        if c is None:
            c = self._rules[id(r)] = _Rule(r)
        return c

    def _person_countries(self, entity: str, day: str) -> tuple[str, ...]:
        """Countries for which a person holds a role on ``day`` (cached)."""
        key = (entity, day)
        got = self._in_office.get(key)
        if got is None:
            p = self.taxonomy.people.get(entity[7:])
            got = () if p is None else tuple(sorted({
                r["country"] for r in p.roles if r.get("country")
                and (r.get("from") is None or r["from"] <= day) and (r.get("to") is None or day < r["to"])}))
            if len(self._in_office) > 50000:
                self._in_office.clear()
            self._in_office[key] = got
        return got

    def _ever_held(self, pid: str, cc: str, roles: tuple[str, ...]) -> bool:
        p = self.taxonomy.people.get(pid)
        return p is not None and any(r.get("country") == cc and r.get("role") in roles for r in p.roles)

    @staticmethod
    def _local_end(rule: _Rule, nz: Normalized, start: int, end: int) -> int:
        """Apply the local rules; the (possibly extended) end, or -1 to reject."""
        s = nz.norm
        if rule.seq:
            i = end
            n = len(s)
            while i < n and _is_word(s[i]):  # rest of a stem's word
                i += 1
            for w, prefix in rule.seq:
                j = i
                while j < n and s[j] == " ":
                    j += 1
                if j == i or not s.startswith(w, j):
                    return -1
                k = j + len(w)
                if prefix:
                    while k < n and _is_word(s[k]):
                        k += 1
                elif k < n and _is_word(s[k]):
                    return -1
                i = k
            end = i
        if rule.not_before is not None and rule.not_before.match(s, end, end + 64):
            return -1
        if rule.not_after is not None:
            lo = max(0, start - 64)
            words = s[lo:start].rstrip(" ,;:").rsplit(None, rule.after_words)
            if lo and len(words) > rule.after_words:
                words = words[1:]  # the first piece may be cut or too long
            if words:
                na = rule.not_after
                last = words[-1]
                if last in na:
                    return -1
                for k in range(2, min(len(words), rule.after_words) + 1):
                    if " ".join(words[-k:]) in na:
                        return -1
                if "-" in last and last[: last.rfind("-") + 1] in na:
                    return -1  # "pan-American"
        if rule.next_not_cap or rule.not_sent_start:
            os_, oe = nz.span(start, end)
            text = nz.text
            if rule.next_not_cap:
                m = _NEXT_WORD.match(text, oe, oe + 40)
                if m and m.group(1)[0].isupper() and m.group(1) not in rule.allow_next:
                    return -1
            if rule.not_sent_start:
                b = text[max(0, os_ - 8):os_].rstrip()
                if not b or b[-1] in _SENT_END:
                    return -1
        return end

    # ------------------------------------------------------------ main
    def tag(self, title: str | None, text: str | None, *, published_at: str | None = None,
            description: str | None = None, dateline_place: str | None = None,
            language: str | None = None) -> Tags:
        day = _day(published_at)
        values = (title, description, dateline_place, text)
        for field, value in zip(FIELDS, values):
            if value is not None and not isinstance(value, str):
                raise TypeError(f"{field} must be a string, got {type(value).__name__}")
        lang = (language or "").split("-")[0].split("_")[0].lower() or guess_language(title, description, text)

        hits: list[_Hit] = []
        append = hits.append
        norms: list[str] = []
        field_nz: dict[str, Normalized] = {}
        scan = self.matcher.scan
        local_end = self._local_end
        need_context = need_roles = False
        shorts: list[_Hit] = []  # short-form (surname) hits to confirm
        for field, value in zip(FIELDS, values):
            if not value:
                continue
            nz = normalize(value)
            field_nz[field] = nz
            norms.append(nz.norm)
            s = nz.norm
            n = len(s)
            for start, end, variants in scan(nz, day):
                for v in variants:
                    et = v.etype
                    if et == "topic" and lang and v.lang != lang:
                        continue  # topic keywords are language specific
                    e = end
                    if v.prefix:  # report the whole word of a stem match
                        while e < n and _is_word(s[e]):
                            e += 1
                    cr = v.crule
                    if cr is not None:
                        if cr.lang_strict and v.lang != lang:
                            continue  # a false friend outside its language
                        if cr.local:
                            e = local_end(cr, nz, start, e)
                            if e < 0:
                                continue
                        if cr.context:
                            need_context = True
                    h = _Hit(field, nz, start, e, v)
                    append(h)
                    if v.kind == "short":
                        shorts.append(h)
                    elif et == "title" or v.title_role:
                        need_roles = True

        # ---- context rules
        if need_context:
            ctx = _Context(norms, {h.entity for h in hits})
            kept = []
            for h in hits:
                cr = getattr(h.v, "crule", None)
                if cr is not None:
                    if cr.context:
                        if cr.requires and not ctx.any(cr.requires):
                            continue
                        if cr.against and ctx.any(cr.against) and not ctx.any(cr.favour):
                            continue
                        if cr.switch_entity and ctx.any(cr.switch_when):
                            h.set_entity(cr.switch_entity)
                kept.append(h)
            hits = kept

        # ---- people, role phrases, countries of office holders
        if shorts:
            hits = self._resolve_people(hits, shorts, day)
        if need_roles:
            found = self._role_phrases(hits, day)
            if found:  # keep text order: insert each where it starts
                order = lambda h: (_FIELD_INDEX[h.field], h.start)  # noqa: E731
                for h in found:
                    bisect.insort_right(hits, h, key=order)
        # ---- aggregate; a person in office brings their country, an armed
        # group its home country (evidence: the name; half salience)
        countries: set[str] = set()
        orgs: set[str] = set()
        people: set[str] = set()
        topic_hits: dict[str, list[_Hit]] = {}
        org_meta = self.taxonomy.orgs
        person_countries = self._person_countries
        ordered: list[_Hit] = []
        add = ordered.append
        for h in hits:
            add(h)
            et = h.etype
            if et == "country":
                countries.add(h.entity[8:])
            elif et == "topic":
                lst = topic_hits.get(h.entity)
                if lst is None:
                    topic_hits[h.entity] = [h]
                else:
                    lst.append(h)
            elif et == "person":
                people.add(h.entity[7:])
                for cc in person_countries(h.entity, day):
                    countries.add(cc)
                    add(_Hit(h.field, h.nz, h.start, h.end, _Synth(f"country:{cc}", "via_person", PERSON_WEIGHT)))
            elif et == "org":
                oid = h.entity[4:]
                orgs.add(oid)
                meta = org_meta.get(oid)
                if meta:
                    if meta["parent"]:
                        orgs.add(meta["parent"])
                    home = meta["home"]
                    if home:  # Houthis → Yemen, Hezbollah → Lebanon
                        countries.add(home)
                        add(_Hit(h.field, h.nz, h.start, h.end, _Synth(f"country:{home}", "via_org", PERSON_WEIGHT)))
        hits = ordered
        topics, chosen = self._topics(topic_hits)
        primary = self._salience(hits, field_nz)

        matches = []
        seen = set()
        for h in hits:
            et = h.etype
            if et == "title" or (et == "topic" and (h.entity not in chosen or h.v.group == "!exclude")):
                continue
            nz = h.nz
            if nz.omap is None:
                os_, oe = h.start, h.end
            else:
                os_, oe = nz.span(h.start, h.end)
            key = (h.field, os_, oe, h.entity)
            if key in seen:
                continue
            seen.add(key)
            matches.append({"term": nz.text[os_:oe], "entity": h.entity, "field": h.field,
                            "start": os_, "end": oe})
        return Tags(countries=sorted(countries), primary_countries=primary, orgs=sorted(orgs),
                    people=sorted(people), topics=topics, matches=matches)

    # ------------------------------------------------------------ people
    def _resolve_people(self, hits: list[_Hit], shorts: list[_Hit], day: str) -> list[_Hit]:
        """Keep the short-form hits that are supported; drop the others."""
        full = {h.entity for h in hits if h.v.kind == "person"}
        countries = {h.entity[8:] for h in hits if h.etype == "country"}
        groups: dict[tuple[str, int], list[_Hit]] = {}
        for h in shorts:
            groups.setdefault((h.field, h.start), []).append(h)
        people = self.taxonomy.people
        keep: set[int] = set()
        for group in groups.values():
            scored = []
            for h in group:
                p = people.get(h.entity[7:])
                if p is None:
                    continue
                in_office = self._person_countries(h.entity, day)
                score = 0
                if h.entity in full:
                    score = 3
                elif any(cc in countries for cc in in_office):
                    score = 2
                elif p.distinctive:
                    score = 1
                if score:
                    scored.append((score, bool(in_office), h))
            if not scored:
                continue
            scored.sort(key=lambda x: (-x[0], not x[1]))
            best = scored[0]
            if len(scored) > 1 and scored[1][:2] == best[:2] and scored[1][2].entity != best[2].entity:
                continue  # two people fit equally: leave it out
            keep.add(id(best[2]))
        drop = {id(h) for h in shorts} - keep
        return [h for h in hits if id(h) not in drop] if drop else hits

    def _role_phrases(self, hits: list[_Hit], day: str) -> list[_Hit]:
        """"French President", "президент Франции", "法国总统", "الرئيس الفرنسي"
        → whoever held that role for that country on ``day``."""
        found: list[_Hit] = []
        by_field: dict[str, list[_Hit]] = {}
        named: dict[str, dict[int, list[str]]] = {}  # field -> boundary position -> people
        for h in hits:
            et = h.etype
            if et == "country" or et == "title":
                lst = by_field.get(h.field)
                if lst is None:
                    by_field[h.field] = [h]
                else:
                    lst.append(h)
            elif et == "person":
                pos = named.setdefault(h.field, {})
                pos.setdefault(h.start, []).append(h.entity[7:])
                pos.setdefault(h.end, []).append(h.entity[7:])
        for field, lst in by_field.items():
            s = lst[0].nz.norm
            last = len(lst) - 1
            cands: list[tuple[_Hit, str, tuple[int, int]]] = []
            for i, t in enumerate(lst):  # in text order: scan order is kept
                if t.etype == "title":
                    role = t.entity[6:]
                    if i > 0:  # "French President", "法国总统", "Frankreichs Präsident"
                        h = lst[i - 1]
                        if (h.etype == "country" and h.v.kind in _ROLE_KINDS and t.start - h.end < 8
                                and _GAP_AFTER.match(s, h.end, t.start)):
                            cands.append((h, role, (h.start, t.end)))
                            continue
                    if i < last:  # "президент Франции", "الرئيس الفرنسي", "président français"
                        h = lst[i + 1]
                        if (h.etype == "country" and h.v.kind in _ROLE_KINDS and h.v.kind != "demonym"
                                and h.start - t.end < 16 and _GAP_BEFORE.match(s, t.end, h.start)):
                            cands.append((h, role, (t.start, h.end)))
                elif t.v.kind == "compound" and t.v.title_role and t.etype == "country":  # 仏大統領
                    cands.append((t, t.v.title_role, (t.start, t.end)))
            for h, role, span in cands:
                before = s[max(0, span[0] - 16):span[0]].rstrip().rsplit(None, 1)
                if before and (before[-1] in _FORMER_WORDS or before[-1][-1:] in "前元전"
                               or before[-1].startswith(("ex-", "экс-", "бывш", "колишн", "ehemalig", "früher"))):
                    continue  # "former French president"
                cc = h.entity[8:]
                lookup = _ROLE_LOOKUP.get(role, (role,))
                pos = named.get(field)
                if pos and any(self._ever_held(pid, cc, lookup)
                               for d in range(-3, 4) for at in (span[1] + d, span[0] + d)
                               for pid in pos.get(at, ())):
                    continue  # "le président nigérien Mohamed Bazoum": the name decides
                holders: list[str] = []
                for r in lookup:
                    holders = self.taxonomy.holders(cc, r, day)
                    if holders:
                        break
                if len(holders) != 1:
                    continue
                found.append(_Hit(h.field, h.nz, span[0], span[1], _Synth(f"person:{holders[0]}", "role")))
        return found

    # ------------------------------------------------------------ topics
    def _topics(self, by_topic: dict[str, list[_Hit]]) -> tuple[list[str], set[str]]:
        chosen: list[str] = []
        chosen_ents: set[str] = set()
        for ent, lst in by_topic.items():
            topic = self.taxonomy.topics.get(ent[6:])
            if topic is None:
                continue
            if any(h.v.group == "!exclude" for h in lst):
                continue
            counts: dict[str, int] = {}
            score = 0.0
            groups = set()
            for h in lst:
                key = h.nz.norm[h.start:h.end]
                n = counts.get(key, 0)
                if n >= topic.cap:
                    continue
                counts[key] = n + 1
                score += h.v.weight * (1.5 if h.field in ("title", "description") else 1.0)
                groups.add(h.v.group)
            for near in topic.near:
                ga, gb = (near.get("groups") or [None, None])[:2]
                window = int(near.get("window", 60))
                a = [h for h in lst if h.v.group == ga]
                b = [h for h in lst if h.v.group == gb]
                if any(x.field == y.field and x is not y and abs(x.start - y.start) <= window for x in a for y in b):
                    score += float(near.get("bonus", 2.0))
                    groups.add(f"near:{ga}+{gb}")
            if topic.require_any and not groups.intersection(topic.require_any):
                continue
            if score >= topic.threshold:
                chosen.append(topic.id)
                chosen_ents.add(ent)
        return sorted(chosen), chosen_ents

    # ------------------------------------------------------------ salience
    def _salience(self, hits: list[_Hit], field_nz: dict[str, Normalized]) -> list[str]:
        lead_end = 0
        if "text" in field_nz:
            t = field_nz["text"].norm
            para = t.find("\n", 60)
            lead_end = min(LEAD_CHARS, para if para > 0 else len(t))
        # per country: best weight in title, description, dateline, lead; body sum; first position
        acc: dict[str, list] = {}
        for h in hits:
            if h.etype != "country":
                continue
            cc = h.entity[8:]
            a = acc.get(cc)
            if a is None:
                a = acc[cc] = [0.0, 0.0, 0.0, 0.0, 0.0, (_FIELD_INDEX[h.field], h.start)]
            w = h.v.weight
            field = h.field
            if field == "text":
                if h.start < lead_end and w > a[3]:
                    a[3] = w
                else:
                    a[4] += w
            else:
                slot = 0 if field == "title" else 1 if field == "description" else 2
                if w > a[slot]:
                    a[slot] = w
                pos = (_FIELD_INDEX[field], h.start)
                if pos < a[5]:
                    a[5] = pos
        if not acc:
            return []
        scores = {cc: W_TITLE * a[0] + W_DESC * a[1] + W_DATELINE * a[2] + W_LEAD * a[3]
                  + min(W_BODY * a[4], BODY_CAP) for cc, a in acc.items()}
        best = max(scores.values())
        ranked = sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))
        primary = [cc for cc, sc in ranked if sc >= PRIMARY_MIN and sc >= PRIMARY_RATIO * best][:PRIMARY_MAX]
        if not primary and best >= 0.4:
            # a short story: the best scorers (the first mentioned if many tie)
            top = [cc for cc, sc in ranked if sc == best]
            primary = top if len(top) <= 2 else [min(top, key=lambda c: acc[c][5])]
        return sorted(primary)

"""Load the taxonomy: shipped data files, the generated CLDR file, user files.

Shipped files live in ``wirewatch/taxonomy/data/``:

* ``countries.yaml`` — aliases, acronyms, CJK compounds, adjectives, demonyms,
  capitals, metonyms (``places``), ambiguity ``rules`` and ``blockers``;
* ``countries.generated.json`` — written by ``build_data.py``: CLDR country
  names and capital names from babel, and inflected forms (ru, uk, pl, de)
  checked against the simplemma dictionaries;
* ``orgs.yaml``, ``people.yaml``, ``topics.yaml``, ``roles.yaml``.

User files (``extra_paths`` or ``WIREWATCH_TAXONOMY_PATHS``, separated by
``os.pathsep``) use the same top-level keys and are merged on top, in order:

* dict sections (``aliases``, ``adjectives``, ``capitals``, ``blockers``...)
  extend the shipped lists;
* ``orgs`` and ``people`` entries are matched by ``id``: names are added,
  other fields replace; ``remove: true`` deletes the entry; ``replace: true``
  replaces it wholesale;
* ``topics`` are matched by id the same way (groups extend their terms);
* ``rules`` are appended (a later rule for the same surface and entity wins);
* ``disable: [entity ids]`` drops entities (``country:XK``, ``org:AU``);
* ``stopterms: {lang: [surface forms]}`` drops single patterns.

The result is a :class:`Taxonomy`: entity metadata plus a flat list of
:class:`TermSpec` the matcher compiles into one automaton.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Iterable

import yaml

# libyaml's loader is ten times faster on the shipped files; same safe subset
_YamlLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

from . import inflect
from .normalize import norm_term

DATA_DIR = Path(__file__).parent / "data"
SHIPPED_FILES = ("countries.yaml", "orgs.yaml", "people.yaml", "topics.yaml", "roles.yaml")
GENERATED_FILE = "countries.generated.json"
ENV_VAR = "WIREWATCH_TAXONOMY_PATHS"

LANGS = ("en", "fr", "de", "es", "it", "pt", "ru", "uk", "pl", "zh", "ja", "ko", "ar", "tr")
INFLECTED = ("ru", "uk", "pl", "de")


class TaxonomyError(ValueError):
    """A taxonomy file is missing or malformed."""


@dataclass(slots=True)
class TermSpec:
    text: str                 # surface form as written in the data
    entity: str | None        # "country:FR", "org:NATO", "person:...", "topic:...", None = blocker
    kind: str                 # name, acronym, compound, adjective, demonym, capital, metonym,
                              # org, org_acronym, person, short, keyword, blocker
    lang: str | None = None
    case: str = "any"         # any | cap | exact
    weight: float = 1.0
    group: str | None = None  # topic keyword group
    prefix: bool = False      # stem: match the start of a word
    valid_from: str | None = None
    valid_to: str | None = None
    rule: dict | None = None
    source: str | None = None  # place id, person id...


@dataclass
class Person:
    id: str
    name: str
    gender: str | None
    distinctive: bool
    roles: list[dict]


@dataclass
class Topic:
    id: str
    label: str
    threshold: float
    require_any: list[str]
    near: list[dict]
    cap: int = 2


@dataclass
class Taxonomy:
    countries: dict[str, str]                # CC -> English name
    orgs: dict[str, dict]                    # id -> {"name", "kind", "members", "parent"}
    people: dict[str, Person]
    topics: dict[str, Topic]
    titles: dict[str, dict[str, list[str]]]  # role -> lang -> title words
    terms: list[TermSpec]
    sources: list[str] = field(default_factory=list)

    def members(self, org_id: str, on: str | date | None = None) -> list[str]:
        """Member countries of an organisation on a date (default today)."""
        org = self.orgs.get(org_id)
        if not org:
            raise KeyError(org_id)
        day = _day(on)
        out = []
        for cc, (start, end) in org.get("members", {}).items():
            if (start is None or start <= day) and (end is None or day < end):
                out.append(cc)
        return sorted(out)

    def roles_on(self, person_id: str, on: str | date | None = None) -> list[dict]:
        """The roles a person holds on a date."""
        day = _day(on)
        return [r for r in self.people[person_id].roles if _valid(r.get("from"), r.get("to"), day)]

    def holders(self, country: str, role: str, on: str | date | None = None) -> list[str]:
        """Who holds ``role`` for ``country`` (or an org id) on a date."""
        index = self.__dict__.get("_holders")
        if index is None:
            index = {}
            for p in self.people.values():
                for r in p.roles:
                    where = r.get("country") or r.get("org")
                    index.setdefault((where, r.get("role")), []).append((p.id, r.get("from"), r.get("to")))
            self.__dict__["_holders"] = index
        day = _day(on)
        out = []
        for pid, start, end in index.get((country, role), ()):
            if _valid(start, end, day) and pid not in out:
                out.append(pid)
        return out


# ------------------------------------------------------------------ helpers

def _day(on: str | date | None) -> str:
    if on is None:
        return date.today().isoformat()
    if isinstance(on, date):
        return on.isoformat()
    return str(on)[:10]


def _valid(start: str | None, end: str | None, day: str) -> bool:
    return (start is None or start <= day) and (end is None or day < end)


def _iso(v: Any) -> str | None:
    if v is None or v == "":
        return None
    if isinstance(v, date):
        return v.isoformat()
    s = str(v).strip()
    if not re.match(r"^\d{4}(-\d{2}(-\d{2})?)?$", s):
        raise TaxonomyError(f"bad date {v!r} (want YYYY-MM-DD)")
    return s


def _as_list(v: Any) -> list:
    if v is None:
        return []
    if isinstance(v, (list, tuple)):
        return list(v)
    return [v]


def _lang_lists(d: Any, where: str) -> dict[str, list[str]]:
    if d is None:
        return {}
    if not isinstance(d, dict):
        raise TaxonomyError(f"{where}: expected a mapping of language -> names")
    return {str(k): [str(x) for x in _as_list(v)] for k, v in d.items()}


def _read(path: Path) -> dict:
    try:
        with open(path, encoding="utf-8") as fh:
            if path.suffix == ".json":
                data = json.load(fh)
            else:
                data = yaml.load(fh, Loader=_YamlLoader)
    except FileNotFoundError:
        raise TaxonomyError(f"taxonomy file not found: {path}") from None
    except (yaml.YAMLError, json.JSONDecodeError) as exc:
        msg = str(exc).splitlines()[0] if str(exc) else exc.__class__.__name__
        raise TaxonomyError(f"{path}: cannot parse: {msg}") from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise TaxonomyError(f"{path}: top level must be a mapping")
    return data


def user_paths(extra_paths: Iterable[str | Path] | None = None) -> list[Path]:
    """User taxonomy files: ``extra_paths`` first, then the env variable."""
    out: list[Path] = []
    env = os.environ.get(ENV_VAR, "")
    for p in [*(extra_paths or []), *[x for x in env.split(os.pathsep) if x.strip()]]:
        path = Path(p).expanduser()
        if path.is_dir():
            out.extend(sorted(q for q in path.iterdir() if q.suffix in (".yaml", ".yml", ".json")))
        else:
            out.append(path)
    return out


# ------------------------------------------------------------------ merging

_DICT_SECTIONS = ("aliases", "acronyms", "compounds", "capitals", "titles")
_LANG_SECTIONS = ("adjectives", "demonyms")


def _merge_lang_lists(dst: dict, src: dict) -> None:
    for lang, items in src.items():
        cur = dst.setdefault(lang, [])
        for x in _as_list(items):
            if x not in cur:
                cur.append(x)


def _merge_entry(dst: dict, src: dict) -> dict:
    if src.get("replace"):
        return {k: v for k, v in src.items() if k != "replace"}
    out = dict(dst)
    for k, v in src.items():
        if k in ("names", "short", "acronyms") and isinstance(v, dict):
            cur = {lang: list(_as_list(x)) for lang, x in (out.get(k) or {}).items()}
            _merge_lang_lists(cur, v)
            out[k] = cur
        elif k == "groups" and isinstance(v, dict):
            groups = {g: dict(x) for g, x in (out.get("groups") or {}).items()}
            for g, spec in v.items():
                if g in groups:
                    merged = dict(groups[g])
                    merged.update({kk: vv for kk, vv in spec.items() if kk != "terms"})
                    terms = {lang: list(_as_list(x)) for lang, x in (groups[g].get("terms") or {}).items()}
                    _merge_lang_lists(terms, spec.get("terms") or {})
                    merged["terms"] = terms
                    groups[g] = merged
                else:
                    groups[g] = spec
            out["groups"] = groups
        else:
            out[k] = v
    return out


def merge(base: dict, extra: dict, where: str = "") -> dict:
    """Merge one taxonomy document into another (returns ``base``)."""
    for key, val in extra.items():
        if val is None:
            continue
        if key in _DICT_SECTIONS:
            if not isinstance(val, dict):
                raise TaxonomyError(f"{where}: '{key}' must be a mapping")
            sec = base.setdefault(key, {})
            for ident, spec in val.items():
                if key == "capitals":
                    sec[ident] = _as_list(sec.get(ident)) + _as_list(spec)
                else:
                    cur = sec.setdefault(ident, {})
                    _merge_lang_lists(cur, _lang_lists(spec, f"{where}: {key}.{ident}"))
        elif key in _LANG_SECTIONS or key in ("blockers", "stopterms"):
            if not isinstance(val, dict):
                raise TaxonomyError(f"{where}: '{key}' must be a mapping")
            sec = base.setdefault(key, {})
            for lang, spec in val.items():
                if key in ("blockers", "stopterms"):
                    _merge_lang_lists(sec, {lang: _as_list(spec)})
                else:
                    cur = sec.setdefault(lang, {})
                    for cc, names in (spec or {}).items():
                        lst = cur.setdefault(cc, [])
                        for n in _as_list(names):
                            if n not in lst:
                                lst.append(n)
        elif key in ("orgs", "people"):
            if not isinstance(val, list):
                raise TaxonomyError(f"{where}: '{key}' must be a list of entries with an id")
            sec = base.setdefault(key, [])
            index = {e["id"]: i for i, e in enumerate(sec)}
            for entry in val:
                if not isinstance(entry, dict) or "id" not in entry:
                    raise TaxonomyError(f"{where}: every entry in '{key}' needs an id")
                ident = str(entry["id"])
                if entry.get("remove"):
                    if ident in index:
                        sec[index[ident]] = None
                    continue
                if ident in index and sec[index[ident]] is not None:
                    sec[index[ident]] = _merge_entry(sec[index[ident]], entry)
                else:
                    index[ident] = len(sec)
                    sec.append(entry)
            base[key] = [e for e in sec if e is not None]
        elif key == "topics":
            if not isinstance(val, dict):
                raise TaxonomyError(f"{where}: 'topics' must be a mapping of id -> topic")
            sec = base.setdefault("topics", {})
            for ident, spec in val.items():
                if spec is None or (isinstance(spec, dict) and spec.get("remove")):
                    sec.pop(ident, None)
                elif ident in sec:
                    sec[ident] = _merge_entry(sec[ident], spec)
                else:
                    sec[ident] = spec
        elif key in ("places", "rules"):
            if not isinstance(val, list):
                raise TaxonomyError(f"{where}: '{key}' must be a list")
            if key == "places":
                sec = base.setdefault("places", [])
                index = {e.get("id"): i for i, e in enumerate(sec)}
                for entry in val:
                    ident = entry.get("id")
                    if ident in index:
                        if entry.get("remove"):
                            sec[index[ident]] = {"id": ident, "removed": True}
                        else:
                            sec[index[ident]] = _merge_entry(sec[index[ident]], entry)
                    else:
                        sec.append(entry)
            else:
                base.setdefault("rules", []).extend(val)
        elif key == "disable":
            base.setdefault("disable", []).extend(str(x) for x in _as_list(val))
        elif key in ("meta", "version", "description"):
            continue
        else:
            raise TaxonomyError(f"{where}: unknown section '{key}'")
    return base


def load_raw(extra_paths: Iterable[str | Path] | None = None) -> tuple[dict, dict, list[str]]:
    """Merged raw document, the generated data, and the list of files read."""
    raw: dict = {}
    sources: list[str] = []
    for name in SHIPPED_FILES:
        path = DATA_DIR / name
        merge(raw, _read(path), name)
        sources.append(str(path))
    gen_path = DATA_DIR / GENERATED_FILE
    generated = _read(gen_path) if gen_path.exists() else {}
    sources.append(str(gen_path))
    for path in user_paths(extra_paths):
        merge(raw, _read(path), str(path))
        sources.append(str(path))
    return raw, generated, sources


# ------------------------------------------------------------------ compile

_CASED = re.compile(r"[A-Za-zÀ-ɏЀ-ӿͰ-Ͽ]")


def _default_case(text: str, kind: str) -> str:
    if not _CASED.search(text[:1]):
        return "any"
    if kind in ("acronym", "org_acronym"):
        letters = [c for c in text if c.isalpha()]
        if len(letters) <= 4 or text.isupper() and len(letters) <= 4:
            return "exact"
        return "cap"
    if kind in ("keyword", "blocker"):
        return "any"
    return "cap" if text[:1].isupper() else "any"


class _Forms:
    """Inflected forms: generated file first, rules as fallback."""

    def __init__(self, generated: dict) -> None:
        self.table = generated.get("forms", {})

    def __call__(self, lang: str | None, text: str, kind: str, gender: str | None = None) -> list[str]:
        if lang not in INFLECTED and not (lang in ("en", "fr", "es", "it", "pt") and kind in ("adjective", "demonym")):
            return [text]
        got = self.table.get(lang, {}).get(text)
        ikind = {"adjective": "adj", "capital": "name", "metonym": "name", "org": "name",
                 "short": "surname"}.get(kind, kind)
        rule = inflect.forms(lang, text, ikind, gender)
        if got:
            return sorted(set(got) | set(rule))
        return rule


def cldr_variants(name: str) -> list[str]:
    """Usable surface forms of a CLDR territory name.

    Parenthesised and comma-separated qualifiers are dropped ("Myanmar
    (Burma)" → "Myanmar", "Гонконг, ОАР Китаю" → "Гонконг"): they often name
    another country (China, США) and the useful alternatives are aliases in
    countries.yaml anyway.
    """
    n = name.replace("’", "'").replace("ʼ", "'").strip()
    n = re.sub(r"\s*[(（].*?[)）]\s*", " ", n).strip()
    if ", " in n:
        head, tail = n.split(", ", 1)
        if re.search(r"\b[A-ZА-ЯЁІЇЄ]{2,}\b", tail) or tail.startswith(("SAR", "ОАР", "САР")):
            n = head
    n = re.sub(r"\s+SAR\s+China$", "", n)
    n = re.sub(r"\s*特别行政区$", "", n)
    out = []
    if " - " in n or " – " in n:
        out.append(n.replace(" - ", "-").replace(" – ", "-"))
    else:
        out.append(n)
        if "&" in n:
            out.append(n.replace("&", "and"))
        if n.startswith("St. "):
            out.append("Saint " + n[4:])
    return [x for x in out if x]


def _cc(value: Any, where: str) -> str:
    """A country code; YAML 1.1 reads a bare NO (Norway) as false."""
    if value is False:
        return "NO"
    if not isinstance(value, str) or not re.fullmatch(r"[A-Z]{2}", value):
        raise TaxonomyError(f"{where}: {value!r} is not an ISO 3166-1 alpha-2 code (quote \"NO\" in YAML)")
    return value


def compile_taxonomy(raw: dict, generated: dict, sources: list[str] | None = None) -> Taxonomy:
    forms = _Forms(generated)
    terms: list[TermSpec] = []
    disabled = set(raw.get("disable", []))
    stop: set[str] = set()
    for lang, items in (raw.get("stopterms") or {}).items():
        stop |= {norm_term(x) for x in items}

    def add(text: str, entity: str | None, kind: str, lang: str | None, *, gender: str | None = None,
            inflect_it: bool = True, **kw: Any) -> None:
        if entity in disabled:
            return
        text = str(text).strip()
        if not text:
            return
        variants = forms(lang, text, kind, gender) if inflect_it else [text]
        for t in variants:
            terms.append(TermSpec(text=t, entity=entity, kind=kind, lang=lang,
                                  case=_default_case(t, kind),
                                  weight=kw.get("weight", 1.0), group=kw.get("group"),
                                  prefix=kw.get("prefix", False), valid_from=kw.get("valid_from"),
                                  valid_to=kw.get("valid_to"), rule=kw.get("rule"), source=kw.get("source")))

    # ---- countries
    cldr = generated.get("cldr", {})
    countries: dict[str, str] = {}
    owners: dict[tuple[str, str], set[str]] = {}
    for cc, names in cldr.items():
        for lang, lst in names.items():
            for name in _as_list(lst):
                for v in cldr_variants(name):
                    owners.setdefault((lang, v), set()).add(cc)
    for cc, names in sorted(cldr.items()):
        countries[cc] = _as_list(names.get("en") or [cc])[0]
        for lang, lst in names.items():
            for name in _as_list(lst):
                for v in cldr_variants(name):
                    if len(owners[(lang, v)]) == 1:  # 刚果 is two Congos: aliases decide
                        add(v, f"country:{cc}", "name", lang)
    for cc, by_lang in (raw.get("aliases") or {}).items():
        cc = _cc(cc, "aliases")
        countries.setdefault(cc, cc)
        for lang, lst in by_lang.items():
            for name in lst:
                add(name, f"country:{cc}", "name", lang)
    for cc, by_lang in (raw.get("acronyms") or {}).items():
        cc = _cc(cc, "acronyms")
        for lang, lst in by_lang.items():
            for name in lst:
                add(name, f"country:{cc}", "acronym", lang, inflect_it=False)
    for cc, by_lang in (raw.get("compounds") or {}).items():
        cc = _cc(cc, "compounds")
        for lang, lst in by_lang.items():
            for name in lst:
                add(name, f"country:{cc}", "compound", lang, inflect_it=False)
    for lang, by_cc in (raw.get("adjectives") or {}).items():
        for cc, lst in (by_cc or {}).items():
            cc = _cc(cc, f"adjectives.{lang}")
            for name in _as_list(lst):
                add(name, f"country:{cc}", "adjective", lang, weight=0.8)
    for lang, by_cc in (raw.get("demonyms") or {}).items():
        for cc, lst in (by_cc or {}).items():
            cc = _cc(cc, f"demonyms.{lang}")
            for name in _as_list(lst):
                add(name, f"country:{cc}", "demonym", lang, weight=0.8)
    tz_names = generated.get("capitals", {})
    for cc, specs in (raw.get("capitals") or {}).items():
        cc = _cc(cc, "capitals")
        for i, spec in enumerate(_as_list(specs)):
            if not spec:
                continue
            vf, vt = _iso(spec.get("valid_from")), _iso(spec.get("valid_to"))
            by_lang: dict[str, list[str]] = {}
            if spec.get("tz"):
                _merge_lang_lists(by_lang, tz_names.get(spec["tz"], {}))
            _merge_lang_lists(by_lang, _lang_lists(spec.get("names"), f"capitals.{cc}"))
            for lang, lst in by_lang.items():
                for name in lst:
                    add(name, f"country:{cc}", "capital", lang, weight=0.8, valid_from=vf, valid_to=vt,
                        source=f"capital:{cc}")
    for place in raw.get("places") or []:
        if place.get("removed"):
            continue
        cc = _cc(place.get("country"), f"place {place.get('id')!r}: country")
        vf, vt = _iso(place.get("valid_from")), _iso(place.get("valid_to"))
        rule = place.get("rules")
        for lang, lst in _lang_lists(place.get("names"), f"places.{place.get('id')}").items():
            for name in lst:
                add(name, f"country:{cc}", place.get("kind", "metonym"), lang, weight=0.8,
                    valid_from=vf, valid_to=vt, rule=rule, source=f"place:{place.get('id')}")

    # ---- organisations
    orgs: dict[str, dict] = {}
    for org in raw.get("orgs") or []:
        oid = str(org["id"])
        ent = f"org:{oid}"
        members: dict[str, tuple[str | None, str | None]] = {}
        for cc, span in (org.get("members") or {}).items():
            cc = _cc(cc, f"orgs.{oid}.members")
            start, end = None, None
            if isinstance(span, str) and ".." in span:
                a, b = span.split("..", 1)
                start, end = _iso(a or None), _iso(b or None)
            else:
                start = _iso(span)
            members[str(cc)] = (start, end)
        orgs[oid] = {"name": org.get("name", oid), "kind": org.get("kind"), "members": members,
                     "parent": org.get("parent"),
                     "home": _cc(org["home"], f"orgs.{oid}.home") if org.get("home") else None}
        for lang, lst in _lang_lists(org.get("names"), f"orgs.{oid}.names").items():
            for name in lst:
                add(name, ent, "org", lang)
        for lang, lst in _lang_lists(org.get("acronyms"), f"orgs.{oid}.acronyms").items():
            for name in lst:
                add(name, ent, "org_acronym", lang, inflect_it=lang in ("ru", "uk") and len(name) > 4 and not name.isupper())

    # ---- people
    people: dict[str, Person] = {}
    for p in raw.get("people") or []:
        pid = str(p["id"])
        ent = f"person:{pid}"
        gender = p.get("gender")
        roles = []
        for r in _as_list(p.get("roles")):
            if not isinstance(r, dict) or "role" not in r:
                raise TaxonomyError(f"people.{pid}: each role needs at least 'role' and 'country' or 'org'")
            rr = dict(r)
            if "country" in rr:
                rr["country"] = _cc(rr["country"], f"people.{pid}.roles")
            rr["from"] = _iso(r.get("from"))
            rr["to"] = _iso(r.get("to"))
            roles.append(rr)
        names = _lang_lists(p.get("names"), f"people.{pid}.names")
        short = {} if p.get("short") is False else _lang_lists(p.get("short"), f"people.{pid}.short")
        distinctive = bool(p.get("distinctive", False))
        canonical = p.get("name") or (names.get("en") or [pid])[0]
        people[pid] = Person(pid, canonical, gender, distinctive, roles)
        for lang, lst in names.items():
            for name in lst:
                add(name, ent, "person", lang, gender=gender)
        if "en" in names and "en" not in short and p.get("short") is not False:
            short["en"] = [names["en"][0].split(" ")[-1]]
        for lang, lst in short.items():
            for name in lst:
                add(name, ent, "short", lang, gender=gender)

    # ---- topics
    topics: dict[str, Topic] = {}
    for tid, spec in (raw.get("topics") or {}).items():
        if not isinstance(spec, dict):
            raise TaxonomyError(f"topic {tid!r} must be a mapping")
        ent = f"topic:{tid}"
        groups = spec.get("groups") or {}
        for gname, g in groups.items():
            if not isinstance(g, dict):
                raise TaxonomyError(f"topics.{tid}.groups.{gname} must be a mapping with weight and terms")
            weight = float(g.get("weight", 1.0))
            for lang, lst in _lang_lists(g.get("terms"), f"topics.{tid}.{gname}").items():
                for raw_kw in lst:
                    kw, w = raw_kw, weight
                    if "|" in raw_kw:
                        kw, ws = raw_kw.rsplit("|", 1)
                        try:
                            w = float(ws)
                        except ValueError:
                            raise TaxonomyError(f"topics.{tid}: bad weight in {raw_kw!r}") from None
                    _add_keyword(add, kw, ent, lang, w, gname)
        for lang, lst in _lang_lists(spec.get("exclude"), f"topics.{tid}.exclude").items():
            for kw in lst:
                _add_keyword(add, kw, ent, lang, 0.0, "!exclude")
        for lang, lst in _lang_lists(spec.get("shadow"), f"topics.{tid}.shadow").items():
            for kw in lst:
                add(kw, None, "blocker", lang, inflect_it=False)
        topics[tid] = Topic(tid, spec.get("label", tid), float(spec.get("threshold", 3.0)),
                            [str(x) for x in _as_list(spec.get("require_any"))],
                            [dict(x) for x in _as_list(spec.get("near"))], int(spec.get("cap", 2)))

    # ---- blockers
    for lang, lst in (raw.get("blockers") or {}).items():
        for b in _as_list(lst):
            add(b, None, "blocker", lang, inflect_it=False)

    # ---- rules: attach by (normalised surface, entity[, lang])
    rules: dict[tuple[str, str], list[dict]] = {}
    for r in raw.get("rules") or []:
        if "match" not in r:
            raise TaxonomyError(f"rule without 'match': {r}")
        rules.setdefault((norm_term(str(r["match"])), str(r.get("entity", ""))), []).append(r)
    canonical: dict[str, dict] = {}

    def _canon(rule: dict) -> dict:
        # equal rules share one dict, so equal variants collapse in the matcher
        key = json.dumps(rule, sort_keys=True, ensure_ascii=False, default=str)
        return canonical.setdefault(key, rule)

    for t in terms:
        if t.rule:
            t.rule = _canon(t.rule)
    if rules:
        for t in terms:
            key = norm_term(t.text)
            for ent in (t.entity or "", ""):
                for r in rules.get((key, ent), []):
                    if r.get("lang") and r["lang"] != t.lang:
                        continue
                    merged = dict(t.rule or {})
                    merged.update({k: v for k, v in r.items() if k not in ("match", "entity", "lang")})
                    if "case" in merged:
                        t.case = merged.pop("case")
                    t.rule = _canon(merged) if merged else None

    _alias_entities_in_keywords(terms)
    if stop:
        terms = [t for t in terms if norm_term(t.text) not in stop]

    titles = raw.get("titles") or {}
    for role, by_lang in titles.items():
        for lang, lst in _lang_lists(by_lang, f"titles.{role}").items():
            for w in lst:
                add(w, f"title:{role}", "title", lang, inflect_it=False)
    return Taxonomy(countries=countries, orgs=orgs, people=people, topics=topics,
                    titles={k: _lang_lists(v, f"titles.{k}") for k, v in titles.items()},
                    terms=terms, sources=sources or [])


def _add_keyword(add, kw: str, ent: str, lang: str, weight: float, group: str) -> None:
    """A topic keyword; ``stem*`` matches a word start, and a phrase of stems
    (``мирн* переговор*``) matches word by word: the first word goes into the
    automaton, the rest is checked after the hit (rule ``seq``)."""
    kw = " ".join(kw.split())
    words = kw.split(" ")
    if len(words) > 1 and any(w.endswith("*") for w in words[:-1]):
        first = words[0]
        seq = [[w.rstrip("*"), w.endswith("*")] for w in words[1:]]
        add(first.rstrip("*"), ent, "keyword", lang, inflect_it=False, weight=weight, group=group,
            prefix=first.endswith("*"), rule={"seq": seq})
    else:
        add(kw.rstrip("*"), ent, "keyword", lang, inflect_it=False, weight=weight, group=group,
            prefix=kw.endswith("*"))


_CJK_RE = re.compile("[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")
_ALIAS_KINDS = ("name", "compound", "org", "person")


def _alias_entities_in_keywords(terms: list[TermSpec]) -> None:
    """A topic keyword that contains a name ("Taiwan Strait", "台湾海峡") would
    shadow it in the leftmost-longest match; give the keyword's surface that
    name's entity too, so both are found. Blockers win: "South China Sea"
    stays a blocker for China."""
    entity_keys: dict[str, set[str]] = {}
    blocked: set[str] = set()
    for t in terms:
        if t.entity is None:
            blocked.add(norm_term(t.text))
        elif t.kind in _ALIAS_KINDS and t.valid_from is None and t.valid_to is None and not t.rule:
            entity_keys.setdefault(norm_term(t.text), set()).add(t.entity)
    extra: list[TermSpec] = []
    seen: set[tuple[str, str]] = set()
    for t in terms:
        if t.kind != "keyword" or t.prefix or t.rule:
            continue
        key = norm_term(t.text)
        if key in blocked or key in entity_keys:
            continue
        found: set[str] = set()
        if _CJK_RE.search(key):
            for i in range(len(key)):
                for j in range(i + 2, min(len(key), i + 8) + 1):
                    if key[i:j] != key and key[i:j] in entity_keys:
                        found |= entity_keys[key[i:j]]
        else:
            words = key.split(" ")
            for n in range(1, min(4, len(words)) + 1):
                for i in range(len(words) - n + 1):
                    gram = " ".join(words[i:i + n])
                    if gram != key and gram in entity_keys:
                        found |= entity_keys[gram]
        for ent in found:
            if (key, ent) not in seen:
                seen.add((key, ent))
                extra.append(TermSpec(text=t.text, entity=ent, kind="compound", lang=t.lang,
                                      case="any", weight=0.8, source="keyword-alias"))
    terms.extend(extra)


def load_taxonomy(extra_paths: Iterable[str | Path] | None = None) -> Taxonomy:
    raw, generated, sources = load_raw(extra_paths)
    return compile_taxonomy(raw, generated, sources)

"""Generate ``data/countries.generated.json`` from CLDR (babel) and simplemma.

Run after changing the shipped YAML or upgrading babel/simplemma, and commit
the result; the runtime only reads the JSON::

    python -m wirewatch.taxonomy.build_data            # write the file
    python -m wirewatch.taxonomy.build_data --check    # exit 1 if it is stale

What it writes:

``cldr``      ``{CC: {lang: [names]}}`` territory names of every ISO 3166-1
              country (plus XK) in every supported language;
``capitals``  ``{tz: {lang: [city]}}`` localised exemplar-city names of the
              time zones the YAML names as capitals (English from the tz id);
``forms``     ``{lang: {base: [forms]}}`` inflected forms for ru, uk, pl and de
              of every name, adjective and person in the shipped data: the
              rule-based forms of :mod:`.inflect` united with the forms that
              the simplemma dictionary attests for the same lemma (minus
              forms that belong to another lemma, e.g. ``того``).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from .inflect import forms as rule_forms
from .loader import DATA_DIR, GENERATED_FILE, INFLECTED, LANGS, SHIPPED_FILES, _as_list, _read, merge

# user-assigned or non-country CLDR codes we leave out; XK (Kosovo) stays
NON_ISO = {"AC", "CP", "CQ", "DG", "EA", "EU", "EZ", "IC", "QO", "TA", "UN", "XA", "XB", "ZZ"}


def cldr_names() -> dict[str, dict[str, list[str]]]:
    from babel import Locale

    out: dict[str, dict[str, list[str]]] = {}
    en = Locale("en").territories
    codes = sorted(c for c in en if len(c) == 2 and c.isalpha() and c.isupper() and c not in NON_ISO)
    for lang in LANGS:
        terr = Locale(lang).territories
        for cc in codes:
            name = terr.get(cc)
            if name:
                out.setdefault(cc, {}).setdefault(lang, [])
                if name not in out[cc][lang]:
                    out[cc][lang].append(name)
    return out


def capital_names(raw: dict) -> dict[str, dict[str, list[str]]]:
    from babel import Locale

    zones = set()
    for specs in (raw.get("capitals") or {}).values():
        for spec in _as_list(specs):
            if spec and spec.get("tz"):
                zones.add(spec["tz"])
    out: dict[str, dict[str, list[str]]] = {}
    locales = {lang: Locale(lang) for lang in LANGS}
    for tz in sorted(zones):
        by_lang: dict[str, list[str]] = {}
        for lang, loc in locales.items():
            city = (loc.time_zones.get(tz) or {}).get("city")
            if not city and lang == "en":
                city = tz.rsplit("/", 1)[-1].replace("_", " ")
            if city:
                by_lang[lang] = [city]
        out[tz] = by_lang
    return out


def _base_terms(raw: dict, cldr: dict, capitals: dict) -> dict[str, set[tuple[str, str, str | None]]]:
    """(text, kind, gender) per inflected language, from everything shipped."""
    want: dict[str, set[tuple[str, str, str | None]]] = {lang: set() for lang in INFLECTED}

    def put(lang, text, kind, gender=None):
        if lang in want and text:
            want[lang].add((str(text), kind, gender))

    for cc, by_lang in cldr.items():
        for lang, lst in by_lang.items():
            for n in lst:
                put(lang, n, "name")
    for sec, kind in (("aliases", "name"),):
        for cc, by_lang in (raw.get(sec) or {}).items():
            for lang, lst in by_lang.items():
                for n in _as_list(lst):
                    put(lang, n, kind)
    for sec, kind in (("adjectives", "adj"), ("demonyms", "demonym")):
        for lang, by_cc in (raw.get(sec) or {}).items():
            for cc, lst in (by_cc or {}).items():
                for n in _as_list(lst):
                    put(lang, n, kind)
    for tz, by_lang in capitals.items():
        for lang, lst in by_lang.items():
            for n in lst:
                put(lang, n, "name")
    for cc, specs in (raw.get("capitals") or {}).items():
        for spec in _as_list(specs):
            for lang, lst in ((spec or {}).get("names") or {}).items():
                for n in _as_list(lst):
                    put(lang, n, "name")
    for place in raw.get("places") or []:
        for lang, lst in (place.get("names") or {}).items():
            for n in _as_list(lst):
                put(lang, n, "name")
    for org in raw.get("orgs") or []:
        for lang, lst in (org.get("names") or {}).items():
            for n in _as_list(lst):
                put(lang, n, "name")
    for p in raw.get("people") or []:
        g = p.get("gender")
        for lang, lst in (p.get("names") or {}).items():
            for n in _as_list(lst):
                put(lang, n, "person", g)
        for lang, lst in (p.get("short") or {}).items():
            for n in _as_list(lst):
                put(lang, n, "surname", g)
    return want


def _simplemma_index(lang: str):
    """lemma(lower) -> forms, and form(lower) -> lemma(lower)."""
    try:
        from simplemma.strategies.dictionaries.dictionary_factory import DefaultDictionaryFactory
    except ImportError:  # pragma: no cover - simplemma is a build-time extra
        return None, None
    d = DefaultDictionaryFactory().get_dictionary(lang)
    inv: dict[str, set[str]] = {}
    lemma_of: dict[str, set[str]] = {}
    for form, lemma in d.items():
        if isinstance(form, bytes):
            form = form.decode()
        if isinstance(lemma, bytes):
            lemma = lemma.decode()
        lo = lemma.lower()
        inv.setdefault(lo, set()).add(form)
        lemma_of.setdefault(form, set()).add(lo)  # exact case: Києві is Київ, києві is кий
    return inv, lemma_of


def _attested(word: str, inv, lemma_of, lang: str = "") -> set[str]:
    if inv is None:
        return set()
    if lang in ("ru", "uk") and word[-1:].lower() in "оеиуюэі":
        return set()  # Того, Перу, Чили do not decline (and Тога is a toga)
    lo = word.lower()
    got = set()
    for f in inv.get(lo, ()):
        if not f.replace("-", "").isalpha() or len(f) < len(word) - 1:
            continue
        # keep the capitalisation of the base form
        f2 = f[0].upper() + f[1:].lower() if word[:1].isupper() else f.lower()
        if lemma_of.get(f2, {lo}) - {lo}:
            continue  # the form (as it would be written) also belongs to another lemma
        if word.isupper():
            f2 = f.upper()
        got.add(f2)
    return got


def build_forms(raw: dict, cldr: dict, capitals: dict, use_simplemma: bool = True) -> dict[str, dict[str, list[str]]]:
    want = _base_terms(raw, cldr, capitals)
    out: dict[str, dict[str, list[str]]] = {}
    for lang in INFLECTED:
        inv, lemma_of = _simplemma_index(lang) if use_simplemma else (None, None)
        table: dict[str, set[str]] = {}
        for text, kind, gender in sorted(want[lang], key=lambda x: (x[0], x[1], x[2] or "")):
            fs = set(rule_forms(lang, text, kind, gender))
            if " " not in text and kind in ("name", "adj", "demonym"):
                fs |= _attested(text, inv, lemma_of, lang)
            table.setdefault(text, set()).update(fs)
        out[lang] = {k: sorted(v) for k, v in sorted(table.items()) if len(v) > 1}
    return out


def build(use_simplemma: bool = True) -> dict:
    raw: dict = {}
    for name in SHIPPED_FILES:
        merge(raw, _read(DATA_DIR / name), name)
    import babel

    cldr = cldr_names()
    capitals = capital_names(raw)
    forms = build_forms(raw, cldr, capitals, use_simplemma)
    meta = {"babel": babel.__version__, "languages": list(LANGS), "inflected": list(INFLECTED)}
    try:
        import simplemma

        meta["simplemma"] = getattr(simplemma, "__version__", "?") if use_simplemma else None
    except ImportError:  # pragma: no cover
        meta["simplemma"] = None
    return {"meta": meta, "cldr": cldr, "capitals": capitals, "forms": forms}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true", help="exit 1 if the committed file differs")
    ap.add_argument("--no-simplemma", action="store_true", help="rules only")
    ap.add_argument("--out", type=Path, default=DATA_DIR / GENERATED_FILE)
    args = ap.parse_args(argv)
    data = build(use_simplemma=not args.no_simplemma)
    text = json.dumps(data, ensure_ascii=False, indent=0, sort_keys=True) + "\n"
    if args.check:
        cur = args.out.read_text(encoding="utf-8") if args.out.exists() else ""
        if cur != text:
            print(f"{args.out} is stale: run python -m wirewatch.taxonomy.build_data", file=sys.stderr)
            return 1
        print(f"{args.out} is up to date")
        return 0
    args.out.write_text(text, encoding="utf-8")
    n_forms = sum(len(v) for v in data["forms"].values())
    print(f"wrote {args.out}: {len(data['cldr'])} countries, {len(data['capitals'])} capitals, "
          f"{n_forms} inflected bases")
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())

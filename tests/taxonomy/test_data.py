"""The shipped data: coverage the issue asks for, and hygiene."""

import json

import pytest
import yaml

from wirewatch.taxonomy.loader import DATA_DIR, GENERATED_FILE, LANGS, cldr_variants

ISSUE_LANGS = ("en", "fr", "de", "es", "it", "pt", "ru", "uk", "zh", "ja", "ko", "ar", "tr")


class _UniqueKeys(yaml.SafeLoader):
    pass


def _mapping(loader, node, deep=False):
    seen = set()
    for k, _ in node.value:
        key = loader.construct_object(k, deep=deep)
        assert key not in seen, f"duplicate key {key!r} at {k.start_mark}"
        assert key is not False, f"bare NO read as false at {k.start_mark}: quote it"
        seen.add(key)
    return yaml.SafeLoader.construct_mapping(loader, node, deep)


_UniqueKeys.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping)


@pytest.mark.parametrize("name", ["countries.yaml", "orgs.yaml", "people.yaml", "topics.yaml", "roles.yaml"])
def test_yaml_has_no_duplicate_keys(name):
    with open(DATA_DIR / name, encoding="utf-8") as fh:
        yaml.load(fh, Loader=_UniqueKeys)


def test_generated_file_covers_every_country_in_every_language():
    data = json.loads((DATA_DIR / GENERATED_FILE).read_text(encoding="utf-8"))
    assert set(ISSUE_LANGS) <= set(data["meta"]["languages"]) == set(LANGS)
    assert len(data["cldr"]) >= 249
    for cc, names in data["cldr"].items():
        missing = [lang for lang in ISSUE_LANGS if lang not in names]
        assert not missing, (cc, missing)
    forms = data["forms"]
    assert "Франции" in forms["ru"]["Франция"]
    assert "Україні" in forms["uk"]["Україна"]
    assert "Russlands" in forms["de"]["Russland"]
    assert "Polsce" in forms["pl"]["Polska"]


def test_coverage(tagger):
    tax = tagger.taxonomy
    assert len(tax.orgs) >= 60
    with_roles = [p for p in tax.people.values() if p.roles]
    assert len(with_roles) >= 150
    assert all(r.get("country") or r.get("org") for p in with_roles for r in p.roles)
    assert len(tax.topics) >= 20
    roles = {r["role"] for p in with_roles for r in p.roles}
    assert {"head_of_state", "head_of_government", "foreign_minister", "defence_minister"} <= roles
    langs = {t.lang for t in tax.terms if t.entity and t.entity.startswith("topic:")}
    assert set(ISSUE_LANGS) <= langs


def test_role_dates_are_ordered(tagger):
    for p in tagger.taxonomy.people.values():
        for r in p.roles:
            if r.get("from") and r.get("to"):
                assert r["from"] < r["to"], (p.id, r)


def test_org_names_in_many_languages(tagger):
    langs = {}
    for t in tagger.taxonomy.terms:
        if t.entity and t.entity.startswith("org:"):
            langs.setdefault(t.entity, set()).add(t.lang)
    for org in ("org:NATO", "org:EU", "org:UN", "org:IAEA", "org:WHO"):
        assert set(ISSUE_LANGS) <= langs[org], (org, set(ISSUE_LANGS) - langs[org])


def test_cldr_variants():
    assert cldr_variants("Myanmar (Burma)") == ["Myanmar"]
    assert cldr_variants("Віргінські Острови (США)") == ["Віргінські Острови"]
    assert cldr_variants("Congo - Kinshasa") == ["Congo-Kinshasa"]
    assert cldr_variants("Bosnia & Herzegovina") == ["Bosnia & Herzegovina", "Bosnia and Herzegovina"]
    assert cldr_variants("Гонконг, ОАР Китаю") == ["Гонконг"]

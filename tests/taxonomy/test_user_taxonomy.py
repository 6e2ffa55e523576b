"""User files extend or override the shipped taxonomy without editing it."""

import os
import textwrap

import pytest

from wirewatch.taxonomy import TaxonomyError, clear_cache, get_tagger

USER = textwrap.dedent("""
    people:
      - id: jane-example
        names: {en: [Jane Example], ru: [Джейн Экзампл]}
        distinctive: true
        roles:
          - {role: head_of_government, country: "NO", from: 2031-01-01}
      - id: boris-johnson
        remove: true
    orgs:
      - id: EXAMPLE_PACT
        names: {en: [Example Pact]}
        acronyms: {en: [EXP]}
        members: {FR: 2030-01-01, DE: "2030-01-01..2032-01-01"}
    places:
      - id: example-palace
        country: FR
        names: {en: [Example Palace]}
    blockers:
      en: [Fort Paris]
    disable: [country:XK]
    topics:
      sanctions:
        groups:
          core:
            terms:
              en: [economic squeeze]
      example_topic:
        threshold: 2
        groups:
          core: {weight: 2, terms: {en: [widget embargo]}}
""")


@pytest.fixture(scope="module")
def user_tagger(tmp_path_factory):
    path = tmp_path_factory.mktemp("tax") / "user.yaml"
    path.write_text(USER, encoding="utf-8")
    yield get_tagger([path]), path
    clear_cache()


def test_additions(user_tagger):
    tg, _ = user_tagger
    t = tg.tag("Example Pact talks", "Jane Example met EXP envoys at the Example Palace over the widget embargo "
               "and an economic squeeze.", published_at="2031-06-01")
    assert "jane-example" in t.people
    assert "EXAMPLE_PACT" in t.orgs
    assert {"FR", "NO"} <= set(t.countries)   # the palace; Jane's office on the date
    assert {"example_topic", "sanctions"} <= set(t.topics)
    assert tg.taxonomy.members("EXAMPLE_PACT", "2031-06-01") == ["DE", "FR"]
    assert tg.taxonomy.members("EXAMPLE_PACT", "2033-06-01") == ["FR"]


def test_inflected_user_names(user_tagger):
    tg, _ = user_tagger
    assert "jane-example" in tg.tag(None, "Встреча с Джейн Экзампл прошла спокойно.").people


def test_removal_disable_and_blockers(user_tagger):
    tg, _ = user_tagger
    t = tg.tag(None, "Boris Johnson visited Kosovo and Fort Paris.", published_at="2024-01-01")
    assert "boris-johnson" not in t.people
    assert "XK" not in t.countries
    assert "FR" not in t.countries


def test_cached_per_file_set(user_tagger):
    tg, path = user_tagger
    assert get_tagger([path]) is tg
    assert get_tagger() is not tg


def test_env_variable(tmp_path, monkeypatch):
    extra = tmp_path / "env.yaml"
    extra.write_text("people:\n  - id: env-person\n    names: {en: [Envy Person]}\n", encoding="utf-8")
    monkeypatch.setenv("WIREWATCH_TAXONOMY_PATHS", f"{tmp_path / 'missing-dir-ok'}{os.pathsep}{extra}".split(os.pathsep, 1)[1])
    try:
        assert "env-person" in get_tagger().tag(None, "Envy Person spoke.").people
    finally:
        monkeypatch.delenv("WIREWATCH_TAXONOMY_PATHS")
        clear_cache()


@pytest.mark.parametrize("body,msg", [
    ("people: {a: 1}", "must be a list"),
    ("people:\n  - names: {en: [X]}\n", "needs an id"),
    ("bogus: 1\n", "unknown section"),
    ("people:\n  - id: x\n    roles: [{role: head_of_state, country: Norway}]\n", "ISO 3166-1"),
    ("countries: [\n", "cannot parse"),
])
def test_errors_are_clear(tmp_path, body, msg):
    path = tmp_path / "bad.yaml"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(TaxonomyError, match=msg):
        get_tagger([path])


def test_missing_file(tmp_path):
    with pytest.raises(TaxonomyError, match="not found"):
        get_tagger([tmp_path / "nope.yaml"])

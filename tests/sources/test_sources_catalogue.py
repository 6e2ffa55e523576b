"""The catalogue loader: builtin data, errors per file/source/field, overrides, env substitution."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
import yaml

from wirewatch.sources import BUILTIN_DIR, CatalogueError, load_catalogue
from wirewatch.sources.catalogue import expand_env

GOOD = {
    "id": "testwire",
    "name": "Test Wire",
    "country": "de",
    "languages": ["EN", "de"],
    "homepage": "https://www.testwire.example/",
    "allowed_domains": ["testwire.example"],
    "ownership": "private",
    "discovery": [
        {"kind": "rss", "url": "https://www.testwire.example/rss.xml", "origin": "test"},
    ],
    "article_pattern": r"/news/\d+",
    "exclude_patterns": ["/video/"],
}


def write(path: Path, *sources: dict) -> Path:
    path.write_text(yaml.safe_dump({"sources": list(sources)}, allow_unicode=True), encoding="utf-8")
    return path


def entry(**changes) -> dict:
    out = {**GOOD, **changes}
    return {k: v for k, v in out.items() if v is not ...}


# -- the builtin catalogue -------------------------------------------------------------------


@pytest.fixture(scope="module")
def builtin():
    return load_catalogue(env={})


def test_builtin_catalogue_loads_without_errors(builtin):
    assert builtin.errors == [], "\n".join(map(str, builtin.errors))
    enabled = [s for s in builtin.sources if s.enabled]
    assert len(enabled) >= 25
    assert len({s.id for s in builtin.sources}) == len(builtin.sources)
    assert {Path(f).name for f in builtin.files} >= {
        "global.yaml", "europe.yaml", "asia.yaml", "americas_africa_mideast.yaml",
    }


REQUIRED_AGENCIES = (
    "reuters ap afp xinhua chinanews tass ria interfax anadolu kyodo yonhap dpa efe ansa pti irna "
    "wam bernama pap ukrinform ctk mti prensa-latina lusa apa agerpres"
).split()


def test_builtin_catalogue_has_the_agencies_of_the_issue(builtin):
    missing = [i for i in REQUIRED_AGENCIES if i not in builtin]
    assert missing == []


def test_every_discovery_entry_records_its_origin(builtin):
    for s in builtin.sources:
        if s.enabled:
            assert s.discovery, s.id
        for d in s.discovery:
            assert d.origin.strip(), (s.id, d.url)
            if not d.verified:
                # unverified entries must say why they are there (origin) and, usually, a note
                assert d.origin or d.note
        assert s.ownership in ("state", "public", "private", "cooperative")


def test_state_media_filter(builtin):
    state = {s.id for s in builtin.select(ownership="state")}
    assert {"xinhua", "tass", "ria", "irna", "wam"} <= state
    assert "reuters" not in state and "ap" not in state
    assert {s.id for s in builtin.select(country="ru")} == {"tass", "ria", "interfax"}
    assert "yonhap" in {s.id for s in builtin.select(language="KO")}


def test_select_by_ids_and_enabled(builtin):
    assert [s.id for s in builtin.select(["reuters", "tass"])] == ["tass", "reuters"]  # catalogue order (file names)
    assert builtin.select(["dpa"]) == []  # disabled
    assert [s.id for s in builtin.select(["dpa"], enabled_only=False)] == ["dpa"]
    with pytest.raises(KeyError, match="nope"):
        builtin.select(["tass", "nope"])
    with pytest.raises(KeyError):
        builtin.get("nope")
    assert builtin.get("tass").name == "TASS"


def test_builtin_files_display_relative(builtin):
    assert all(f.startswith("catalogue/") for f in builtin.files)
    assert builtin.origins["tass"] == "catalogue/europe.yaml"


# -- errors name file, source and field -------------------------------------------------------


def test_bad_entry_reports_file_source_and_field_and_others_load(tmp_path):
    bad_url = entry(id="badurl", discovery=[{"kind": "rss", "url": "ftp://x.example/feed", "origin": "t"}])
    bad_regex = entry(id="badregex", article_pattern="/news/(\\d+")
    bad_country = entry(id="badcountry", country="XX")
    good = entry(id="fine")
    f = write(tmp_path / "mine.yaml", bad_url, bad_regex, good, bad_country)

    cat = load_catalogue([f], include_builtin=False, env={})
    assert cat.ids() == ["fine"]
    by_id = {e.source_id: e for e in cat.errors}
    assert set(by_id) == {"badurl", "badregex", "badcountry"}

    e = by_id["badurl"]
    assert e.file == str(f) and e.field == "discovery.0.url" and "http(s)" in e.message
    assert str(e) == f"{f}: source 'badurl': discovery.0.url: {e.message}"
    assert e.line == 2 and e.index == 0  # first item of the list ("sources:" is line 1)

    assert by_id["badregex"].field == "article_pattern"
    assert "invalid regular expression" in by_id["badregex"].message
    assert by_id["badcountry"].field == "country"


def test_bad_entry_in_builtin_style_file_keeps_the_rest_of_builtin(tmp_path):
    f = write(tmp_path / "broken.yaml", entry(id="tass", ownership="government"))
    cat = load_catalogue([f], env={})
    assert [str(e) for e in cat.errors] == [
        f"{f}: source 'tass': ownership: Input should be 'state', 'public', 'private' or 'cooperative'"
    ]
    assert cat.get("tass").ownership == "state"  # the builtin definition stays
    assert len(cat.select()) >= 25


@pytest.mark.parametrize(
    ("changes", "field", "fragment"),
    [
        ({"languages": ["en", "english"]}, "languages.1", "ISO 639-1"),
        ({"languages": []}, "languages", "at least 1"),
        ({"allowed_domains": ["https://testwire.example/"]}, "allowed_domains.0", "bare domain"),
        ({"allowed_domains": []}, "allowed_domains", "at least 1"),
        ({"homepage": "www.testwire.example"}, "homepage", "http(s)"),
        ({"id": "Test Wire"}, "id", "lowercase slug"),
        ({"exclude_patterns": ["[unclosed"]}, "exclude_patterns.0", "invalid regular expression"),
        ({"colour": "red"}, "colour", "unknown field"),
        ({"name": ...}, "name", "required field is missing"),
        ({"politeness": {"download_delay": -1}}, "politeness.download_delay", "greater than or equal"),
        ({"discovery": [{"kind": "podcast", "url": "https://www.testwire.example/", "origin": "t"}]},
         "discovery.0.kind", "Input should be"),
        ({"discovery": [{"kind": "rss", "url": "https://other.example/rss", "origin": "t"}]},
         "discovery.0.url", "not covered by allowed_domains"),
        ({"discovery": [{"kind": "rss", "url": "https://www.testwire.example/r", "origin": "t",
                         "link_pattern": "x"}]}, "discovery.0", "only meaningful for kind 'listing'"),
        ({"discovery": []}, None, "at least one discovery entry"),
        ({"valid_from": "2025-01-01", "valid_to": "2024-01-01"}, None, "after valid_to"),
    ],
)
def test_field_errors(tmp_path, changes, field, fragment):
    f = write(tmp_path / "one.yaml", entry(**changes))
    cat = load_catalogue([f], include_builtin=False, env={})
    assert cat.sources == []
    assert len(cat.errors) >= 1
    err = cat.errors[0]
    assert err.file == str(f)
    assert err.field == field, str(err)
    assert fragment in err.message, str(err)


def test_file_level_errors(tmp_path):
    (tmp_path / "syntax.yaml").write_text("sources:\n  - id: [unclosed\n", encoding="utf-8")
    (tmp_path / "shape.yaml").write_text("- just a list\n", encoding="utf-8")
    (tmp_path / "empty.yaml").write_text("", encoding="utf-8")
    write(tmp_path / "ok.yaml", entry(id="fine"))
    missing = tmp_path / "nope.yaml"
    cat = load_catalogue([tmp_path, missing], include_builtin=False, env={})
    assert cat.ids() == ["fine"]
    msgs = {Path(e.file).name: e for e in cat.errors}
    assert msgs["syntax.yaml"].message.startswith("invalid YAML") and msgs["syntax.yaml"].line in (2, 3)
    assert msgs["shape.yaml"].field == "sources"
    assert msgs["nope.yaml"].message == "no such file or directory"
    assert "empty.yaml" not in msgs


def test_duplicate_id_in_one_file_and_non_mapping_entry(tmp_path):
    f = tmp_path / "dup.yaml"
    f.write_text(yaml.safe_dump({"sources": [entry(), entry(name="Second"), "oops", {"name": "no id"}]}))
    cat = load_catalogue([f], include_builtin=False, env={})
    assert [s.name for s in cat.sources] == ["Test Wire"]
    assert [(e.source_id, e.field, e.index) for e in cat.errors] == [
        ("testwire", "id", 1),
        (None, None, 2),
        (None, "id", 3),
    ]
    assert str(cat.errors[1]) == f"{f}: sources[2]: each entry of 'sources' must be a mapping"


# -- overrides --------------------------------------------------------------------------------


def test_user_file_overrides_builtin_source_by_id(tmp_path):
    mine = entry(
        id="tass",
        name="TASS (my mirror)",
        homepage="https://mirror.example/",
        allowed_domains=["mirror.example"],
        discovery=[{"kind": "rss", "url": "https://mirror.example/tass.xml", "origin": "my mirror"}],
    )
    f = write(tmp_path / "override.yaml", mine)
    base = load_catalogue(env={})
    cat = load_catalogue([f], env={})
    assert cat.errors == []
    assert len(cat) == len(base)  # replaced, not added
    assert cat.ids() == base.ids()  # keeps its position
    assert cat.get("tass").name == "TASS (my mirror)"
    assert cat.get("tass").discovery[0].url == "https://mirror.example/tass.xml"
    assert cat.origins["tass"] == str(f)


def test_patch_override_merges(tmp_path):
    f = tmp_path / "patch.yaml"
    f.write_text(
        "sources:\n"
        "  - id: reuters\n    patch: true\n    enabled: false\n"
        "  - id: tass\n    patch: true\n    politeness: {download_delay: 9}\n"
        "  - id: ghost\n    patch: true\n    enabled: false\n",
        encoding="utf-8",
    )
    cat = load_catalogue([f], env={})
    assert cat.get("reuters").enabled is False
    assert cat.get("reuters").discovery  # untouched
    assert cat.get("tass").politeness.download_delay == 9
    assert cat.get("tass").politeness.concurrency == 2  # merged, not replaced
    assert [(e.source_id, e.field) for e in cat.errors] == [("ghost", "patch")]


def test_environment_variable_adds_files_and_dirs(tmp_path):
    d = tmp_path / "dir"
    d.mkdir()
    write(d / "a.yaml", entry(id="from-dir"))
    single = write(tmp_path / "single.yaml", entry(id="from-file"))
    cat = load_catalogue(env={"WIREWATCH_SOURCES": f"{d}:{single}:"})
    assert "from-dir" in cat and "from-file" in cat
    assert cat.errors == []


def test_duplicate_id_across_builtin_files_is_an_error(tmp_path, monkeypatch):
    import wirewatch.sources.catalogue as catalogue_mod

    fake = tmp_path / "builtin"
    fake.mkdir()
    write(fake / "a.yaml", entry(id="same"))
    write(fake / "b.yaml", entry(id="same", name="Other"))
    monkeypatch.setattr(catalogue_mod, "BUILTIN_DIR", fake)
    cat = load_catalogue(env={})
    assert cat.get("same").name == "Test Wire"
    assert len(cat.errors) == 1 and cat.errors[0].field == "id" and "duplicate id" in cat.errors[0].message


# -- ${VAR} substitution ----------------------------------------------------------------------


def test_env_substitution_in_urls_and_domains(tmp_path):
    sample = entry(
        id="sample",
        homepage="${WIREWATCH_SAMPLE_BASE}/",
        allowed_domains=["${WIREWATCH_SAMPLE_BASE}"],
        discovery=[
            {"kind": "rss", "url": "${WIREWATCH_SAMPLE_BASE}/feeds/rss.xml", "origin": "sample site"},
            {"kind": "news_sitemap", "url": "${SAMPLE_SITEMAP:-http://127.0.0.1:8765}/news.xml", "origin": "x"},
        ],
    )
    f = write(tmp_path / "sample.yaml", sample)
    cat = load_catalogue([f], include_builtin=False, env={"WIREWATCH_SAMPLE_BASE": "http://127.0.0.1:8765"})
    s = cat.get("sample")
    assert s.homepage == "http://127.0.0.1:8765/"
    assert s.allowed_domains == ["127.0.0.1"]
    assert s.discovery[0].url == "http://127.0.0.1:8765/feeds/rss.xml"
    assert s.discovery[1].url == "http://127.0.0.1:8765/news.xml"
    assert s.is_article_url("http://127.0.0.1:8765/news/42")


def test_env_substitution_default_and_missing(tmp_path):
    assert expand_env("${A:-http://x.example}/f", {}) == "http://x.example/f"
    assert expand_env("${A:-http://x.example}/f", {"A": "https://y.example"}) == "https://y.example/f"
    with pytest.raises(ValueError, match="NOT_SET"):
        expand_env("${NOT_SET}/f", {})
    f = write(tmp_path / "s.yaml", entry(id="needs-env", homepage="${NOT_SET_ANYWHERE}/"), entry(id="other"))
    cat = load_catalogue([f], include_builtin=False, env={})
    assert cat.ids() == ["other"]
    (err,) = cat.errors
    assert (err.source_id, err.field) == ("needs-env", "homepage")
    assert "NOT_SET_ANYWHERE is not set" in err.message


def test_validity_window(tmp_path):
    f = write(
        tmp_path / "v.yaml",
        entry(id="old", valid_to="2020-12-31"),
        entry(id="new", valid_from="2021-01-01"),
    )
    cat = load_catalogue([f], include_builtin=False, env={})
    assert [s.id for s in cat.select(valid_on=date(2020, 6, 1))] == ["old"]
    assert [s.id for s in cat.select(valid_on=date(2024, 6, 1))] == ["new"]
    assert [s.id for s in cat.select()] == ["new"]


def test_catalogue_error_str_without_source():
    e = CatalogueError("catalogue/x.yaml", None, None, "invalid YAML: oops")
    assert str(e) == "catalogue/x.yaml: invalid YAML: oops"
    e = CatalogueError("catalogue/europe.yaml", "tass", "discovery.0.url", "not an http(s) URL")
    assert str(e) == "catalogue/europe.yaml: source 'tass': discovery.0.url: not an http(s) URL"


def test_builtin_yaml_regexes_are_not_accidentally_double_escaped():
    # a YAML double-quoted '\\d' would become a literal backslash-d; the files use single quotes
    for f in BUILTIN_DIR.glob("*.yaml"):
        data = yaml.safe_load(f.read_text(encoding="utf-8"))
        for s in data["sources"]:
            for p in [s.get("article_pattern") or ""] + list(s.get("exclude_patterns") or []):
                assert "\\\\" not in p, (f.name, s["id"], p)
                re.compile(p)

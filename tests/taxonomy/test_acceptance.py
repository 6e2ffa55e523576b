"""The issue's acceptance story: a wire report in the manner of the shared seed
(original text), with captions, credits, a spokesperson, the Kremlin's reply
and an upper-house official."""

from wirewatch.taxonomy import Tags, tag_article

TITLE = "Macron refuses to rule out Western troops in Ukraine; allies quickly distance themselves"

TEXT = """PARIS, Feb. 27 (Wirewatch) — French President Emmanuel Macron said late on Monday that the deployment of Western troops to Ukraine could not be ruled out in the future, a remark that surprised and irritated several of France's partners.

Caption: Emmanuel Macron speaks to reporters at the Élysée Palace after the support conference. Photo: staff photographer / pool

Speaking after a conference on support for Ukraine at the Élysée, Macron said there was "no consensus" among the roughly twenty leaders present on sending soldiers, but that "nothing should be excluded" as the war entered its third year.

According to Reuters, the president hoped to create a kind of strategic ambiguity to keep Moscow guessing. Diplomats from several allied capitals said privately that the move had confused them.

In Washington, a National Security Council spokesperson said in a statement that President Joe Biden had been clear that the United States would not send troops to fight in Ukraine.

Germany, the United Kingdom, Italy, Spain, Poland and the Czech Republic also moved quickly to say they had no plans to put boots on the ground. Officials in Berlin warned that the remarks could strain relations between France and Germany, long described as the engine of European cooperation.

French officials later explained that Macron had meant non-combat missions such as demining, border protection or training Ukrainian forces.

The Kremlin said any such deployment would make a direct conflict between NATO and Russia inevitable. Writing on social media on Tuesday, a deputy speaker of the Federation Council, the upper house of Russia's parliament, said the French leader's logic was dangerous and could lead to catastrophic consequences, according to the TASS news agency.
"""


def test_acceptance_story():
    tags = tag_article(TITLE, TEXT, published_at="2024-02-28T09:30:00Z")
    assert isinstance(tags, Tags)
    assert tags.countries == sorted(["FR", "UA", "US", "GB", "DE", "IT", "ES", "PL", "CZ", "RU"])
    assert tags.primary_countries == ["FR", "UA"]
    assert "NATO" in tags.orgs
    assert {"emmanuel-macron", "joe-biden"} <= set(tags.people)
    assert "military_deployment" in tags.topics


def test_every_tag_is_explained_by_a_match():
    tags = tag_article(TITLE, TEXT, published_at="2024-02-28")
    explained = {m["entity"] for m in tags.matches}
    for cc in tags.countries:
        assert f"country:{cc}" in explained
    for o in tags.orgs:
        assert f"org:{o}" in explained or any(e.startswith("org:") for e in explained)
    for p in tags.people:
        assert f"person:{p}" in explained
    for t in tags.topics:
        assert f"topic:{t}" in explained
    fields = {"title": TITLE, "text": TEXT}
    for m in tags.matches:
        assert set(m) == {"term", "entity", "field", "start", "end"}
        assert fields[m["field"]][m["start"]:m["end"]] == m["term"]


def test_biden_is_president_on_the_story_date():
    """Biden's role is judged at published_at: the role phrase resolves to him in
    February 2024 and to his successor a year later."""
    text = "The US President said Washington would not send troops to Ukraine."
    assert "joe-biden" in tag_article(None, text, published_at="2024-02-28").people
    later = tag_article(None, text, published_at="2025-03-01").people
    assert "donald-trump" in later and "joe-biden" not in later


def test_as_dict_round_trip():
    tags = tag_article(TITLE, TEXT, published_at="2024-02-28")
    d = tags.as_dict()
    assert set(d) == {"countries", "primary_countries", "orgs", "people", "topics", "matches"}
    assert d["countries"] == tags.countries

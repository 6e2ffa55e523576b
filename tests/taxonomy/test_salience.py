"""primary_countries: what the story is about, apart from what it mentions."""


def test_title_and_lead_beat_passing_mentions(tag):
    t = tag("Poland and Lithuania stage joint drills near Belarus border",
            "Polish and Lithuanian troops began joint exercises on Monday near the border with Belarus. "
            "Officials said observers from Germany, France and Italy had been invited.")
    assert set(t.primary_countries) >= {"PL", "LT"}
    assert not {"DE", "FR", "IT"} & set(t.primary_countries)
    assert {"DE", "FR", "IT"} <= set(t.countries)


def test_dateline_counts(tag):
    text = "Officials said talks would resume next week, with delegations from Turkey and Qatar attending."
    with_dateline = tag("Talks to resume", text, dateline_place="KYIV")
    assert "UA" in with_dateline.primary_countries
    assert any(m["field"] == "dateline" and m["entity"] == "country:UA" for m in with_dateline.matches)
    assert "UA" not in tag("Talks to resume", text).countries


def test_description_field(tag):
    t = tag("Talks resume", "Delegations met for a second day.", description="Negotiators from Armenia and Azerbaijan met in Geneva.")
    assert set(t.primary_countries) == {"AM", "AZ"}
    assert {m["field"] for m in t.matches} == {"description"}


def test_single_mention_is_primary(tag):
    assert tag(None, "The ministry in Oslo said nothing more.").primary_countries == ["NO"]


def test_primary_is_subset_of_countries(tag):
    t = tag("Macron in Kyiv", "The French president met Ukrainian officials and spoke about Russia, Germany and Poland.")
    assert set(t.primary_countries) <= set(t.countries)
    assert len(t.primary_countries) <= 4

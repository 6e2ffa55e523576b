"""Topics: weighted keywords, thresholds, exclusions, proximity, languages."""


def topics(tag, text, title=None, **kw):
    return set(tag(title, text, **kw).topics)


def test_proximity_makes_deployment(tag):
    assert "military_deployment" in topics(tag, "Paris said it might send troops to the region.")
    # far apart: no proximity bonus, no topic
    far = ("Paris said it might send a delegation to the conference next month, officials said, "
           "while the parade featured veterans and troops from the last war.")
    assert "military_deployment" not in topics(tag, far)


def test_threshold(tag):
    assert "sanctions" in topics(tag, "The EU adopted new sanctions against Iran.")
    assert "armed_conflict" not in topics(tag, "The ministry said it was at war with bureaucracy.")


def test_exclusions(tag):
    assert "cyber" not in topics(tag, "Hackers targeted shoppers on Cyber Monday.")
    assert "nuclear" not in topics(tag, "The nuclear family remains the norm, the survey found.")


def test_shadowed_phrases(tag):
    assert "coup" not in topics(tag, "Le gouvernement donne un coup de pouce aux exportateurs.", language="fr")
    assert "coup" in topics(tag, "Des militaires ont mené un coup d'État et la junte a pris le pouvoir.", language="fr")


def test_longest_phrase_wins_over_its_words(tag):
    got = topics(tag, "The trade war escalated as new tariffs took effect.")
    assert "trade_tariffs" in got and "armed_conflict" not in got


def test_language_specific_keywords(tag):
    # German "war" is a verb, not a war
    assert "armed_conflict" not in topics(tag, "Die Lage war gestern ruhig, und es war kalt.", language="de")
    assert "armed_conflict" not in topics(tag, "Die Lage war gestern ruhig, und es war kalt.")  # guessed


def test_stem_phrases(tag):
    assert "ceasefire_peace_talks" in topics(tag, "Стороны провели мирные переговоры в Стамбуле.", language="ru")
    assert "nuclear" in topics(tag, "Россия пересмотрела ядерную доктрину.", language="ru")


def test_topic_matches_are_explained(tag):
    t = tag("Sanctions", "The EU adopted new sanctions against Iran.")
    assert any(m["entity"] == "topic:sanctions" for m in t.matches)
    assert not any(m["entity"].startswith("title:") for m in t.matches)

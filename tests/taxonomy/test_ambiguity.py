"""The ambiguous names the issue lists, each with a positive and a negative."""

import pytest


def countries(tag, text, title=None, **kw):
    return set(tag(title, text, **kw).countries)


class TestGeorgia:
    def test_us_state_is_not_the_country(self, tag):
        assert "GE" not in countries(tag, "Voters in Atlanta, Georgia waited for hours as the swing state counted ballots.")
        assert "GE" not in countries(tag, "Georgia Tech beat Georgia State on Saturday.")

    def test_the_country(self, tag):
        assert "GE" in countries(tag, "Police in Tbilisi used water cannon as Georgia's government paused EU talks.")
        assert "GE" in countries(tag, "Russia and Georgia fought a brief war in 2008.")

    def test_other_languages_unambiguous(self, tag):
        assert "GE" in countries(tag, "Грузия и Армения подписали соглашение.")
        assert "GE" in countries(tag, "格鲁吉亚议会通过了法案。")


class TestJordan:
    def test_people_named_jordan(self, tag):
        assert "JO" not in countries(tag, "Michael Jordan attended the game in Chicago.")
        assert "JO" not in countries(tag, "Jordan Bardella said the National Rally would vote against.")
        assert "JO" not in countries(tag, "Analysts said Jordan Peterson would speak.")

    def test_the_river(self, tag):
        assert "JO" not in countries(tag, "Pilgrims gathered on the banks of the Jordan River.")

    def test_the_country(self, tag):
        assert "JO" in countries(tag, "Jordan's King Abdullah met officials in Amman.")
        assert "JO" in countries(tag, "Jordan closed its airspace on Saturday.")


class TestChad:
    def test_person(self, tag):
        assert "TD" not in countries(tag, "Chad Smith played drums at the concert.")

    def test_the_country(self, tag):
        assert "TD" in countries(tag, "Chad closed its border with Sudan after clashes in Darfur.")
        assert "TD" in countries(tag, "Troops from Chad and Niger patrol the Lake Chad basin.")


class TestTurkey:
    def test_the_bird(self, tag):
        assert "TR" not in countries(tag, "Families roasted a turkey for dinner.")
        assert "TR" not in countries(tag, "Turkey sandwiches sold out before Thanksgiving.")

    def test_the_country(self, tag):
        assert "TR" in countries(tag, "Turkey said it would host talks in Istanbul.")
        assert "TR" in countries(tag, "Türkiye and Greece agreed to keep talking.")
        assert "TR" in countries(tag, "Türkiye'nin dış politikası değişiyor.")


class TestNigerNigeria:
    def test_distinct(self, tag):
        t = tag("Niger and Nigeria", "Niger's junta met Nigeria's president. Nigerien and Nigerian officials agreed.")
        assert {"NE", "NG"} <= set(t.countries)
        assert countries(tag, "The Nigerian army said it killed insurgents.") == {"NG"}
        assert countries(tag, "The Nigerien army said it killed insurgents.") == {"NE"}

    def test_niger_delta_is_nigeria(self, tag):
        assert countries(tag, "Militants attacked a pipeline in the Niger Delta, in Nigeria.") == {"NG"}

    def test_inflected_russian(self, tag):
        assert countries(tag, "Президент Нигерии прибыл в Абуджу.") == {"NG"}
        assert countries(tag, "В Нигере произошёл переворот.") == {"NE"}


class TestGuinea:
    def test_all_guineas(self, tag):
        t = tag(None, "Guinea-Bissau, Equatorial Guinea and Papua New Guinea sent delegates; Guinea did not.")
        assert set(t.countries) == {"GW", "GQ", "PG", "GN"}

    def test_guinea_pig(self, tag):
        assert countries(tag, "A guinea pig and two guinea fowl escaped from the farm.") == set()


class TestTogo:
    def test_common_word(self, tag):
        assert countries(tag, "Кроме того, министр отметил рост цен. Для того чтобы понять это, нужно время.") == set()

    def test_the_country(self, tag):
        assert "TG" in countries(tag, "Президент Того встретился с послами западноафриканских стран.")

    def test_capitalised_at_sentence_start(self, tag):
        assert countries(tag, "Того же мнения придерживаются эксперты.") == set()


class TestWashington:
    def test_us_government(self, tag):
        assert "US" in countries(tag, "Washington imposed new sanctions on Moscow, the White House said.")

    def test_the_state(self, tag):
        assert countries(tag, "Wildfires spread across eastern Washington state near Spokane.") == set()

    def test_people_and_newspaper(self, tag):
        assert countries(tag, "George Washington crossed the Delaware, The Washington Post recalled.") == set()


class TestBrussels:
    def test_eu_metonym(self, tag):
        t = tag("Brussels proposes tariffs", "Brussels proposed tariffs on imports; the European Commission said EU states must agree.")
        assert "BE" not in t.countries
        assert "EU" in t.orgs
        assert any(m["term"] == "Brussels" and m["entity"] == "org:EU" for m in t.matches)

    def test_the_city(self, tag):
        assert countries(tag, "Police in Brussels arrested two men after a robbery near the station.") == {"BE"}


@pytest.mark.parametrize("text", [
    "She bought fine china for the wedding.",
    "He added chile powder and a pinch of salt.",
    "Polish the silver before dinner.",
    "They met us at the station and told us to wait.",
    "The who said what at the meeting remains unclear.",
])
def test_common_words_are_not_countries_or_orgs(tag, text):
    t = tag(None, text)
    assert t.countries == [] and t.orgs == []


class TestFalseFriends:
    def test_german_island_only_in_german(self, tag):
        assert countries(tag, "Ships sailed past Rhode Island and Long Island.", language="en") == set()
        assert countries(tag, "Ships sailed past Rhode Island and Long Island.") == set()
        assert countries(tag, "Die Regierung von Island lehnte den Vorschlag ab.", language="de") == {"IS"}

    def test_french_meeting_is_not_reunion_island(self, tag):
        assert countries(tag, "Réunion du conseil des ministres lundi à Paris.", language="fr") == {"FR"}
        assert "RE" in countries(tag, "Un cyclone a frappé l'île de La Réunion, dans l'océan Indien.", language="fr")

    def test_first_name(self, tag):
        assert countries(tag, "Maurice Ravel composed the piece.") == set()


class TestNamesInsideTopicPhrases:
    def test_strait_keeps_taiwan(self, tag):
        t = tag(None, "Warships transited the Taiwan Strait on Monday.")
        assert "TW" in t.countries and "territorial_dispute" in t.topics
        assert "TW" in tag(None, "台湾海峡局势紧张。").countries

    def test_sea_is_not_china(self, tag):
        for text in ("Ships collided in the South China Sea.", "Des navires dans la mer de Chine méridionale."):
            assert "CN" not in tag(None, text).countries


def test_armed_group_brings_home_country(tag):
    t = tag("Houthis fire missile", "The Houthis said they fired a missile at a tanker.")
    assert "HOUTHIS" in t.orgs and "YE" in t.countries
    ev = [m for m in t.matches if m["entity"] == "country:YE"]
    assert ev and ev[0]["term"] == "Houthis"

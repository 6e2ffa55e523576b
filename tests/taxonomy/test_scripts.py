"""Script-specific matching: CJK blockers, Korean particles, Turkish suffixes,
Arabic clitics, generated inflections."""

import pytest


def countries(tag, text, **kw):
    return set(tag(None, text, **kw).countries)


class TestChineseJapanese:
    def test_blockers(self, tag):
        # Inner Mongolia, Maryland, Indian Ocean: no Mongolia, Mali or India
        assert countries(tag, "内蒙古自治区代表团访问了马里兰州，并讨论了印度洋航运。") == set()

    def test_no_word_boundaries(self, tag):
        assert countries(tag, "法国总统马克龙表示不排除向乌克兰派兵。") == {"FR", "UA"}
        assert countries(tag, "中美两国元首举行会晤。") == {"CN", "US"}

    def test_longest_wins(self, tag):
        assert countries(tag, "印度尼西亚和白俄罗斯签署协议。") == {"ID", "BY"}

    def test_katakana_runs(self, tag):
        assert countries(tag, "マリアさんは東京に住んでいる。") == {"JP"}
        assert countries(tag, "ロシア軍がウクライナに侵攻した。") == {"RU", "UA"}

    def test_japanese_abbreviations(self, tag):
        assert countries(tag, "日米首脳会談が行われた。") == {"JP", "US"}


class TestKorean:
    def test_particles(self, tag):
        assert countries(tag, "프랑스는 우크라이나에 무기를 보냈다. 미국과 영국의 입장은 다르다.") == {"FR", "UA", "US", "GB"}

    def test_no_match_inside_words(self, tag):
        # 인도적 (humanitarian) is not India
        assert countries(tag, "정부는 인도적 지원을 확대했다.") == set()
        assert countries(tag, "인도는 반대했다.") == {"IN"}


class TestTurkish:
    def test_apostrophe_suffixes(self, tag):
        assert countries(tag, "Fransa'nın Dışişleri Bakanı Rusya'dan döndü.") == {"FR", "RU"}

    def test_suffixes_without_apostrophe(self, tag):
        assert countries(tag, "Fransızlar ve Ruslar toplantıya katıldı.") == {"FR", "RU"}

    def test_not_other_words(self, tag):
        assert countries(tag, "Russell came to the meeting.") == set()


class TestArabic:
    def test_clitics(self, tag):
        assert countries(tag, "وقالت وفرنسا والصين إن بالصين وللعراق مصالح مشتركة.") == {"FR", "CN", "IQ"}

    def test_adjective_with_article(self, tag):
        assert countries(tag, "قال الرئيس الفرنسي إن الحكومة الألمانية توافق.") == {"FR", "DE"}


class TestInflection:
    @pytest.mark.parametrize("text,cc", [
        ("Президент Франции прибыл в Берлин.", "FR"),
        ("Переговоры с Украиной продолжатся.", "UA"),
        ("Делегация прибыла из Соединённых Штатов.", "US"),
        ("Україні допомагають партнери.", "UA"),
        ("У Києві заявили про нову атаку.", "UA"),
        ("Russlands Präsident sprach in Moskau.", "RU"),
        ("Die Haltung Frankreichs ist klar.", "FR"),
        ("W Polsce odbyły się wybory.", "PL"),
        ("Delegacja Francji przyjechała.", "FR"),
        ("Французские военные прибыли.", "FR"),
    ])
    def test_forms(self, tag, text, cc):
        assert cc in countries(tag, text)

    def test_surnames_inflected(self, tag):
        t = tag(None, "Встреча Макрона и Зеленского прошла в Париже.", date="2024-06-01")
        assert {"emmanuel-macron", "volodymyr-zelensky"} <= set(t.people)


def test_offsets_point_into_original_text(tag):
    text = "Le président français s’est rendu à Kyiv ; l’Ukraine l’a remercié."
    t = tag("Visite", text)
    for m in t.matches:
        if m["field"] == "text":
            assert text[m["start"]:m["end"]] == m["term"]
    assert {"FR", "UA"} <= set(t.countries)

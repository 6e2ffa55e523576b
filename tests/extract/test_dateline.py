"""Datelines of at least 8 agencies in at least 5 languages; stored as fields, removed from text."""

from __future__ import annotations

import pytest
from extract_fixtures import EN_PARAS, make_page

from wirewatch.extract import clean_document
from wirewatch.extract.dateline import parse_dateline, strip_dateline

CASES = [
    # text, place, date, agency     (language of the dateline in the comment)
    ("PARIS, Feb 28 (Reuters) - French officials said", "PARIS", "Feb 28", "Reuters"),  # en
    ("LONDON/PARIS, Feb 28 (Reuters) - Officials", "LONDON/PARIS", "Feb 28", "Reuters"),  # en
    ("Zürich, 15. Nov (Reuters) - Die Notenbank", "Zürich", "15. Nov", "Reuters"),  # de
    ("BEIJING, March 1 (Xinhua) -- China said", "BEIJING", "March 1", "Xinhua"),  # en
    ("新华社北京11月18日电（记者 陈明）记者18日获悉", "北京", "11月18日", "Xinhua"),  # zh
    ("中新网11月15日电 进入秋冬季节", None, "11月15日", "China News Service"),  # zh
    ("МОСКВА, 28 фев - РИА Новости. Президент заявил", "МОСКВА", "28 фев", "RIA Novosti"),  # ru
    ("МОСКВА, 28 фев — РИА Новости, Иван Петров. Текст", "МОСКВА", "28 фев", "RIA Novosti"),  # ru
    ("МОСКВА, 28 февраля. /ТАСС/. Россия", "МОСКВА", "28 февраля", "TASS"),  # ru
    ("MOSCOW, February 28. /TASS/. Russia", "MOSCOW", "February 28", "TASS"),  # en
    ("MADRID, 18 nov (EFE).- El Gobierno", "MADRID", "18 nov", "EFE"),  # es
    ("BOGOTÁ, 18 nov (EFE).- Los Gobiernos", "BOGOTÁ", "18 nov", "EFE"),  # es
    ("MADRID, 17 (EUROPA PRESS) - El Consejo", "MADRID", "17", "Europa Press"),  # es
    ("ROMA, 18 nov - (ANSA) - La Protezione civile", "ROMA", "18 nov", "ANSA"),  # it
    ("(ANSA) - ROMA, 17 NOV - Il Consiglio", "ROMA", "17 NOV", "ANSA"),  # it
    ("Berlin (dpa) - Die Bundesregierung", "Berlin", None, "dpa"),  # de
    ("Hamburg (dpa/lno) - Der Hafen", "Hamburg", None, "dpa"),  # de
    ("PARIS, 18 novembre 2026 (AFP) - Le gouvernement", "PARIS", "18 novembre 2026", "AFP"),  # fr
    ("Bruxelles (AFP) - Les partis", "Bruxelles", None, "AFP"),  # fr
    ("NEW YORK (Nations unies), 13 nov 2026 (AFP) - Le Conseil", "NEW YORK", "13 nov 2026", "AFP"),  # fr
    ("WASHINGTON (AP) — The Senate", "WASHINGTON", None, "AP"),  # en
    ("SANTIAGO, Chile (AP) — A magnitude", "SANTIAGO, Chile", None, "AP"),  # en
    ("TOKYO, Nov. 15 (Kyodo) -- Japan's cabinet", "TOKYO", "Nov. 15", "Kyodo"),  # en
    ("【東京共同】政府は18日", "東京", None, "Kyodo"),  # ja
    ("SEOUL, Nov. 13 (Yonhap) -- South Korea", "SEOUL", "Nov. 13", "Yonhap"),  # en
    ("(서울=연합뉴스) 김철수 기자 = 정부가", "서울", None, "Yonhap"),  # ko
    ("ANKARA (AA) - Turkey and Iraq", "ANKARA", None, "Anadolu"),  # en/tr
    ("TRABZON (AA) - Karadeniz'de hamsi", "TRABZON", None, "Anadolu"),  # tr
    ("Lisboa, 18 nov 2026 (Lusa) - O Governo", "Lisboa", "18 nov 2026", "Lusa"),  # pt
    ("NEW DELHI, Nov 18 (PTI) - The government", "NEW DELHI", "Nov 18", "PTI"),  # en
    ("GENÈVE, 15 nov 2026 (ATS) - Les électeurs", "GENÈVE", "15 nov 2026", "ATS"),  # fr
]


@pytest.mark.parametrize("text, place, date, agency", CASES)
def test_dateline_formats(text, place, date, agency):
    dl = parse_dateline(text)
    assert dl is not None, text
    assert (dl.place, dl.date, dl.agency) == (place, date, agency)


def test_coverage_of_agencies_and_languages():
    agencies = {c[3] for c in CASES}
    assert len(agencies) >= 8
    assert {
        "Reuters",
        "AP",
        "AFP",
        "Xinhua",
        "TASS",
        "RIA Novosti",
        "EFE",
        "ANSA",
        "dpa",
        "Kyodo",
        "Yonhap",
        "Anadolu",
    } <= agencies


@pytest.mark.parametrize(
    "text",
    [
        "The president said on Monday (Reuters) - no, this is not a dateline.",
        "Officials met in Paris on Feb 28 to discuss the plan.",
        "In 2026, exports rose (AFP data) - a record.",
        "",
        "PARIS",
    ],
)
def test_no_false_datelines(text):
    assert parse_dateline(text) is None


def test_strip_dateline_keeps_the_story():
    paras, dl = strip_dateline(["PARIS, Feb 28 (Reuters) - French officials said on Monday.", "Second paragraph."])
    assert paras == ["French officials said on Monday.", "Second paragraph."]
    assert dl.agency == "Reuters"
    # a dateline on its own line disappears entirely
    paras, dl = strip_dateline(["【東京共同】", "政府は18日、支援策を決定した。"])
    assert paras == ["政府は18日、支援策を決定した。"] and dl.place == "東京"


def test_dateline_is_a_field_not_text():
    paras = ["BEIJING, March 1 (Xinhua) -- " + EN_PARAS[0]] + EN_PARAS[1:]
    doc = clean_document(make_page(paras).encode(), "https://wire.example/world/harbour-2026-03-01/")
    assert doc.ok
    assert (doc.dateline_place, doc.dateline_date, doc.dateline_agency) == ("BEIJING", "March 1", "Xinhua")
    assert "(Xinhua)" not in doc.text and doc.text.startswith("The harbour authority")
    assert doc.fields()["dateline_agency"] == "Xinhua"

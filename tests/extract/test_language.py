"""Language detection: seeded, bounded, normalised, falling back to the declaration."""

from __future__ import annotations

import time

import pytest
from extract_fixtures import EN_PARAS, FR_PARAS, RU_PARAS, ZH_PARAS

from wirewatch.extract import detect_language, normalise_code
from wirewatch.extract.language import SLICE_CHARS

DE = "Die Bundesregierung hat sich auf ein neues Förderprogramm für den Ausbau von Wärmenetzen in Städten und Gemeinden geeinigt, wie das Ministerium am Mittwoch mitteilte."
ES = "El Gobierno aprobó este martes un plan para modernizar los regadíos y reducir el consumo de agua en la agricultura, que absorbe buena parte de los recursos del país."
JA = "政府は18日、人口減少が進む離島の物流を支えるため、貨物船の運航費用を補助する新たな支援策を決定した。燃料費の高騰で運賃が上がっている。"
KO = "정부가 농촌 지역의 방치된 빈집을 정비하는 사업을 내년부터 크게 확대하기로 했다. 정비된 빈집은 귀농인을 위한 임시 주택으로 활용될 예정이다."


@pytest.mark.parametrize(
    "text, code",
    [
        (" ".join(EN_PARAS), "en"),
        (" ".join(FR_PARAS), "fr"),
        (" ".join(RU_PARAS), "ru"),
        (DE, "de"),
        (ES, "es"),
        (" ".join(ZH_PARAS), "zh"),
        (JA, "ja"),
        (KO, "ko"),
    ],
)
def test_detects_languages(text, code):
    g = detect_language(text)
    assert g.code == code
    assert g.method == "langdetect"
    assert 0.5 < g.confidence <= 1.0


def test_chinese_variants_normalised_to_zh():
    g = detect_language("中華民國政府今天宣布，將在明年擴大對離島居民的交通補助，並改善港口設施。")
    assert g.code == "zh"


@pytest.mark.parametrize(
    "raw, code",
    [
        ("zh-CN", "zh"),
        ("zh-tw", "zh"),
        ("zh_Hant", "zh"),
        ("en-US", "en"),
        ("en_GB", "en"),
        ("pt-BR", "pt"),
        ("iw", "he"),
        ("rus", "ru"),
        ("nb", "no"),
        ("FR", "fr"),
        ("und", None),
        ("", None),
        (None, None),
        ("x1", None),
    ],
)
def test_normalise_code(raw, code):
    assert normalise_code(raw) == code


def test_short_text_falls_back_to_declared():
    g = detect_language("OK", declared="ru-RU")
    assert (g.code, g.method) == ("ru", "declared")
    g = detect_language("", declared="zh-TW")
    assert (g.code, g.method) == ("zh", "declared")
    g = detect_language("12:30", declared=None)
    assert (g.code, g.method, g.confidence) == (None, "none", 0.0)


def test_deterministic():
    text = "Hotel Roma, via Milano, pizza e cappuccino con amici a Paris."
    results = [detect_language(text) for _ in range(10)]
    assert len({(r.code, r.confidence) for r in results}) == 1


def test_bounded_slice():
    # only the first ~SLICE_CHARS characters count: a long French tail does not flip an English head
    english = (" ".join(EN_PARAS) + " ") * 4
    assert len(english) >= SLICE_CHARS
    text = english + " ".join(FR_PARAS) * 400
    t0 = time.process_time()
    g = detect_language(text)
    assert g.code == "en"
    assert time.process_time() - t0 < 0.5

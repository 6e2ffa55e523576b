"""Bad input never raises: broken HTML, wrong/missing charsets, empty, huge, binary."""

from __future__ import annotations

import gzip
import time

import pytest
from extract_fixtures import EN_PARAS, FR_PARAS, RU_PARAS, ZH_PARAS, make_page

from wirewatch.extract import clean_document
from wirewatch.extract.decode import decode_body

URL = "https://wire.example/world/story-2026-11-18/"

JA_PARAS = [
    "政府は十八日、人口減少が進む離島の物流を支えるため、貨物船の運航費用を補助する新たな支援策を決定した。",
    "燃料費の高騰で運賃が上がり、離島の住民の生活費が増えていることに対応する。補助の対象は全国の約百の航路となる。",
    "地元の自治体からは、医療品や食料品の安定供給につながると歓迎する声が上がっている。",
]


def test_broken_html_is_cleaned():
    page = (
        "<html><head><title>Broken page</title><body><div><p>"
        + EN_PARAS[0]
        + "<p>"
        + EN_PARAS[1]
        + "<div><span>"
        + EN_PARAS[2]
        + "</b></i></table><p>"
        + EN_PARAS[3]
        + "<!-- unterminated comment"
    )
    doc = clean_document(page.encode(), URL)
    assert doc.ok, doc.detail
    assert "harbour authority" in doc.text and "pylons" in doc.text


def test_unclosed_title_swallowing_the_page_never_raises():
    page = "<html><head><title>Broken page<body><p>" + "<p>".join(EN_PARAS)
    doc = clean_document(page.encode(), URL)
    assert doc.title is None or len(doc.title) <= 300
    assert doc.ok or doc.reason


def test_fragment_without_html_element():
    doc = clean_document(("<p>" + "</p><p>".join(EN_PARAS) + "</p>").encode(), URL)
    assert doc.ok and doc.text.count("\n") >= 2


def test_cp1251_without_charset():
    raw = make_page(RU_PARAS, lang="ru", title="Новый мост", charset=None).encode("cp1251")
    doc = clean_document(raw, URL)
    assert doc.ok, doc.detail
    assert doc.encoding == "cp1251"
    assert "строительства нового моста" in doc.text
    assert doc.language == "ru"


def test_cp1251_mislabelled_as_latin1():
    raw = make_page(RU_PARAS, lang="ru", title="Новый мост", charset="iso-8859-1").encode("cp1251")
    doc = clean_document(raw, URL)
    assert doc.ok and "строительства нового моста" in doc.text


def test_gb18030_declared_gb2312():
    # 䶮 exists in GB18030 only (four-byte sequence): strict gb2312 decoding would fail
    paras = [ZH_PARAS[0] + "䶮", *ZH_PARAS[1:]]
    raw = make_page(paras, lang="zh", title="新跨江大桥", charset="gb2312").encode("gb18030")
    doc = clean_document(raw, URL)
    assert doc.ok, doc.detail
    assert doc.encoding == "gb18030"
    assert "䶮" in doc.text and "跨江大桥" in doc.text


def test_gb18030_without_charset():
    raw = make_page(ZH_PARAS, lang="zh", title="新跨江大桥", charset=None).encode("gb18030")
    doc = clean_document(raw, URL)
    assert doc.ok and "跨江大桥" in doc.text


def test_shift_jis_without_charset():
    raw = make_page(JA_PARAS, lang="ja", title="離島の物流支援", charset=None).encode("shift_jis")
    doc = clean_document(raw, URL)
    assert doc.ok, doc.detail
    assert "離島の物流" in doc.text and doc.language == "ja"


def test_latin1_declared_as_utf8():
    raw = make_page(FR_PARAS, lang="fr", title="Rénovation des lycées", charset="utf-8").encode("latin-1")
    doc = clean_document(raw, URL, headers_encoding="utf-8")
    assert doc.ok, doc.detail
    assert "régional a adopté" in doc.text
    assert "\ufffd" not in doc.text


def test_header_charset_from_content_type():
    raw = make_page(RU_PARAS, lang="ru", title="Новый мост", charset=None).encode("koi8-r")
    doc = clean_document(raw, URL, content_type="text/html; charset=KOI8-R")
    assert doc.ok and "строительства нового моста" in doc.text


def test_utf16_with_bom():
    raw = make_page(EN_PARAS, charset=None).encode("utf-16")
    doc = clean_document(raw, URL)
    assert doc.ok and "harbour authority" in doc.text


@pytest.mark.parametrize("body", [b"", b"   \n\t  ", "", "   "])
def test_empty(body):
    doc = clean_document(body, URL)
    assert (doc.ok, doc.reason) == (False, "empty")


def test_none_body():
    doc = clean_document(None, URL)  # type: ignore[arg-type]
    assert doc.reason == "empty"


def test_empty_html_shell():
    doc = clean_document(b"<html><head><title>x</title></head><body></body></html>", URL)
    assert not doc.ok and doc.reason in ("no_text", "too_short")


@pytest.mark.parametrize(
    "body, what",
    [
        (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40, "PNG"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n" * 50, "PDF"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF" + b"\x00\x01" * 3000, "JPEG"),
        (b"PK\x03\x04" + b"\x00" * 4000, "ZIP"),
        (bytes((i * 7919) % 256 for i in range(20000)), "binary"),
    ],
)
def test_binary_served_as_html(body, what):
    doc = clean_document(body, URL, content_type="text/html")
    assert (doc.ok, doc.reason) == (False, "binary")
    assert what.lower() in doc.detail.lower()


def test_non_html_content_type():
    doc = clean_document(b"\x00\x01garbage", URL, content_type="image/jpeg")
    assert doc.reason == "binary"


def test_gzipped_html_without_content_encoding():
    raw = gzip.compress(make_page(EN_PARAS).encode())
    doc = clean_document(raw, URL)
    assert doc.ok and "harbour authority" in doc.text


def test_20mb_page_of_scripts_is_bounded_and_cleaned():
    junk = "<script>var x = '" + "a" * 1_000_000 + "';</script>\n"
    page = make_page(EN_PARAS, head=junk * 10, after='<img src="data:image/png;base64,' + "QUJD" * 2_500_000 + '">')
    raw = page.encode()
    assert len(raw) > 20_000_000
    t0 = time.process_time()
    doc = clean_document(raw, URL)
    assert time.process_time() - t0 < 10
    assert doc.ok, doc.detail
    assert "harbour authority" in doc.text


def test_20mb_page_of_markup_is_too_large():
    page = make_page(EN_PARAS, after="<div><span>cell</span></div>\n" * 700_000)
    raw = page.encode()
    assert len(raw) > 20_000_000
    t0 = time.process_time()
    doc = clean_document(raw, URL)
    assert time.process_time() - t0 < 10
    assert (doc.ok, doc.reason) == (False, "too_large")
    assert "bytes" in doc.detail


def test_str_input_and_bytearray():
    page = make_page(EN_PARAS)
    assert clean_document(page, URL).ok
    assert clean_document(bytearray(page.encode()), URL).ok


def test_undecodable_garbage_never_raises():
    raw = b"<html><body><p>" + bytes(range(128, 256)) * 200 + b"</p></body></html>"
    doc = clean_document(raw, URL)
    assert doc.ok is False and doc.reason


def test_decode_body_prefers_valid_utf8_over_wrong_declaration():
    raw = make_page(RU_PARAS, lang="ru", charset="windows-1251").encode("utf-8")
    assert decode_body(raw, headers_encoding="windows-1251").encoding == "utf-8"


def test_internal_failure_becomes_reason(monkeypatch):
    import wirewatch.extract.core as core

    def boom(*a, **k):
        raise RuntimeError("synthetic failure")

    monkeypatch.setattr(core, "scan", boom)
    doc = clean_document(make_page(EN_PARAS).encode(), URL)
    assert (doc.ok, doc.reason) == (False, "error") and "synthetic failure" in doc.detail

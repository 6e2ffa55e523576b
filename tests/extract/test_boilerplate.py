"""Every boilerplate family, driven by the YAML rules, in several languages."""

from __future__ import annotations

import pytest
from extract_fixtures import EN_PARAS, FR_PARAS, RU_PARAS, ZH_PARAS, make_page

from wirewatch.extract import clean_document
from wirewatch.extract.boilerplate import RuleBook, RulesError, clean_paragraphs, rulebook

BODY = "The committee met for three hours on Monday and agreed to publish its findings before the end of the month, officials said."


def clean(lines, langs=("en",), **kw):
    kept, removed = clean_paragraphs(list(lines), rulebook().ruleset(tuple(langs)), **kw)
    return kept, [fam for fam, _ in removed]


@pytest.mark.parametrize(
    "line, family, langs",
    [
        # photo/video captions
        ("Data map: French President Emmanuel Macron.", "caption", ("en",)),
        ("File photo", "caption", ("en",)),
        ("File photo: A view of the central bank building.", "caption", ("en",)),
        ("Photo taken on March 1, 2026 shows a cargo ship at the port of Qingdao.", "caption", ("en",)),
        ("Photo d'illustration", "caption", ("fr",)),
        ("Symbolbild", "caption", ("de",)),
        ("Foto d'archivio", "caption", ("it",)),
        ("Imagen de archivo de un embalse en Andalucía.", "caption", ("es",)),
        ("Архивное фото", "caption", ("ru",)),
        ("资料图：人工智能展会现场。中新社记者 张伟 摄", "caption", ("zh",)),
        ("离岛货运码头（11月15日摄）。新华社发 王明 摄", "caption", ("zh",)),
        ("離島に向かう貨物船＝鹿児島港（共同）", "caption", ("ja",)),
        ("농촌 마을의 빈집 [연합뉴스 자료사진]", "caption", ("ko",)),
        # credits (agency photo credits are language-free: common.yaml)
        ("Photo by China News Service reporter Liao Pan", "credit", ("en",)),
        ("A worker checks solar panels in Hefei, east China, Nov. 16, 2026. (Xinhua/Zhou Mu)", "credit", ()),
        ("Residents stand outside their homes. (AP Photo/Esteban Rojas)", "credit", ()),
        ("Vista de un paso fronterizo en Ipiales, Colombia. EFE/Mauricio Dueñas", "credit", ()),
        ("Arbeiter verlegen Leitungen in Leipzig. Foto: Jan Woitas/dpa", "credit", ("de",)),
        ("Фото: РИА Новости / Евгений Одиноков", "caption", ("ru",)),
        # bylines repeated in the body
        ("By Jane Doe and John Roe", "byline", ("en",)),
        ("Par Awa Ndiaye", "byline", ("fr",)),
        ("Von Jonas Brandt, Berlin", "byline", ("de",)),
        ("Por Ana Gutiérrez", "byline", ("es",)),
        # reporting/editing trailers
        ("(Reporting by Marta Keller; Additional reporting by Omar Haddad; Editing by Peter Lang)", "trailer", ("en",)),
        ("Writing by Sam Hill; editing by Ann Lee", "trailer", ("en",)),
        ("(This story has been refiled to fix a typo in paragraph 3)", "trailer", ("en",)),
        ("(avec AFP)", "trailer", ("fr",)),
        ("【编辑：王丽】", "trailer", ("zh",)),
        ("Редактор: Иван Петров", "trailer", ("ru",)),
        # copyright
        ("© 2026 Example Wire. All rights reserved.", "copyright", ("en",)),
        ("RIPRODUZIONE RISERVATA © Copyright ANSA", "copyright", ("it",)),
        ("版权所有 © 2026 新闻网 未经授权禁止转载", "copyright", ("zh",)),
        ("<저작권자(c) 연합뉴스, 무단 전재-재배포 금지>", "copyright", ("ko",)),
        # read more / see also lines
        ("READ MORE: Allies distance themselves from the plan", "read_more", ("en",)),
        ("Lire aussi : Grève nationale, les transports perturbés", "read_more", ("fr",)),
        ("Lesen Sie auch: Inflation sinkt auf 2,1 Prozent", "read_more", ("de",)),
        ("Lea también: La sequía deja los embalses al 22 %", "read_more", ("es",)),
        ("Leggi anche: Spopolamento, un comune su tre perde abitanti", "read_more", ("it",)),
        ("Читайте также: ЦБ сохранил ключевую ставку", "read_more", ("ru",)),
        ("相关阅读：人工智能产业规模持续扩大", "read_more", ("zh",)),
        # social share prompts
        ("Share this article", "share", ("en",)),
        ("Facebook Twitter WhatsApp Email", "share", ()),
        ("Follow us on Telegram for the latest updates", "share", ("en",)),
        ("Подписывайтесь на наш канал в Telegram", "share", ("ru",)),
        ("分享到：", "share", ("zh",)),
        # paywall prompts
        ("Subscribe to continue reading this article.", "paywall", ("en",)),
        ("Cet article est réservé aux abonnés.", "paywall", ("fr",)),
        # agency slugs and end markers
        ("(END)", "slug", ()),
        ("/КОНЕЦ/", "slug", ()),
        ("（完）", "slug", ()),
        ("==Kyodo", "slug", ()),
        ("(Xinhua)", "slug", ()),
        ("jlr/mcm/psh", "signature", ()),
        ("dpa sat yydd n1 ans", "signature", ()),
        # stamps, bare URLs
        ("2026-11-16", "timestamp", ()),
        ("Updated: Nov 16, 2026 10:42 GMT", "timestamp", ()),
        ("https://example.com/some/page", "web_noise", ()),
    ],
)
def test_each_family_drops_its_lines(line, family, langs):
    kept, fams = clean([BODY, line, BODY + " Again."], langs)
    assert line not in kept
    if family in ("caption", "credit"):  # a caption with a credit may be caught as either
        assert {"caption", "credit"} & set(fams), fams
    else:
        assert family in fams, fams
    assert kept[0] == BODY


def test_prose_is_kept():
    prose = [
        BODY,
        "Photographers gathered outside the court, where the judge read the verdict to a packed room.",
        "By the end of the day, the share price had recovered most of its losses.",
        "The copyright dispute between the two studios is expected to last until next year.",
        "Read more carefully, the statement suggests the ministry is preparing a second package.",
    ]
    kept, fams = clean(prose, ("en",))
    assert kept == prose, fams


def test_inline_trailer_is_cut_from_the_last_paragraph():
    last = "Officials said a final figure would be known in December. (Reporting by Ann Lee; Editing by Tom Ray)"
    kept, fams = clean([BODY, last], ("en",))
    assert kept[-1] == "Officials said a final figure would be known in December."
    assert "trailer" in fams


def test_related_block_removes_heading_and_links():
    lines = [
        BODY,
        "Related stories",
        "Allies distance themselves from plan",
        "Markets slip as talks stall",
        BODY + " More.",
    ]
    kept, fams = clean(lines, ("en",))
    assert kept == [BODY, BODY + " More."]
    assert fams.count("related") == 3


def test_copyright_tail_cuts_footer_but_not_article():
    lines = [BODY, BODY + " A.", "© 2026 Test Wire", "About us", "Contact"]
    kept, _ = clean(lines, ("en",))
    assert kept == [BODY, BODY + " A."]
    # a copyright line with article paragraphs after it only drops itself
    lines = [BODY, "Tous droits de reproduction réservés.", FR_PARAS[0], FR_PARAS[1]]
    kept, _ = clean(lines, ("fr",))
    assert kept == [BODY, FR_PARAS[0], FR_PARAS[1]]


def test_title_repeat_and_author_byline_from_metadata():
    kept, fams = clean(
        ["Harbour to reopen", "Jane Doe", BODY], ("en",), title="Harbour to reopen", authors=["Jane Doe"]
    )
    assert kept == [BODY]
    assert fams == ["title_repeat", "byline"]


def test_section_kicker_and_headline_before_the_story_are_dropped():
    kept, fams = clean(["Economía", "Argentina renegocia su programa", BODY], ("es",), title="Argentina renegocia su programa")
    assert kept == [BODY]
    assert fams == ["kicker", "title_repeat"]
    # A real sentence before the headline is story text, not a kicker: nothing is dropped.
    lead = "The minister spoke on Monday."
    kept, fams = clean([lead, "Harbour to reopen", BODY], ("en",), title="Harbour to reopen")
    assert kept[0] == lead and "title_repeat" not in fams


def test_wire_page_end_to_end_removes_every_family():
    before = (
        "<p>By Jane Doe</p>"
        "<p>Data map: The old rail bridge over the northern channel.</p>"
        "<p>Photo by Test Wire reporter Li Ming</p>"
    )
    after = (
        "<p>READ MORE: Port traffic hits record in October</p>"
        "<p>(Reporting by Jane Doe; Editing by Tom Ray)</p>"
        "<p>Share this article</p>"
        "<p>© 2026 Test Wire. All rights reserved.</p>"
    )
    paras = ["HAMBURG, Nov 18 (Reuters) - " + EN_PARAS[0]] + EN_PARAS[1:]
    page = make_page(paras, before=before, after=after, head='<meta name="author" content="Jane Doe">')
    doc = clean_document(page.encode(), "https://wire.example/world/harbour-channel-reopen-2026/")
    assert doc.ok, doc.detail
    assert doc.text.split("\n") == EN_PARAS
    fams = {f for f, _ in doc.removed}
    assert {"byline", "caption", "credit", "read_more", "trailer", "share", "copyright", "dateline"} <= fams


def test_other_languages_end_to_end():
    for paras, lang, extra in (
        (FR_PARAS, "fr", "<p>Lire aussi : Les lycées de la région en chiffres</p><p>(avec AFP)</p>"),
        (
            RU_PARAS,
            "ru",
            "<p>Читайте также: Новый мост откроют в декабре</p><p>Подписывайтесь на наш канал в Telegram</p>",
        ),
        (ZH_PARAS, "zh", "<p>相关阅读：新大桥建设进展顺利</p><p>【编辑：王丽】</p>"),
    ):
        page = make_page(paras, lang=lang, title=paras[0][:30], after=extra)
        doc = clean_document(page.encode(), f"https://wire.example/{lang}/story-2026-11-18/")
        assert doc.ok, (lang, doc.reason, doc.detail)
        assert doc.text.split("\n") == paras, lang


def test_per_source_rules_with_validity(tmp_path):
    (tmp_path / "en.yaml").write_text(
        """
language: en
families:
  share:
    line: ['^Share this article$']
sources:
  harbour-gazette:
    valid_until: 2030-12-31
    families:
      house_promo:
        line: ['^Harbour Gazette Plus subscribers get']
  old-site:
    valid_until: 2001-01-01
    families:
      ancient:
        line: ['^Ancient promo']
""",
        encoding="utf-8",
    )
    book = RuleBook(tmp_path)
    promo = "Harbour Gazette Plus subscribers get the morning briefing first."
    kept, removed = clean_paragraphs([BODY, promo], book.ruleset(("en",), "harbour-gazette"))
    assert kept == [BODY] and removed[0][0] == "house_promo"
    # the same line is article text for every other source
    kept, _ = clean_paragraphs([BODY, promo], book.ruleset(("en",), "another-source"))
    assert kept == [BODY, promo]
    # expired per-source rules no longer apply
    kept, _ = clean_paragraphs([BODY, "Ancient promo here"], book.ruleset(("en",), "old-site"))
    assert kept == [BODY, "Ancient promo here"]


def test_bad_rules_file_is_rejected(tmp_path):
    (tmp_path / "xx.yaml").write_text("families:\n  broken:\n    line: ['(unclosed']\n", encoding="utf-8")
    with pytest.raises(RulesError):
        RuleBook(tmp_path)
    (tmp_path / "xx.yaml").write_text("families:\n  typo:\n    lines: ['x']\n", encoding="utf-8")
    with pytest.raises(RulesError):
        RuleBook(tmp_path)


def test_shipped_rules_compile_for_every_language():
    book = RuleBook()
    assert {"common", "en", "fr", "de", "es", "it", "ru", "zh", "ja", "ko", "tr", "pt"} <= set(book.languages)
    for lang in book.languages:
        assert book.ruleset((lang,)).families


def test_runtime_source_rules_prune_xpath_and_families():
    from wirewatch.extract import add_source_rules

    add_source_rules(
        "test-harbour-gazette-runtime",
        {"prune_xpath": ["//div[@class='house-promo']"], "families": {"promo": {"line": ["^Gazette Plus:"]}}},
    )
    extra = '<div class="house-promo"><p>Try our crossword: ten new puzzles every single morning for our readers.</p></div>'
    page = make_page(EN_PARAS, after=extra + "<p>Gazette Plus: read the full archive.</p>")
    url = "https://gazette.example/news/harbour-2026/"
    plain = clean_document(page.encode(), url)
    ruled = clean_document(page.encode(), url, source_rules="test-harbour-gazette-runtime")
    assert "crossword" in plain.text and "Gazette Plus" in plain.text
    assert ruled.text.split("\n") == EN_PARAS

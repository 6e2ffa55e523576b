"""Source model behaviour: article URL recognition per agency, validation helpers."""

from __future__ import annotations

from datetime import date

import pytest
from pydantic import ValidationError

from wirewatch.sources import Discovery, Source, load_catalogue


@pytest.fixture(scope="module")
def cat():
    c = load_catalogue(env={})
    assert c.errors == []
    return c


# (source id, URL, expected) - positives are real article URLs seen in stored pages, crawler
# fixtures or public citations; negatives are section, tag, video and gallery pages.
CASES = [
    ("reuters", "https://www.reuters.com/world/middle-east/israeli-tank-likely-scenario-fired-machine-gun-reporters-after-deadly-shelling-2024-03-07/", True),
    ("reuters", "https://www.reuters.com/sports/basketball/hot-shooting-suns-wear-down-raptors-2024-03-08/", True),
    ("reuters", "https://www.reuters.com/world/", False),
    ("reuters", "https://www.reuters.com/video/watch/idRW123456789-2024-03-08/", False),
    ("reuters", "https://www.reuters.com/fr/some-story-2024-03-08/", False),
    ("ap", "https://apnews.com/article/trump-harris-presidential-election-2024-labor-day-151f82b59473d29a448ef1cea9afe471", True),
    ("ap", "https://apnews.com/hub/russia-ukraine", False),
    ("ap", "https://apnews.com/video/some-clip-0123456789abcdef0123456789abcdef", False),
    ("ap", "https://apnews.com/live/election-updates", False),
    ("afp", "https://factcheck.afp.com/doc.afp.com.33ZZ9YQ", True),
    ("afp", "https://faktencheck.afp.com/das-team", False),
    ("xinhua", "https://english.news.cn/20251212/00b310c1e30e40869389a38783d506b8/c.html", True),
    ("xinhua", "http://www.xinhuanet.com/english/2019-05/01/c_138024568.htm", True),
    ("xinhua", "https://english.news.cn/20250326/ec8f3240bfe944e681ecfe379b2b6401/bfa743ba42cc4c71abe40ed259a8eb90.jpg", False),
    ("xinhua", "https://english.news.cn/video/index.htm", False),
    ("chinanews", "https://www.chinanews.com.cn/gn/2024/05-01/10210000.shtml", True),
    ("chinanews", "https://www.chinanews.com.cn/tp/2024/05-01/10210001.shtml", False),
    ("tass", "https://tass.com/society/1836711", True),
    ("tass", "https://tass.ru/politika/20712345", True),
    ("tass", "https://tass.com/politics", False),
    ("tass", "https://tass.ru/novosti-partnerov/20712346", False),
    ("ria", "https://ria.ru/20240501/ukraina-1943000000.html", True),
    ("ria", "https://ria.ru/location_Moskva/", False),
    ("interfax", "https://www.interfax.ru/world/958000", True),
    ("interfax", "https://www.interfax.ru/photo/12345", False),
    ("anadolu", "https://www.aa.com.tr/tr/gundem/vekalet-yoluyla-kurban-kesim-bedelleri-belirlendi/3912126", True),
    ("anadolu", "http://aa.com.tr/en/turkey/diary/564387", False),  # host must be www.aa.com.tr for the pattern
    ("anadolu", "https://www.aa.com.tr/en/turkey/diary/564387", True),
    ("anadolu", "https://www.aa.com.tr/tr/foto-galeri/gundem/3912127", False),
    ("kyodo", "https://english.kyodonews.net/articles/-/83534", True),
    ("kyodo", "https://english.kyodonews.net/news/2023/05/8e2f1c0a1f3d-japan-pm-to-visit.html", True),
    ("kyodo", "https://english.kyodonews.net/tags/politics", False),
    ("yonhap", "https://en.yna.co.kr/view/AEN20190807008300320", True),
    ("yonhap", "https://www.yna.co.kr/view/AKR20240501000100001", True),
    ("yonhap", "https://en.yna.co.kr/view/PYH20240501000100013", False),
    ("efe", "https://efe.com/mundo/2024-05-01/cumbre-otan-ucrania/", True),
    ("efe", "https://efe.com/videos/2024-05-01/cumbre/", False),
    ("ansa", "http://www.ansa.it/english/news/2017/10/09/battisti-toasts-freedom-after-release-in-brazil_71cd224c-5156-41c4-a6eb-c89e8833d41f.html", True),
    ("ansa", "https://www.ansa.it/sito/photogallery/primopiano/2024/05/01/foto_abc.html", False),
    ("pti", "https://www.ptinews.com/story/national/some-headline-here/1500000", True),
    ("pti", "https://www.ptinews.com/press-release/gresham-global-simplifies-south-asia-growth-for-international-universities/2330553", False),
    ("irna", "https://en.irna.ir/news/85012345/Iran-says-something", True),
    ("irna", "https://en.irna.ir/photo/85012346/Gallery", False),
    ("wam", "https://www.wam.ae/en/article/bzxzuh7-uae-announces-decision-exit-opec-opec+", True),
    ("wam", "https://www.wam.ae/en/category/economy", False),
    ("bernama", "http://www.bernama.com/en/news.php?id=2613520", True),
    ("bernama", "https://www.bernama.com/en/world/news.php?id=2613521", True),
    ("bernama", "https://www.bernama.com/en/video/index.php", False),
    ("pap", "https://www.pap.pl/aktualnosci/news%2C1762330%2Cszczyt-nato.html", True),
    ("pap", "https://www.pap.pl/en/news/news%2C1610000%2Csummit.html", True),
    ("pap", "https://www.pap.pl/galerie", False),
    ("ukrinform", "https://www.ukrinform.net/rubric-ato/3717889-hungary-has-to-stop-provocations-mfa-responds-to-video-with-map-of-ukraine-without-crimea.html", True),
    ("ukrinform", "https://www.ukrinform.net/rubric-ato", False),
    ("ctk", "https://www.ceskenoviny.cz/zpravy/2510000", True),
    ("ctk", "https://www.ceskenoviny.cz/zpravy/vlada-schvalila-rozpocet/2510001", True),
    ("ctk", "https://www.ceskenoviny.cz/tema/volby", False),
    ("mti", "https://hirado.hu/belfold/cikk/2024/05/01/a-kormany-dontott", True),
    ("mti", "https://hirado.hu/video/2024/05/01/hirado", False),
    ("prensa-latina", "https://www.plenglish.com/news/2024/05/01/cuba-celebrates-may-day/", True),
    ("prensa-latina", "https://www.prensa-latina.cu/2024/05/01/cuba-celebra-primero-de-mayo/", True),
    ("prensa-latina", "https://www.prensa-latina.cu/category/cuba/", False),
    ("lusa", "https://www.lusa.pt/national/article/43054520/governo-aprova", True),  # no pattern: domain + exclusions
    ("lusa", "https://www.lusa.pt/video/123", False),
    ("lusa", "https://www.publico.pt/2024/05/01/x", False),  # other domain
    ("agerpres", "https://www.agerpres.ro/politica/2024/05/01/guvernul-a-aprobat--1290000", True),
    ("agerpres", "https://www.agerpres.ro/foto/2024/05/01/galerie--1290001", False),
    ("agencia-brasil", "https://agenciabrasil.ebc.com.br/politica/noticia/2024-05/governo-anuncia-medidas", True),
    ("agencia-brasil", "https://agenciabrasil.ebc.com.br/foto/2024-05/galeria", False),
    ("europapress", "https://www.europapress.es/internacional/noticia-otan-reune-ministros-20240501123456.html", True),
    ("europapress", "https://www.europapress.es/videos/", False),
    ("cna", "https://focustaiwan.tw/politics/202405010005", True),
    ("cna", "https://focustaiwan.tw/politics", False),
    ("trend", "https://www.trend.az/azerbaijan/politics/3890000.html", True),
    ("trend", "https://www.trend.az/photo/123", False),
]


@pytest.mark.parametrize(("sid", "url", "expected"), CASES, ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)])
def test_is_article_url(cat, sid, url, expected):
    assert cat.get(sid).is_article_url(url) is expected


def test_every_enabled_source_has_a_positive_example(cat):
    covered = {sid for sid, _, ok in CASES if ok}
    assert [s.id for s in cat.select() if s.id not in covered] == []


def test_is_article_url_requires_allowed_domain_and_http(cat):
    tass = cat.get("tass")
    assert not tass.is_article_url("https://evil.example/society/1836711")
    assert not tass.is_article_url("ftp://tass.com/society/1836711")
    assert tass.allows_url("https://en.tass.com/x")  # subdomain
    assert not tass.allows_url("https://nottass.com/x")


def test_search_not_fullmatch():
    s = Source(
        id="s", name="S", country="FR", languages=["fr"], homepage="https://s.example/",
        allowed_domains=["s.example"], ownership="public",
        discovery=[Discovery(kind="feed", url="https://s.example/rss", origin="t")],
        article_pattern=r"/\d{4}/", exclude_patterns=["/live"],
    )
    assert s.is_article_url("https://s.example/news/2024/story")
    assert not s.is_article_url("https://s.example/news/2024/live-blog")
    assert not s.is_article_url("https://s.example/news/story")


def test_codes_are_normalised():
    s = Source(
        id="s", name="S", country="fr", languages=["FR", "fr", "En"], homepage="https://s.example/",
        allowed_domains=["S.Example."], ownership="public", enabled=False,
    )
    assert (s.country, s.languages, s.allowed_domains) == ("FR", ["fr", "en"], ["s.example"])
    assert s.is_valid_on(date(1990, 1, 1))


def test_model_rejects_unresolved_env():
    with pytest.raises(ValidationError, match="unresolved environment variable"):
        Discovery(kind="rss", url="${BASE}/rss", origin="t")


def test_patterns_follow_model_copy(cat):
    tass = cat.get("tass")
    url = "https://tass.com/society/1836711"
    assert tass.is_article_url(url)
    changed = tass.model_copy(update={"exclude_patterns": ["/society/"]})
    assert not changed.is_article_url(url) and tass.is_article_url(url)

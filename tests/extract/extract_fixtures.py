"""Helpers for the extract library tests: small original pages built in code."""

from __future__ import annotations

import html as _html

# Original texts written for these tests.
EN_PARAS = [
    "The harbour authority said on Tuesday that night-time traffic through the northern channel would resume next week, after divers finished checking the pylons of the old rail bridge for storm damage.",
    "Shipping agents had warned that the closure was adding up to two days to the schedules of container feeders, which now queue in the outer anchorage while pilots guide larger vessels through the southern route.",
    "Engineers found cracks in two of the fourteen pylons but concluded that none of them threatened the structure, a spokeswoman for the authority told reporters at the port offices.",
    "Repairs will be carried out in daylight over the winter so that traffic is not interrupted again, she said, adding that the total cost had not yet been estimated.",
]
FR_PARAS = [
    "Le conseil régional a adopté jeudi un plan de rénovation des lycées qui prévoit l'isolation de quarante établissements d'ici à la fin de la décennie, a annoncé sa présidente.",
    "Les travaux doivent réduire de moitié la consommation d'énergie des bâtiments concernés, dont certains datent des années soixante et n'ont jamais été rénovés.",
    "Les syndicats d'enseignants ont salué l'annonce tout en demandant que les chantiers soient organisés pendant les vacances scolaires.",
]
RU_PARAS = [
    "Власти области объявили в среду о начале строительства нового моста через реку, который должен соединить два района города к концу следующего года.",
    "По словам губернатора, проект позволит сократить время в пути для жителей правобережья почти вдвое и разгрузить старую переправу.",
    "Подрядчик будет выбран на открытом конкурсе, а работы начнутся весной, когда сойдет лед.",
]
ZH_PARAS = [
    "记者日前从当地交通部门获悉，连接两岸的新跨江大桥已完成主体结构施工，预计明年上半年正式通车。",
    "大桥通车后，两岸居民的通行时间将由原来的一小时缩短至十五分钟左右，有效缓解老桥的交通压力。",
    "施工单位表示，目前正在进行桥面铺装和照明设施安装等收尾工作，并将同步开展安全检测。",
]


def make_page(
    paragraphs: list[str],
    *,
    lang: str = "en",
    title: str = "Harbour channel to reopen after bridge checks",
    head: str = "",
    before: str = "",
    after: str = "",
    charset: str | None = "utf-8",
    og_type: str = "article",
    escape: bool = True,
) -> str:
    """A realistic article page: nav, cookie banner, article body, footer."""
    body = "\n".join(f"<p>{_html.escape(p) if escape else p}</p>" for p in paragraphs)
    meta_charset = f'<meta charset="{charset}">' if charset else ""
    return f"""<!DOCTYPE html>
<html lang="{lang}"><head>{meta_charset}
<title>{_html.escape(title)} | Test Wire</title>
<meta property="og:type" content="{og_type}">
<meta property="og:site_name" content="Test Wire">
{head}
</head><body>
<div class="cookie-banner"><p>We use cookies to improve your experience.</p><button>OK</button></div>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li><li><a href="/business">Business</a></li></ul></nav>
<main><article><h1>{_html.escape(title)}</h1>
{before}
{body}
{after}
</article></main>
<footer><p>About us</p><p>Contact</p></footer>
</body></html>"""

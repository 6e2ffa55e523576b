"""Render the labelled benchmark corpus from corpus/stories_*.txt.

Every story (original text written for this project) is rendered into one of
five page structures that wire content really comes in:

  wire     the agency's own article page: nav, cookie banner, figure + caption,
           byline, body, share bar, related links, footer
  portal   a syndicated copy on a news portal: captions and "read also" lines as
           plain paragraphs in the body, comments, most-read sidebar, ads
  amp      an AMP page: amp-img, amp-ad, amp-social-share, JSON-LD
  legacy   an old table layout with <br><br> paragraphs and a legacy charset
           (windows-1251, gb18030 declared gb2312, shift_jis undeclared,
           latin-1 declared as utf-8 ...)
  jsonld   a JavaScript app shell: the text only in JSON-LD articleBody

The expected text is the story's paragraphs without the dateline: no title,
byline, caption, credit, trailer, related links, share prompts or copyright.

    python benchmarks/extract/build_corpus.py     # writes corpus/pages, corpus/expected, corpus/index.json
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

HERE = Path(__file__).parent
CORPUS = HERE / "corpus"

UI = {
    "en": dict(
        home="Home",
        nav=["World", "Business", "Markets", "Sport", "Climate"],
        by="By",
        cookie="We use cookies to improve your experience. By continuing you accept our cookie policy.",
        related="Related stories",
        share=["Share", "Facebook", "Twitter", "Email"],
        copyright="© 2026 {site}. All rights reserved.",
        comments="Comments",
        most_read="Most read",
        ad="Advertisement",
        accept="Accept",
        subscribe="Sign up for our daily briefing newsletter",
        loading="Loading…",
        js="Please enable JavaScript to read this article.",
    ),
    "fr": dict(
        home="Accueil",
        nav=["Monde", "Économie", "Sport", "Culture", "Planète"],
        by="Par",
        cookie="Nous utilisons des cookies pour améliorer votre expérience. En poursuivant, vous acceptez notre politique.",
        related="Sur le même sujet",
        share=["Partager", "Facebook", "Twitter", "E-mail"],
        copyright="© 2026 {site}. Tous droits réservés.",
        comments="Commentaires",
        most_read="Les plus lus",
        ad="Publicité",
        accept="Accepter",
        subscribe="Abonnez-vous à notre newsletter quotidienne",
        loading="Chargement…",
        js="Veuillez activer JavaScript pour lire cet article.",
    ),
    "de": dict(
        home="Startseite",
        nav=["Politik", "Wirtschaft", "Panorama", "Sport", "Kultur"],
        by="Von",
        cookie="Wir verwenden Cookies, um Ihnen das beste Nutzererlebnis zu bieten. Mit der Nutzung stimmen Sie zu.",
        related="Mehr zum Thema",
        share=["Teilen", "Facebook", "Twitter", "E-Mail"],
        copyright="© 2026 {site}. Alle Rechte vorbehalten.",
        comments="Kommentare",
        most_read="Meistgelesen",
        ad="Anzeige",
        accept="Zustimmen",
        subscribe="Abonnieren Sie unseren Newsletter",
        loading="Wird geladen…",
        js="Bitte aktivieren Sie JavaScript, um diesen Artikel zu lesen.",
    ),
    "es": dict(
        home="Portada",
        nav=["Internacional", "Economía", "Deportes", "Cultura", "Ciencia"],
        by="Por",
        cookie="Utilizamos cookies para mejorar su experiencia. Al continuar navegando acepta nuestra política.",
        related="Noticias relacionadas",
        share=["Compartir", "Facebook", "Twitter", "WhatsApp"],
        copyright="© 2026 {site}. Todos los derechos reservados.",
        comments="Comentarios",
        most_read="Lo más leído",
        ad="Publicidad",
        accept="Aceptar",
        subscribe="Suscríbete a nuestro boletín diario",
        loading="Cargando…",
        js="Active JavaScript para leer este artículo.",
    ),
    "it": dict(
        home="Home",
        nav=["Politica", "Economia", "Cronaca", "Sport", "Cultura"],
        by="di",
        cookie="Utilizziamo i cookie per migliorare la tua esperienza. Continuando accetti la nostra informativa.",
        related="Articoli correlati",
        share=["Condividi", "Facebook", "Twitter", "WhatsApp"],
        copyright="© 2026 {site}. Tutti i diritti riservati.",
        comments="Commenti",
        most_read="I più letti",
        ad="Pubblicità",
        accept="Accetta",
        subscribe="Iscriviti alla nostra newsletter",
        loading="Caricamento…",
        js="Attiva JavaScript per leggere questo articolo.",
    ),
    "ru": dict(
        home="Главная",
        nav=["Политика", "Экономика", "Общество", "Спорт", "Наука"],
        by="Автор:",
        cookie="Мы используем файлы cookie, чтобы сделать сайт удобнее. Продолжая работу, вы соглашаетесь с этим.",
        related="Читайте также",
        share=["Поделиться", "ВКонтакте", "Telegram", "Одноклассники"],
        copyright="© 2026 {site}. Все права защищены.",
        comments="Комментарии",
        most_read="Самое читаемое",
        ad="Реклама",
        accept="Принять",
        subscribe="Подписывайтесь на нашу рассылку",
        loading="Загрузка…",
        js="Включите JavaScript, чтобы прочитать статью.",
    ),
    "zh": dict(
        home="首页",
        nav=["国内", "国际", "财经", "体育", "科技"],
        by="作者：",
        cookie="本网站使用Cookie以改善您的浏览体验，继续浏览即表示您同意。",
        related="相关新闻",
        share=["分享到", "微博", "微信", "QQ空间"],
        copyright="版权所有 © 2026 {site} 未经授权禁止转载",
        comments="网友评论",
        most_read="热点新闻",
        ad="广告",
        accept="同意",
        subscribe="扫码关注我们的公众号",
        loading="加载中…",
        js="请启用JavaScript以阅读本文。",
    ),
    "ja": dict(
        home="トップ",
        nav=["政治", "経済", "国際", "社会", "スポーツ"],
        by="",
        cookie="当サイトではクッキーを使用しています。閲覧を続けることで同意したものとみなします。",
        related="関連記事",
        share=["シェア", "ツイート", "ブックマーク", "印刷"],
        copyright="無断転載・複製を禁じます。© 2026 {site}",
        comments="コメント",
        most_read="アクセスランキング",
        ad="広告",
        accept="同意する",
        subscribe="ニュースレターを購読",
        loading="読み込み中…",
        js="記事を読むにはJavaScriptを有効にしてください。",
    ),
    "ko": dict(
        home="홈",
        nav=["정치", "경제", "사회", "국제", "스포츠"],
        by="",
        cookie="이 사이트는 쿠키를 사용합니다. 계속 이용하시면 동의하는 것으로 간주됩니다.",
        related="관련 기사",
        share=["공유하기", "페이스북", "트위터", "카카오톡"],
        copyright="<저작권자(c) {site}, 무단 전재-재배포 금지>",
        comments="댓글",
        most_read="많이 본 기사",
        ad="광고",
        accept="동의",
        subscribe="구독하기",
        loading="로딩 중…",
        js="기사를 읽으려면 자바스크립트를 켜 주세요.",
    ),
    "tr": dict(
        home="Ana Sayfa",
        nav=["Gündem", "Ekonomi", "Dünya", "Spor", "Kültür"],
        by="",
        cookie="Size daha iyi hizmet sunmak için çerezler kullanıyoruz. Devam ederek kabul etmiş olursunuz.",
        related="İlgili haberler",
        share=["Paylaş", "Facebook", "Twitter", "WhatsApp"],
        copyright="Tüm hakları saklıdır. © 2026 {site}",
        comments="Yorumlar",
        most_read="En çok okunanlar",
        ad="Reklam",
        accept="Kabul et",
        subscribe="Bizi sosyal medyada takip edin",
        loading="Yükleniyor…",
        js="Bu haberi okumak için JavaScript'i etkinleştirin.",
    ),
}
SITES = {
    "wire": ("Meridian Wire", "meridianwire.example"),
    "portal": ("Global Portal News", "portal-news.example"),
    "amp": ("Daily Ledger", "dailyledger.example"),
    "legacy": ("Old Courier", "oldcourier.example"),
    "jsonld": ("Newsroom App", "newsroom-app.example"),
}
COMMENTS = {
    "en": ["Finally some good news.", "I doubt this will change anything for ordinary people, to be honest."],
    "fr": ["Enfin une bonne nouvelle.", "Je doute que cela change quoi que ce soit pour les gens ordinaires."],
    "de": ["Endlich mal eine gute Nachricht.", "Ob das für normale Leute etwas ändert, bezweifle ich."],
    "es": ["Por fin una buena noticia.", "Dudo mucho que esto cambie algo para la gente común."],
    "it": ["Finalmente una buona notizia.", "Dubito che cambierà qualcosa per la gente comune."],
    "ru": ["Наконец-то хорошие новости.", "Сомневаюсь, что для обычных людей что-то изменится."],
    "zh": ["终于等到好消息了。", "希望能真正落到实处，让老百姓受益。"],
    "ja": ["良いニュースですね。", "本当に効果があるのか気になります。"],
    "ko": ["좋은 소식이네요.", "실제로 효과가 있을지 지켜봐야겠습니다."],
    "tr": ["Sonunda güzel bir haber.", "Bakalım gerçekten bir şey değişecek mi."],
}


def parse_stories() -> list[dict]:
    stories = []
    for path in sorted(CORPUS.glob("stories_*.txt")):
        for chunk in path.read_text(encoding="utf-8").split("=== ")[1:]:
            head, _, body = chunk.partition("\n---\n")
            lines = head.split("\n")
            sid, lang, structure, encoding = [x.strip() for x in lines[0].split("|")]
            st = {"id": sid, "lang": lang, "structure": structure, "encoding": encoding, "inline": []}
            for line in lines[1:]:
                if not line.strip():
                    continue
                key, _, value = line.partition(":")
                value = value[1:] if value.startswith(" ") else value
                if key == "inline":
                    st["inline"].append(value.strip())
                else:
                    st[key] = value.rstrip("\n") if key == "dateline" else value.strip()
            st["paragraphs"] = [p.strip() for p in body.strip().split("\n") if p.strip()]
            stories.append(st)
    return stories


def esc(s: str) -> str:
    return html.escape(s, quote=True)


def first_sentence(text: str) -> str:
    m = re.match(r"(.{40,}?[.。!?！？])(\s|$)", text)
    return (m.group(1) if m else text[:160]).strip()


def ld_json(st: dict, site: str, url: str, body: str | None = None) -> str:
    obj = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": st["title"],
        "datePublished": st["published"],
        "dateModified": st["published"],
        "inLanguage": st["lang"],
        "articleSection": st["section"],
        "mainEntityOfPage": url,
        "image": [f"https://{SITES[st['structure']][1]}/img/{st['id']}.jpg"],
        "publisher": {"@type": "Organization", "name": site},
    }
    if st.get("author"):
        obj["author"] = [{"@type": "Person", "name": st["author"]}]
    if body is not None:
        obj["articleBody"] = body
    return json.dumps(obj, ensure_ascii=False).replace("</", "<\\/")


def byline(st: dict) -> str:
    ui = UI[st["lang"]]
    if not st.get("author"):
        return ""
    return f"{ui['by']} {st['author']}".strip()


def head_common(
    st: dict, site: str, url: str, charset: str | None = "utf-8", with_ld: bool = True, body: str | None = None
) -> str:
    desc = first_sentence(st["paragraphs"][0])
    parts = []
    if charset:
        parts.append(f'<meta charset="{charset}">')
    parts += [
        f"<title>{esc(st['title'])} | {esc(site)}</title>",
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f'<meta name="description" content="{esc(desc)}">',
        '<meta property="og:type" content="article">',
        f'<meta property="og:title" content="{esc(st["title"])}">',
        f'<meta property="og:site_name" content="{esc(site)}">',
        f'<meta property="og:url" content="{esc(url)}">',
        f'<meta property="og:image" content="https://{SITES[st["structure"]][1]}/img/{st["id"]}.jpg">',
        f'<meta property="article:published_time" content="{st["published"]}">',
        f'<meta property="article:section" content="{esc(st["section"])}">',
        f'<link rel="canonical" href="{esc(url)}">',
    ]
    if st.get("author"):
        parts.append(f'<meta name="author" content="{esc(st["author"])}">')
    if with_ld:
        parts.append(f'<script type="application/ld+json">{ld_json(st, site, url, body)}</script>')
    parts.append(
        "<script>window.dataLayer=window.dataLayer||[];function gtag(){dataLayer.push(arguments)}gtag('js',new Date());</script>"
    )
    parts.append("<style>body{font-family:sans-serif}.cookie{position:fixed;bottom:0}.share a{margin:0 4px}</style>")
    return "\n".join(parts)


def related_titles(st: dict, stories: list[dict]) -> list[tuple[str, str]]:
    same = [s for s in stories if s["lang"] == st["lang"] and s["id"] != st["id"]][:4]
    if len(same) < 2:
        same += [s for s in stories if s["lang"] == "en" and s["id"] != st["id"]][: 3 - len(same)]
    return [(s["title"], f"/news/{s['id']}") for s in same]


def first_para(st: dict) -> str:
    return f"{st.get('dateline', '')}{st['paragraphs'][0]}"


def body_paragraphs(st: dict, tag: str = "p") -> list[str]:
    """Body paragraphs with inline captions inserted after the first paragraph."""
    out = [f"<{tag}>{esc(first_para(st))}</{tag}>"]
    rest = st["paragraphs"][1:]
    inline = list(st["inline"])
    for i, p in enumerate(rest):
        if i == 0 and inline:
            out.append(f'<{tag} class="pic-note" style="text-align:center">{esc(inline[0])}</{tag}>')
        if i == 2 and len(inline) > 1:
            out.append(f"<{tag}>{esc(inline[1])}</{tag}>")
        out.append(f"<{tag}>{esc(p)}</{tag}>")
    if len(inline) > 2:
        out.extend(f"<{tag}>{esc(x)}</{tag}>" for x in inline[2:])
    if st.get("trailer"):
        out.append(f"<{tag}>{esc(st['trailer'])}</{tag}>")
    return out


def render_wire(st, stories, url):
    site, host = SITES["wire"]
    ui = UI[st["lang"]]
    nav = "".join(f'<li><a href="/{n.lower()}">{esc(n)}</a></li>' for n in ui["nav"])
    rel = "".join(f'<li><a href="{u}">{esc(t)}</a></li>' for t, u in related_titles(st, stories))
    share = "".join(f'<a href="#" class="share-{i}">{esc(s)}</a>' for i, s in enumerate(ui["share"]))
    fig = ""
    if st.get("caption"):
        fig = f'<figure class="lead-image"><img src="/img/{st["id"]}.jpg" alt=""><figcaption>{esc(st["caption"])}</figcaption></figure>'
    by = byline(st)
    return f"""<!DOCTYPE html>
<html lang="{st['lang']}">
<head>
{head_common(st, site, url)}
</head>
<body>
<div class="cookie" id="cookie-banner"><p>{esc(ui['cookie'])}</p><button>{esc(ui['accept'])}</button></div>
<header class="site-header"><a class="logo" href="/">{esc(site)}</a><nav><ul>{nav}</ul></nav></header>
<main>
<div class="breadcrumb"><a href="/">{esc(ui['home'])}</a> › <a href="/{esc(st['section'].lower())}">{esc(st['section'])}</a></div>
<article class="story">
<h1>{esc(st['title'])}</h1>
{f'<div class="byline"><a href="/authors/x">{esc(by)}</a></div>' if by else ''}
<time datetime="{st['published']}">{st['published'][:10]}</time>
{fig}
<div class="story-body">
{chr(10).join(body_paragraphs(st))}
</div>
<div class="share">{share}</div>
<aside class="related"><h2>{esc(ui['related'])}</h2><ul>{rel}</ul></aside>
</article>
</main>
<footer><p>{esc(ui['copyright'].format(site=site))}</p><ul><li><a href="/about">About</a></li><li><a href="/contact">Contact</a></li><li><a href="/privacy">Privacy</a></li></ul></footer>
</body>
</html>
"""


def render_portal(st, stories, url):
    site, host = SITES["portal"]
    ui = UI[st["lang"]]
    nav = "".join(f'<a href="/{i}">{esc(n)}</a> | ' for i, n in enumerate(ui["nav"]))
    most = "".join(f'<li><a href="{u}">{esc(t)}</a></li>' for t, u in related_titles(st, stories))
    comments = "".join(
        f'<div class="comment"><span class="user">user{i}</span><p>{esc(c)}</p></div>'
        for i, c in enumerate(COMMENTS[st["lang"]])
    )
    img = f'<div class="img"><img src="/img/{st["id"]}.jpg" alt=""></div>'
    share = " ".join(esc(s) for s in ui["share"])
    return f"""<!DOCTYPE html>
<html lang="{st['lang']}">
<head>
{head_common(st, site, url)}
</head>
<body>
<div id="top-ad" class="ad"><span>{esc(ui['ad'])}</span></div>
<div class="topnav">{nav}</div>
<div class="wrap">
<div class="main-col">
<h1 class="title">{esc(st['title'])}</h1>
<div class="info">{st['published'][:16].replace('T', ' ')} &nbsp; {esc(site)}</div>
<div class="content" id="content">
{img}
{chr(10).join(body_paragraphs(st))}
</div>
<div class="share-bar">{share}</div>
<div class="comments"><h3>{esc(ui['comments'])}</h3>{comments}</div>
</div>
<div class="side-col"><div class="box"><h3>{esc(ui['most_read'])}</h3><ol>{most}</ol></div>
<div class="ad"><span>{esc(ui['ad'])}</span></div>
<div class="box"><p>{esc(ui['subscribe'])}</p></div></div>
</div>
<div class="footer">{esc(ui['copyright'].format(site=site))}</div>
</body>
</html>
"""


def render_amp(st, stories, url):
    site, host = SITES["amp"]
    ui = UI[st["lang"]]
    fig = ""
    if st.get("caption"):
        fig = (
            f'<figure><amp-img src="/img/{st["id"]}.jpg" width="1200" height="800" layout="responsive"></amp-img>'
            f"<figcaption>{esc(st['caption'])}</figcaption></figure>"
        )
    rel = "".join(f'<li><a href="{u}">{esc(t)}</a></li>' for t, u in related_titles(st, stories)[:3])
    by = byline(st)
    return f"""<!doctype html>
<html ⚡ lang="{st['lang']}">
<head>
{head_common(st, site, url)}
<script async src="https://cdn.ampproject.org/v0.js"></script>
<style amp-boilerplate>body{{-webkit-animation:-amp-start 8s steps(1,end) 0s 1 normal both}}</style>
<style amp-custom>.story{{max-width:700px}}</style>
</head>
<body>
<header class="amp-header"><a href="/">{esc(site)}</a></header>
<amp-sidebar id="menu" layout="nodisplay"><ul>{''.join(f'<li>{esc(n)}</li>' for n in ui['nav'])}</ul></amp-sidebar>
<article class="story">
<h1>{esc(st['title'])}</h1>
{f'<p class="byline">{esc(by)}</p>' if by else ''}
<p class="date">{st['published'][:10]}</p>
{fig}
<amp-social-share type="twitter"></amp-social-share><amp-social-share type="facebook"></amp-social-share>
<div class="story-body">
{chr(10).join(body_paragraphs(st)[:2])}
<amp-ad width="300" height="250" type="doubleclick" data-slot="/1/amp"><div placeholder>{esc(ui['ad'])}</div></amp-ad>
{chr(10).join(body_paragraphs(st)[2:])}
</div>
<section class="related"><h3>{esc(ui['related'])}</h3><ul>{rel}</ul></section>
</article>
<footer>{esc(ui['copyright'].format(site=site))}</footer>
</body>
</html>
"""


LEGACY_DECLARED = {  # what the page claims (None: no declaration at all)
    "ru-04": "windows-1251",
    "zh-04": "gb2312",
    "ja-01": None,
    "de-04": "utf-8",  # latin-1 bytes declared as UTF-8
    "en-04": "iso-8859-1",
    "fr-04": "iso-8859-1",
    "es-04": None,
    "it-04": "iso-8859-1",
}


def render_legacy(st, stories, url):
    site, host = SITES["legacy"]
    ui = UI[st["lang"]]
    declared = LEGACY_DECLARED.get(st["id"], st["encoding"])
    meta = f'<meta http-equiv="Content-Type" content="text/html; charset={declared}">' if declared else ""
    paras = [esc(first_para(st))] + [esc(p) for p in st["paragraphs"][1:]]
    for x in st["inline"]:
        paras.insert(2, esc(x))
    if st.get("trailer"):
        paras.append(esc(st["trailer"]))
    cap = f'<tr><td class="caption"><font size="1">{esc(st["caption"])}</font></td></tr>' if st.get("caption") else ""
    links = "<br>".join(f'<a href="/{i}">{esc(n)}</a>' for i, n in enumerate(ui["nav"]))
    return f"""<html>
<head>
{meta}
<title>{esc(st['title'])} - {esc(site)}</title>
<meta name="keywords" content="{esc(st['section'])}">
<meta name="date" content="{st['published']}">
</head>
<body bgcolor="#ffffff">
<table width="100%" border="0"><tr><td width="160" valign="top"><font size="2">{links}</font></td>
<td valign="top">
<table width="100%"><tr><td><font size="4"><b>{esc(st['title'])}</b></font></td></tr>
<tr><td><font size="1" color="gray">{st['published'][:10]}</font></td></tr>
<tr><td><img src="/img/{st['id']}.jpg" width="400"></td></tr>
{cap}
<tr><td class="text"><font size="2">
{'<br><br>'.join(paras)}
</font></td></tr></table>
</td></tr></table>
<center><font size="1">{esc(ui['copyright'].format(site=site))}</font></center>
</body>
</html>
"""


def render_jsonld(st, stories, url):
    site, host = SITES["jsonld"]
    ui = UI[st["lang"]]
    body = "\n\n".join([first_para(st)] + st["paragraphs"][1:] + ([st["trailer"]] if st.get("trailer") else []))
    return f"""<!DOCTYPE html>
<html lang="{st['lang']}">
<head>
{head_common(st, site, url, body=body)}
<script src="/static/app.bundle.js" defer></script>
</head>
<body>
<div id="app"><header><a href="/">{esc(site)}</a></header>
<noscript><p>{esc(ui['js'])}</p></noscript>
<div class="skeleton"><h1>{esc(st['title'])}</h1><p class="loading">{esc(ui['loading'])}</p></div>
</div>
<footer>{esc(ui['copyright'].format(site=site))}</footer>
</body>
</html>
"""


RENDER = {
    "wire": render_wire,
    "portal": render_portal,
    "amp": render_amp,
    "legacy": render_legacy,
    "jsonld": render_jsonld,
}
URLS = {
    "wire": "https://meridianwire.example/{section}/{id}-story/",
    "portal": "https://portal-news.example/{section}/2026/11/{id}.html",
    "amp": "https://dailyledger.example/amp/news/{id}",
    "legacy": "http://oldcourier.example/news/view.php?id={num}",
    "jsonld": "https://newsroom-app.example/article/{id}",
}


def main() -> None:
    stories = parse_stories()
    pages, expected = CORPUS / "pages", CORPUS / "expected"
    pages.mkdir(exist_ok=True)
    expected.mkdir(exist_ok=True)
    index = []
    for n, st in enumerate(stories):
        url = URLS[st["structure"]].format(section="world", id=st["id"], num=1000 + n)
        page = RENDER[st["structure"]](st, stories, url)
        enc = st["encoding"]
        raw = page.encode(enc if enc != "iso-8859-1" else "latin-1", errors="xmlcharrefreplace")
        (pages / f"{st['id']}.html").write_bytes(raw)
        (expected / f"{st['id']}.txt").write_text("\n".join(st["paragraphs"]) + "\n", encoding="utf-8")
        index.append(
            {
                "id": st["id"],
                "lang": st["lang"],
                "structure": st["structure"],
                "url": url,
                "encoding": enc,
                "declared_charset": LEGACY_DECLARED.get(st["id"], enc) if st["structure"] == "legacy" else "utf-8",
                "title": st["title"],
                "published": st["published"],
                "dateline": st.get("dateline", "").strip() or None,
            }
        )
    (CORPUS / "index.json").write_text(json.dumps(index, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    langs = sorted({s["lang"] for s in stories})
    print(
        f"{len(stories)} pages, {len(langs)} languages ({', '.join(langs)}), structures: "
        + ", ".join(f"{k}={sum(1 for s in stories if s['structure'] == k)}" for k in RENDER)
    )


if __name__ == "__main__":
    main()

"""The source catalogue schema: what one wire service is and how its articles are found.

Everything per-source lives here as data (Fundus-style): discovery entries, URL patterns,
politeness overrides, a validity window. Generic code (the spider, ``check``) never names a
source. The models validate on construction; :mod:`wirewatch.sources.catalogue` turns the
pydantic errors into ``file / source / field`` messages.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Literal
from urllib.parse import urlsplit

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    PrivateAttr,
    field_validator,
    model_validator,
)

__all__ = [
    "COUNTRY_CODES",
    "LANGUAGE_CODES",
    "Discovery",
    "DiscoveryKind",
    "Ownership",
    "Politeness",
    "Source",
    "host_of",
    "host_in_domains",
]

DiscoveryKind = Literal["rss", "atom", "rdf", "feed", "sitemap", "news_sitemap", "sitemap_index", "listing"]
Ownership = Literal["state", "public", "private", "cooperative"]

# ISO 3166-1 alpha-2 (all 249 officially assigned codes) plus XK (Kosovo, user-assigned but
# universally used by news organisations and the EU).
COUNTRY_CODES: frozenset[str] = frozenset(
    """
    AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ
    BR BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM
    DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS
    GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN
    KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ
    MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM
    PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV
    SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI
    VN VU WF WS XK YE YT ZA ZM ZW
    """.split()
)

# ISO 639-1 (the 184 two-letter language codes).
LANGUAGE_CODES: frozenset[str] = frozenset(
    """
    aa ab ae af ak am an ar as av ay az ba be bg bi bm bn bo br bs ca ce ch co cr cs cu cv cy
    da de dv dz ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht
    hu hy hz ia id ie ig ii ik io is it iu ja jv ka kg ki kj kk kl km kn ko kr ks ku kv kw ky
    la lb lg li ln lo lt lu lv mg mh mi mk ml mn mr ms mt my na nb nd ne ng nl nn no nr nv ny
    oc oj om or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg sh si sk sl sm sn so sq sr
    ss st su sv sw ta te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve vi vo wa wo xh yi
    yo za zh zu
    """.split()
)

_ID_RE = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}$")
_DOMAIN_RE = re.compile(
    r"^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)*[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$"
)
_IPV4_RE = re.compile(r"^\d{1,3}(?:\.\d{1,3}){3}$")


def host_of(url: str) -> str | None:
    """Lower-case host name of an http(s) URL, or None when ``url`` is not one."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https"):
        return None
    try:
        host = parts.hostname
    except ValueError:
        return None
    return host.lower().rstrip(".") if host else None


def host_in_domains(host: str, domains: list[str] | tuple[str, ...]) -> bool:
    """True when ``host`` equals one of ``domains`` or is a subdomain of one (Scrapy's rule)."""
    host = host.lower().rstrip(".")
    return any(host == d or host.endswith("." + d) for d in domains)


def _check_http_url(value: str) -> str:
    value = value.strip()
    if not value:
        raise ValueError("empty URL")
    if "${" in value:
        raise ValueError(f"unresolved environment variable in {value!r}")
    if host_of(value) is None:
        raise ValueError(f"not an http(s) URL: {value!r}")
    return value


def _check_regex(value: str) -> str:
    try:
        re.compile(value)
    except re.error as exc:
        raise ValueError(f"invalid regular expression {value!r}: {exc}") from None
    return value


def _check_language(value: str) -> str:
    code = value.strip().lower()
    if code not in LANGUAGE_CODES:
        raise ValueError(f"not an ISO 639-1 language code: {value!r}")
    return code


def _check_domain(value: str) -> str:
    d = value.strip().lower().rstrip(".")
    if "/" in d or ":" in d or not (_DOMAIN_RE.match(d) or _IPV4_RE.match(d)):
        raise ValueError(f"not a bare domain name (no scheme, port or path): {value!r}")
    return d


Regex = Annotated[str, AfterValidator(_check_regex)]
LanguageCode = Annotated[str, AfterValidator(_check_language)]
DomainName = Annotated[str, AfterValidator(_check_domain)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class Discovery(_Strict):
    """One way into a source: a feed, a sitemap, or a listing page."""

    kind: DiscoveryKind
    url: str
    link_pattern: str | None = None
    """Listing pages only: regex (``re.search``) selecting the links that are articles.
    When unset, the spider falls back to the source's ``article_pattern``."""
    max_pages: int = Field(default=1, ge=1, le=1000)
    """Listing pagination / depth limit (and the cap on child sitemaps for sitemap indexes)."""
    language: str | None = None
    origin: str = Field(min_length=1)
    """Where the URL comes from: "robots.txt Sitemap line", "agency RSS page <url>", ..."""
    verified: bool = False
    note: str | None = None

    @field_validator("url")
    @classmethod
    def _url(cls, v: str) -> str:
        return _check_http_url(v)

    @field_validator("link_pattern")
    @classmethod
    def _link_pattern(cls, v: str | None) -> str | None:
        return None if v is None else _check_regex(v)

    @field_validator("language")
    @classmethod
    def _language(cls, v: str | None) -> str | None:
        return None if v is None else _check_language(v)

    @model_validator(mode="after")
    def _listing_only(self) -> "Discovery":
        if self.link_pattern is not None and self.kind != "listing":
            raise ValueError(f"link_pattern is only meaningful for kind 'listing', not {self.kind!r}")
        return self

    @property
    def host(self) -> str:
        return host_of(self.url) or ""


class Politeness(_Strict):
    """Per-source overrides of the crawler's politeness settings (None = crawler default)."""

    download_delay: float | None = Field(default=None, ge=0, le=3600)
    concurrency: int | None = Field(default=None, ge=1, le=64)
    obey_robots: bool = True


class Source(_Strict):
    """One wire service or national news agency."""

    id: str
    name: str = Field(min_length=1)
    country: str
    languages: list[LanguageCode] = Field(min_length=1)
    homepage: str
    allowed_domains: list[DomainName] = Field(min_length=1)
    ownership: Ownership
    discovery: list[Discovery] = Field(default_factory=list)
    article_pattern: str | None = None
    """Regex an article URL must match (``re.search``, not fullmatch)."""
    exclude_patterns: list[Regex] = Field(default_factory=list)
    """Regexes for URLs that are never articles: video, live blogs, galleries, tag pages."""
    politeness: Politeness = Field(default_factory=Politeness)
    enabled: bool = True
    valid_from: date | None = None
    valid_to: date | None = None
    """Knowledge validity window (inclusive), in the spirit of Fundus' ``VALID_UNTIL``:
    ``Catalogue.select`` skips a source outside it (default: today), so knowledge known to
    expire (a site redesign) retires itself; the successor comes as a patch or a new id."""
    note: str | None = None

    _compiled: tuple[tuple[str | None, tuple[str, ...]], re.Pattern[str] | None, tuple[re.Pattern[str], ...]] | None = (
        PrivateAttr(default=None)
    )

    @field_validator("id")
    @classmethod
    def _id(cls, v: str) -> str:
        if not _ID_RE.match(v):
            raise ValueError(
                f"id must be a lowercase slug (a-z, 0-9, '-', '_', at most 64 characters): {v!r}"
            )
        return v

    @field_validator("country")
    @classmethod
    def _country(cls, v: str) -> str:
        code = v.strip().upper()
        if code not in COUNTRY_CODES:
            raise ValueError(f"not an ISO 3166-1 alpha-2 country code: {v!r}")
        return code

    @field_validator("languages")
    @classmethod
    def _languages(cls, v: list[str]) -> list[str]:
        return list(dict.fromkeys(v))  # items already normalised; drop duplicates

    @field_validator("homepage")
    @classmethod
    def _homepage(cls, v: str) -> str:
        return _check_http_url(v)

    @field_validator("allowed_domains")
    @classmethod
    def _domains(cls, v: list[str]) -> list[str]:
        return list(dict.fromkeys(v))

    @field_validator("article_pattern")
    @classmethod
    def _article_pattern(cls, v: str | None) -> str | None:
        return None if v is None else _check_regex(v)

    @model_validator(mode="after")
    def _consistency(self) -> "Source":
        if self.valid_from and self.valid_to and self.valid_from > self.valid_to:
            raise ValueError(f"valid_from {self.valid_from} is after valid_to {self.valid_to}")
        if self.enabled and not self.discovery:
            raise ValueError("an enabled source needs at least one discovery entry")
        for field, url in [("homepage", self.homepage)] + [
            (f"discovery.{i}.url", d.url) for i, d in enumerate(self.discovery)
        ]:
            host = host_of(url) or ""
            if not host_in_domains(host, self.allowed_domains):
                raise ValueError(
                    f"{field}: host {host!r} is not covered by allowed_domains {self.allowed_domains}"
                )
        return self

    def _patterns(self) -> tuple[re.Pattern[str] | None, tuple[re.Pattern[str], ...]]:
        """Compiled (article, exclusions), recompiled if the patterns changed (model_copy)."""
        key = (self.article_pattern, tuple(self.exclude_patterns))
        if self._compiled is None or self._compiled[0] != key:
            article = re.compile(self.article_pattern) if self.article_pattern else None
            self._compiled = (key, article, tuple(re.compile(p) for p in self.exclude_patterns))
        return self._compiled[1], self._compiled[2]

    # -- behaviour ---------------------------------------------------------------------

    def is_article_url(self, url: str) -> bool:
        """True when ``url`` matches ``article_pattern`` (if any) and no ``exclude_patterns``.

        Only http(s) URLs on an allowed domain can be articles of this source.
        """
        host = host_of(url)
        if host is None or not host_in_domains(host, self.allowed_domains):
            return False
        article, excludes = self._patterns()
        if article is not None and not article.search(url):
            return False
        return not any(rx.search(url) for rx in excludes)

    def is_excluded(self, url: str) -> bool:
        """True when ``url`` matches one of ``exclude_patterns``."""
        return any(rx.search(url) for rx in self._patterns()[1])

    def allows_url(self, url: str) -> bool:
        """True when ``url`` is http(s) on one of ``allowed_domains`` (subdomains included)."""
        host = host_of(url)
        return host is not None and host_in_domains(host, self.allowed_domains)

    def is_valid_on(self, day: date) -> bool:
        """True when ``day`` lies inside the validity window (open ends allowed)."""
        if self.valid_from and day < self.valid_from:
            return False
        if self.valid_to and day > self.valid_to:
            return False
        return True

    @property
    def state_media(self) -> bool:
        return self.ownership == "state"

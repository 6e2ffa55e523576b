"""Dateline recognition: "PARIS, Feb 28 (Reuters) -", "МОСКВА, 28 фев - РИА Новости.",
"新华社北京11月18日电（记者 张三）", "(서울=연합뉴스) 김철수 기자 =" ...

The grammar (agencies, month names, patterns) is data: rules/datelines.yaml.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from pathlib import Path

import yaml

DATELINES_FILE = Path(__file__).with_name("rules") / "datelines.yaml"
MAX_DATELINE_CHARS = 120  # a dateline is short; never eat a paragraph
PARAGRAPHS_TO_TRY = 2


@dataclass
class Dateline:
    place: str | None
    date: str | None
    agency: str | None
    raw: str
    pattern: str


class DatelineParser:
    def __init__(self, path: Path = DATELINES_FILE):
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
        self.alias_to_agency: dict[str, str] = {}
        for canonical, aliases in data["agencies"].items():
            for alias in [canonical, *aliases]:
                self.alias_to_agency[str(alias).casefold()] = str(canonical)
        aliases = sorted(self.alias_to_agency, key=len, reverse=True)
        # a Latin/Cyrillic alias must end on a word boundary; a CJK one runs on into the place
        alts = [re.escape(a) + (r"(?![^\W\d_])" if ord(a[-1]) < 0x2E80 else "") for a in aliases]
        agency = "(?P<agency>" + "|".join(alts) + r")(?:\s*/\s*[\w-]{1,12})?"
        months = sorted({str(m) for ms in data["months"].values() for m in ms}, key=len, reverse=True)
        month = "(?:" + "|".join(re.escape(m) for m in months) + r")(?![^\W\d_])\.?"
        date = (
            r"(?P<date>"
            rf"{month}\s*\d{{1,2}}(?:\s*,?\s*\d{{4}})?"
            rf"|\d{{1,2}}\.?\s*{month}(?:\s*\d{{4}})?"
            r"|\d{1,2}(?:[./]\d{1,2}(?:[./]\d{2,4})?)?"
            r")"
        )
        cjkdate = r"(?P<date>(?:\d{4}\s*年\s*)?\d{1,2}\s*月\s*\d{1,2}\s*日)"
        subs = dict(data.get("placeholders") or {})
        subs.update({"AGENCY": agency, "DATE": date, "CJKDATE": cjkdate})
        self.patterns: list[tuple[str, re.Pattern]] = []
        for spec in data["patterns"]:
            rx = spec["re"]
            for key, value in subs.items():
                rx = rx.replace("{" + key + "}", value)
            self.patterns.append((spec["name"], re.compile(rx, re.IGNORECASE)))

    def match(self, paragraph: str) -> tuple[Dateline, str] | None:
        """(dateline, rest of the paragraph) if the paragraph starts with a dateline."""
        head = paragraph[: MAX_DATELINE_CHARS + 40]
        for name, rx in self.patterns:
            m = rx.match(head)
            if not m or m.end() > MAX_DATELINE_CHARS:
                continue
            gd = m.groupdict()
            agency_raw = (gd.get("agency") or "").strip()
            agency = self.alias_to_agency.get(agency_raw.casefold(), agency_raw or None)
            place = (gd.get("place") or "").strip(" ,.") or None
            if place and not _place_like(place):
                continue
            date = (gd.get("date") or "").strip(" ,.") or None
            rest = paragraph[m.end() :].lstrip(" \t-–—:.,")
            return Dateline(place, date, agency, m.group(0).strip(), name), rest
        return None


_CONNECTORS = {
    "de",
    "del",
    "la",
    "le",
    "el",
    "di",
    "da",
    "do",
    "dos",
    "am",
    "an",
    "der",
    "sur",
    "upon",
    "on",
    "of",
    "al",
    "an-",
    "d'",
    "y",
    "i",
    "e",
}


def _place_like(place: str) -> bool:
    """Every word of a place is capitalised (or a connector like "de"); uncased
    scripts (CJK, Arabic...) pass. Rejects "The president said on Monday"."""
    words = re.split(r"[\s/,]+", place)
    if len(words) > 6:
        return False
    for w in words:
        if not w:
            continue
        c = w[0]
        if c.isalpha() and c.lower() != c.upper() and not c.isupper() and w.lower() not in _CONNECTORS:
            return False
    return True


_PARSER: DatelineParser | None = None
_LOCK = threading.Lock()


def parser() -> DatelineParser:
    global _PARSER
    if _PARSER is None:
        with _LOCK:
            if _PARSER is None:
                _PARSER = DatelineParser()
    return _PARSER


def parse_dateline(paragraph: str) -> Dateline | None:
    """The dateline at the start of `paragraph`, or None."""
    found = parser().match(paragraph)
    return found[0] if found else None


def strip_dateline(paragraphs: list[str]) -> tuple[list[str], Dateline | None]:
    """Find a dateline in the first paragraphs; return the paragraphs without it."""
    p = parser()
    for i, para in enumerate(paragraphs[:PARAGRAPHS_TO_TRY]):
        found = p.match(para)
        if found:
            dl, rest = found
            out = list(paragraphs)
            if rest.strip():
                out[i] = rest
            else:
                del out[i]
            return out, dl
    return paragraphs, None

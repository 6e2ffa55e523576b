"""Bytes to text, safely: binary sniffing, size bounds, charset resolution.

Order of trust for the charset: a BOM, then valid UTF-8 (a legacy page that
happens to be valid UTF-8 is vanishingly rare), then the HTTP header and the
page's own declaration (mapped the way browsers map them: latin-1 -> cp1252,
gb2312/gbk -> gb18030, shift_jis -> cp932), then detection on a bounded sample.
A declared single-byte Latin charset whose result looks like mojibake (mostly
non-ASCII letters) is re-checked by detection, which catches cp1251 pages
mislabelled as latin-1.
"""

from __future__ import annotations

import codecs
import gzip
import re
import zlib
from dataclasses import dataclass

MAX_BYTES = 5_000_000  # after stripping scripts/styles; above this: too_large

_MAGIC = (
    (b"%PDF", "PDF"),
    (b"\x89PNG", "PNG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"PK\x03\x04", "ZIP archive"),
    (b"RIFF", "RIFF media"),
    (b"OggS", "Ogg media"),
    (b"ID3", "MP3 audio"),
    (b"\x00\x00\x00\x18ftyp", "MP4 video"),
    (b"\x00\x00\x00\x1cftyp", "MP4 video"),
    (b"\x00\x00\x00\x20ftyp", "MP4 video"),
    (b"\x1aE\xdf\xa3", "Matroska/WebM video"),
    (b"wOFF", "web font"),
    (b"wOF2", "web font"),
    (b"\x7fELF", "executable"),
    (b"MZ", "executable"),
    (b"BZh", "bzip2 archive"),
    (b"\xfd7zXZ", "xz archive"),
    (b"7z\xbc\xaf", "7z archive"),
    (b"\x00asm", "wasm binary"),
)

# WHATWG-style label mapping (what browsers actually decode with)
_ALIASES = {
    "latin1": "cp1252",
    "latin-1": "cp1252",
    "iso-8859-1": "cp1252",
    "iso8859-1": "cp1252",
    "iso_8859-1": "cp1252",
    "us-ascii": "cp1252",
    "ascii": "cp1252",
    "windows-1252": "cp1252",
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "x-gbk": "gb18030",
    "gb_2312-80": "gb18030",
    "cp936": "gb18030",
    "shift_jis": "cp932",
    "shift-jis": "cp932",
    "sjis": "cp932",
    "x-sjis": "cp932",
    "ms_kanji": "cp932",
    "windows-31j": "cp932",
    "euc-kr": "cp949",
    "ks_c_5601-1987": "cp949",
    "iso-8859-9": "cp1254",
    "tis-620": "cp874",
    "iso-8859-11": "cp874",
    "big5": "big5hkscs",
    "utf8": "utf-8",
    "unicode-1-1-utf-8": "utf-8",
}
_LATIN_SINGLE_BYTE = {"cp1252", "latin-1", "iso8859-15", "cp1250", "iso8859-2"}

_META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_:.\-]{2,40})""", re.I)
_XML_DECL = re.compile(rb"""<\?xml[^>]{0,100}encoding\s*=\s*["']([A-Za-z0-9_.\-]{2,40})""", re.I)
_HEAVY_BLOCKS = re.compile(
    rb"<script(?![^>]{0,200}ld\+json)[^>]*>.*?</script\s*>|<style[^>]*>.*?</style\s*>"
    rb"|<svg[^>]*>.*?</svg\s*>|<!--.*?-->|<noscript[^>]*>.*?</noscript\s*>",
    re.I | re.S,
)
_DATA_URI = re.compile(rb"""(["'(])data:[a-z0-9.+/\-]{1,60};base64,[A-Za-z0-9+/=\s]{200,}""", re.I)


# every byte except the C0 controls that never occur in text (keep \t \n \v \f \r and ESC)
_NOT_CONTROL = bytes(b for b in range(256) if not (b < 9 or 13 < b < 32) or b == 27)


class DecodeProblem(Exception):
    """Raised inside this module only; carries a reason code and a sentence."""

    def __init__(self, reason: str, detail: str):
        super().__init__(detail)
        self.reason = reason
        self.detail = detail


@dataclass
class Decoded:
    text: str
    encoding: str
    stripped: bool = False  # heavy blocks were stripped to fit the size bound


def normalise_charset(label: str | None) -> str | None:
    """Map a charset label to the Python codec a browser would use, None if unknown."""
    if not label:
        return None
    label = label.strip().strip("\"'").lower()
    label = _ALIASES.get(label, label)
    try:
        name = codecs.lookup(label).name
    except LookupError:
        return None
    return _ALIASES.get(name, name)


def sniff_binary(head: bytes) -> str | None:
    """A description of the binary format if `head` is not text, else None."""
    for magic, what in _MAGIC:
        if head.startswith(magic):
            # "MZ" and "ID3" are short: require a second signal for MZ
            if magic == b"MZ" and b"This program" not in head[:512]:
                continue
            return what
    sample = head[:4096]
    if not sample:
        return None
    if sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        return None
    nuls = sample.count(b"\x00")
    if nuls and _looks_utf16(sample):
        return None
    controls = len(sample.translate(None, _NOT_CONTROL))
    if nuls > len(sample) // 100 or controls > len(sample) // 20:
        return "binary data"
    return None


def _looks_utf16(sample: bytes) -> str | None:
    even, odd = sample[0::2], sample[1::2]
    if odd.count(b"\x00") > 0.4 * len(odd) and even.count(b"\x00") < 0.05 * len(even):
        return "utf-16-le"
    if even.count(b"\x00") > 0.4 * len(even) and odd.count(b"\x00") < 0.05 * len(odd):
        return "utf-16-be"
    return None


def _maybe_decompress(body: bytes, limit: int) -> bytes:
    """A gzip/zlib payload served without Content-Encoding, inflated with a bound."""
    if body[:2] == b"\x1f\x8b":
        try:
            d = zlib.decompressobj(16 + zlib.MAX_WBITS)
            out = d.decompress(body, limit * 4 + 1)
            if len(out) > limit * 4:
                raise DecodeProblem("too_large", "compressed payload inflates past the size bound")
            return out
        except (zlib.error, EOFError, gzip.BadGzipFile) as exc:
            raise DecodeProblem("binary", f"corrupt gzip payload: {exc}") from None
    return body


def bound_size(body: bytes, max_bytes: int = MAX_BYTES) -> tuple[bytes, bool]:
    """Strip scripts, styles, inline SVG, comments and data: URIs from an oversized
    page; raise too_large if what is left is still over the bound."""
    if len(body) <= max_bytes:
        return body, False
    slim = _DATA_URI.sub(rb"\1", _HEAVY_BLOCKS.sub(b" ", body))
    if len(slim) > max_bytes:
        raise DecodeProblem(
            "too_large",
            f"page is {len(body):,} bytes ({len(slim):,} after stripping scripts/styles), bound is {max_bytes:,}",
        )
    return slim, True


def declared_charset(head: bytes) -> str | None:
    m = _META_CHARSET.search(head) or _XML_DECL.search(head)
    return m.group(1).decode("ascii", "ignore") if m else None


def _detect(body: bytes) -> str | None:
    """charset_normalizer on a bounded, text-rich sample."""
    try:
        from charset_normalizer import from_bytes
    except ImportError:  # pragma: no cover - trafilatura depends on it
        return None
    start = body.find(b"<body")
    sample = body[start if start > 0 else 0 :]
    sample = _HEAVY_BLOCKS.sub(b" ", sample[:400_000])[:48_000]
    # cut on an ASCII byte so no multibyte char is split at the end
    cut = len(sample)
    while cut > 0 and sample[cut - 1] >= 0x80 and len(sample) - cut < 8:
        cut -= 1
    sample = sample[:cut]
    try:
        best = from_bytes(sample).best()
    except Exception:  # noqa: BLE001 - detector bugs must not escape
        return None
    return normalise_charset(best.encoding) if best else None


def _mojibake(text: str) -> bool:
    """Latin-1-decoded Cyrillic/Greek/CJK: mostly non-ASCII letters."""
    letters = [c for c in text[:20000] if c.isalpha()]
    if len(letters) < 50:
        return False
    high = sum(1 for c in letters if ord(c) > 127)
    return high > 0.3 * len(letters)


def decode_body(
    body: bytes,
    *,
    headers_encoding: str | None = None,
    content_type: str | None = None,
    max_bytes: int = MAX_BYTES,
) -> Decoded:
    """Decode an HTTP body to text. Raises DecodeProblem(reason, detail)."""
    if not body or not body.strip():
        raise DecodeProblem("empty", "the document is empty")
    body = _maybe_decompress(body, max_bytes)
    what = sniff_binary(body[:8192])
    if what:
        raise DecodeProblem("binary", f"binary content ({what}) served as {content_type or 'HTML'}")
    body, stripped = bound_size(body, max_bytes)

    # 1. BOM
    for bom, enc in (
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF32_LE, "utf-32-le"),
        (codecs.BOM_UTF32_BE, "utf-32-be"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
    ):
        if body.startswith(bom):
            return Decoded(body[len(bom) :].decode(enc, "replace"), enc, stripped)
    if b"\x00" in body[:4096]:
        enc16 = _looks_utf16(body[:4096])
        if enc16:
            return Decoded(body.decode(enc16, "replace"), enc16, stripped)

    head = body[:4096]
    declared = [normalise_charset(headers_encoding), normalise_charset(declared_charset(head))]
    declared = [d for i, d in enumerate(declared) if d and d not in declared[:i]]

    # 2. valid UTF-8 (ISO-2022 pages are pure ASCII with escapes: honour their declaration)
    if not any(d.startswith("iso2022") for d in declared) or b"\x1b" not in body:
        try:
            return Decoded(body.decode("utf-8"), "utf-8", stripped)
        except UnicodeDecodeError:
            pass

    # 3. declared charsets, strictly
    for enc in declared:
        if enc == "utf-8":
            continue
        try:
            text = body.decode(enc)
        except (UnicodeDecodeError, LookupError):
            continue
        if enc in _LATIN_SINGLE_BYTE and _mojibake(text):
            guess = _detect(body)
            if guess and guess not in _LATIN_SINGLE_BYTE and guess != "utf-8":
                try:
                    return Decoded(body.decode(guess), guess, stripped)
                except (UnicodeDecodeError, LookupError):
                    pass
        return Decoded(text, enc, stripped)

    # 4. detection
    guess = _detect(body)
    for enc in ([guess] if guess else []) + ["cp1252"]:
        if enc == "utf-8":
            continue
        try:
            return Decoded(body.decode(enc), enc, stripped)
        except (UnicodeDecodeError, LookupError):
            continue
    text = body.decode(guess or "utf-8", "replace")
    bad = text.count("\ufffd")
    if bad > max(20, len(text) // 50):
        raise DecodeProblem("decode_error", f"undecodable bytes ({bad} replacement characters)")
    return Decoded(text, guess or "utf-8", stripped)


def decode_text(text: str, max_bytes: int = MAX_BYTES) -> Decoded:
    """The str input path: same empty/binary/size gates as bytes."""
    if not text or not text.strip():
        raise DecodeProblem("empty", "the document is empty")
    head = text[:4096]
    if (
        head.count("\x00") > len(head) // 100
        or sum(1 for c in head if ord(c) < 9 or 13 < ord(c) < 32 and c != "\x1b") > len(head) // 20
    ):
        raise DecodeProblem("binary", "binary content served as text")
    if len(text) > max_bytes:
        raw, stripped = bound_size(text.encode("utf-8", "surrogatepass"), max_bytes)
        return Decoded(raw.decode("utf-8", "replace"), "unicode", stripped)
    return Decoded(text, "unicode", False)

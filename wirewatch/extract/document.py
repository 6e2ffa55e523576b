"""The result types of the cleaning stage: one cleaned article, one language guess."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

# The article fields a caller stores (the schema names); everything else on
# CleanedDocument is diagnostics (why it was dropped, what was removed).
ARTICLE_FIELDS = (
    "title",
    "description",
    "text",
    "authors",
    "published_at",
    "modified_at",
    "site_name",
    "section",
    "image_url",
    "declared_language",
    "categories",
    "dateline_place",
    "dateline_date",
    "dateline_agency",
)


@dataclass
class LanguageGuess:
    code: str | None
    confidence: float
    method: str  # "langdetect" | "declared" | "none"


@dataclass
class CleanedDocument:
    ok: bool
    reason: str | None = None
    detail: str | None = None
    url: str | None = None
    title: str | None = None
    description: str | None = None
    text: str | None = None
    authors: list[str] = field(default_factory=list)
    published_at: str | None = None
    modified_at: str | None = None
    site_name: str | None = None
    section: str | None = None
    image_url: str | None = None
    declared_language: str | None = None
    categories: list[str] = field(default_factory=list)
    dateline_place: str | None = None
    dateline_date: str | None = None
    dateline_agency: str | None = None
    extraction_path: str = "none"
    # language of the cleaned text (detect_language on the bounded slice)
    language: str | None = None
    language_confidence: float = 0.0
    language_method: str = "none"
    word_count: int = 0
    encoding: str | None = None
    # diagnostics: which boilerplate family removed which paragraph
    removed: list[tuple[str, str]] = field(default_factory=list)

    def fields(self) -> dict:
        """The article fields as a plain dict (lists copied), language included."""
        out = {name: getattr(self, name) for name in ARTICLE_FIELDS}
        out["authors"] = list(self.authors)
        out["categories"] = list(self.categories)
        out["language"] = self.language
        out["language_confidence"] = self.language_confidence
        out["word_count"] = self.word_count
        return out

    def as_dict(self) -> dict:
        """Everything, for JSON output and logs."""
        out = asdict(self)
        out["removed"] = [{"family": fam, "text": txt} for fam, txt in self.removed]
        return out

    @classmethod
    def dropped(cls, reason: str, detail: str, **kw) -> "CleanedDocument":
        return cls(ok=False, reason=reason, detail=detail, **kw)

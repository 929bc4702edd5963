"""The text of one document, page by page, with the metadata that came with it."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime


@dataclass
class DocumentText:
    """The text of one document and the metadata that came with it."""

    pages: list[str]
    title: str | None = None
    author: str | None = None
    created: datetime | None = None
    modified: datetime | None = None
    extra: dict[str, str] = field(default_factory=dict)
    # Pages whose text came from OCR (0-based), and notes a reader should see ("OCR stopped at ...").
    ocr_page_numbers: list[int] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def ocr_pages(self) -> int:
        return len(self.ocr_page_numbers)

    @property
    def page_count(self) -> int:
        return len(self.pages)

    @property
    def text(self) -> str:
        return "\n\f".join(self.pages)

    @property
    def text_length(self) -> int:
        return sum(len(p) for p in self.pages)

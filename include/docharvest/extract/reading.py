"""Document -> text for extract jobs, safe to run in worker processes.

Kept free of heavy imports (SQLAlchemy, pyarrow, the pipeline) because every worker of
the parse pool imports this module on start-up; PDFs are read in pypdf's layout mode so
table cells and columns stay apart for the field engine.
"""

from __future__ import annotations

from pathlib import Path

from docharvest.errors import UnreadableDocumentError
from docharvest.text import extract_text
from docharvest.text.document import DocumentText
from docharvest.text.ocr import OcrLimits

NO_TEXT_LAYER = "no text layer (empty document, or a scan where OCR found no text)"


def read_document(
    path: str,
    document_type: str | None,
    layout: bool = True,
    max_pages: int = 200,
    ocr: OcrLimits | None = None,
) -> DocumentText | str:
    """Text of one document, or the reason it cannot be read (never raises for a bad file).

    Scanned pages are read by OCR within ``ocr`` (default limits when None).
    """
    from docharvest.text.readers import read_pdf

    try:
        if document_type == "pdf":
            text = read_pdf(Path(path), layout=layout, max_pages=max_pages, ocr=ocr)
            return text if text.text.strip() else NO_TEXT_LAYER
        return extract_text(Path(path), document_type, ocr)
    except UnreadableDocumentError as exc:
        from docharvest.text.failure import ParseFailure

        return ParseFailure(str(exc), exc.error_type)
    except Exception as exc:  # a hostile file must cost one row, never the batch
        return f"unreadable: {exc.__class__.__name__}: {exc}"


def failure_flag(reason: str) -> str:
    """The row flag for an unreadable document (``no_text_layer``, ``encrypted_document``, ...)."""
    lowered = reason.lower()
    if "no text layer" in lowered:
        return "no_text_layer"
    if "encrypted" in lowered:
        return "encrypted_document"
    if "too large" in lowered:
        return "file_too_large"
    if "no text reader" in lowered or "unsupported" in lowered:
        return "unsupported_document_type"
    if "empty" in lowered:
        return "empty_document"
    return "unreadable_document"

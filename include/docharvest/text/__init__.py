"""Document bytes -> text, page by page (pdf via PDFium and pypdf, docx, txt, html).

``extract_text(path, document_type)`` is the one entry point; it raises
``UnreadableDocumentError`` (a recorded, recoverable per-document error) for
corrupt, encrypted or empty files and never anything else for bad input.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from docharvest.text.document import DocumentText


def extract_text(path: object, document_type: str | None, ocr: object = None) -> DocumentText:
    """See ``docharvest.text.readers.extract_text`` (imported lazily: pypdf/docx are heavy).

    ``ocr``: a ``docharvest.text.ocr.OcrLimits`` (default limits when None).
    """
    from pathlib import Path

    from docharvest.text.readers import extract_text as _extract

    return _extract(Path(str(path)), document_type, ocr)  # type: ignore[arg-type]

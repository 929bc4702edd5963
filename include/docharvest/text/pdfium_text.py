"""Page text of a PDF with PDFium (pypdfium2): the plain-mode reader, 3-4x pypdf's pages per second.

Measured by ``bench/pdf_readers.py`` (../shared/realworld/pdfs and generated files): the same
phrases and the same word order as pypdf on every real page, character agreement 0.985 with
pypdf (0.998 as ``read_pdf`` reads, RTL pages going to pypdf). pypdf stays the reader for what it
does better: encryption, repair of broken files, non-ASCII metadata, the images OCR reads, layout
mode (the field engine's columns), and pages in right-to-left scripts (PDFium gives them in visual
order, partly garbled).

The pypdfium2 wheel ships the PDFium binary: nothing is downloaded or compiled at run time.
PDFium is C code; a crash in it kills the parse worker, which the isolation layer turns into that
document's recorded failure (``docharvest.pipeline.isolation``).
"""

from __future__ import annotations

import logging
import re
import threading
from dataclasses import dataclass
from pathlib import Path

log = logging.getLogger(__name__)

# Hebrew, Arabic, Syriac, Thaana, NKo, Samaritan, Mandaic and their presentation forms.
_RTL_RE = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]")
# PDFium is not thread-safe; a process reads one document at a time through it.
_LOCK = threading.Lock()


@dataclass
class PdfiumText:
    pages: list[str]
    metadata: dict[str, str]  # the document information: Title, Author, CreationDate, ...


def pdfium_pages(path: Path, limit: int, password: str | None = None) -> list[str] | None:
    """Text of the first ``limit`` pages (all when fewer), or None: see ``pdfium_document``."""
    doc = pdfium_document(path, limit, password)
    return doc.pages if doc else None


def pdfium_document(path: Path, limit: int, password: str | None = None) -> PdfiumText | None:
    """Text of the first ``limit`` pages and the metadata, or None when PDFium cannot open or read it.

    None means "read it with pypdf": it repairs files PDFium refuses, and it tells a file that
    needs a password (an ``encrypted`` error) from one that opens with the empty one.
    """
    try:
        import pypdfium2 as pdfium
    except ImportError:  # pragma: no cover - a pinned dependency
        return None
    with _LOCK:
        try:
            doc = pdfium.PdfDocument(str(path), password=password)
        except pdfium.PdfiumError as exc:
            log.debug("PDFium cannot open %s: %s", path, exc)
            return None
        try:
            pages = [_page_text(doc, i) for i in range(min(len(doc), limit))]
            return PdfiumText(pages, doc.get_metadata_dict(skip_empty=True)) if pages else None
        except pdfium.PdfiumError as exc:  # a page PDFium cannot load: pypdf reads the file
            log.debug("PDFium failed on %s: %s", path, exc)
            return None
        finally:
            doc.close()


def _page_text(doc: object, index: int) -> str:
    page = doc[index]  # type: ignore[index]
    textpage = page.get_textpage()
    try:
        # get_text_range covers every text object, as pypdf reads them (get_text_bounded would
        # drop text placed outside the page box); PDFium ends lines with CRLF.
        return str(textpage.get_text_range()).replace("\r\n", "\n").replace("\r", "\n")
    finally:
        textpage.close()
        page.close()


def prefer_pypdf(text: str) -> bool:
    """Whether pypdf reads this page better: right-to-left script, which PDFium keeps in visual
    order (reversed) and, on ../shared/realworld/pdfs, partly garbled."""
    return _RTL_RE.search(text) is not None

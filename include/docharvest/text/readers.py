"""Readers from a file on disk to ``DocumentText``, one per document type.

Each reader raises ``UnreadableDocumentError`` with a reason a user can act on
("encrypted", "no text layer", "corrupt PDF: …"); nothing else escapes for bad input.
"""

from __future__ import annotations

import logging
import zipfile
from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from docharvest.errors import DocumentLimitError, UnreadableDocumentError
from docharvest.text.document import DocumentText
from docharvest.text.encoding import decode_bytes, decode_html
from docharvest.text.ocr import OcrLimits, ocr_pages
from docharvest.text.pdfium_text import pdfium_document, prefer_pypdf

log = logging.getLogger(__name__)
# A broken PDF becomes a recorded job error with the reason; pypdf's own warnings about it
# ("EOF marker not found") would only repeat that on the console of every run.
logging.getLogger("pypdf").setLevel(logging.ERROR)

MAX_PDF_PAGES = 2_000
# Zip-based formats (DOCX/XLSX/ODT) are refused past these before anything is decompressed;
# a parse worker sets them from ``Settings.parse`` (``configure_zip_limits``).
MAX_ZIP_ENTRIES = 10_000
MAX_ZIP_UNCOMPRESSED_BYTES = 256 * 1024 * 1024


def configure_zip_limits(max_entries: int, max_uncompressed_bytes: int) -> None:
    global MAX_ZIP_ENTRIES, MAX_ZIP_UNCOMPRESSED_BYTES
    MAX_ZIP_ENTRIES, MAX_ZIP_UNCOMPRESSED_BYTES = max_entries, max_uncompressed_bytes


def check_zip(path: Path, label: str = "zip package") -> None:
    """Refuse a zip bomb by its directory: too many entries or too many bytes once decompressed.

    The declared sizes are what ``zipfile`` reads up to (a lying entry fails its CRC check), so
    checking them bounds what any reader of the package can inflate.
    """
    try:
        with zipfile.ZipFile(path) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise UnreadableDocumentError(f"corrupt {label}: {exc}") from exc
    if len(entries) > MAX_ZIP_ENTRIES:
        raise DocumentLimitError(
            f"{label} has {len(entries)} entries (limit {MAX_ZIP_ENTRIES}, parse.max_zip_entries)"
        )
    total = sum(e.file_size for e in entries)
    if total > MAX_ZIP_UNCOMPRESSED_BYTES:
        raise DocumentLimitError(
            f"{label} inflates to {total} bytes (limit {MAX_ZIP_UNCOMPRESSED_BYTES}, "
            "parse.max_zip_uncompressed_mb)"
        )


def read_pdf(
    path: Path, *, layout: bool = False, max_pages: int | None = None, ocr: OcrLimits | None = None
) -> DocumentText:
    """Text of every page: PDFium's (``pdfium_text``), or pypdf's layout mode for ``layout=True``
    (keeps columns and table cells apart).

    pypdf reads every file PDFium cannot open (repair; an encrypted file opens when its user
    password is empty, else it is an ``encrypted`` error), the pages PDFium reads worse
    (``pdfium_text.prefer_pypdf``), non-ASCII metadata and the images OCR reads; it parses the
    metadata dates. It opens a file PDFium read only when one of these needs it. Pages without a usable text layer are read by OCR within ``ocr`` (default
    limits when None).
    """
    from pypdf.errors import PyPdfError

    limit = max_pages or MAX_PDF_PAGES
    fast = None if layout else pdfium_document(path, limit)
    try:
        if fast is None:
            reader = _open_pypdf(path)
            page_objects: Sequence[Any] = [reader.pages[i] for i in range(min(len(reader.pages), limit))]
            pages = [_page_text(page, "layout" if layout else "plain") for page in page_objects]
            info = reader.metadata
        else:
            pages, page_objects = fast.pages, _PypdfPages(path, len(fast.pages))
            # pypdf decodes non-standard strings PDFium garbles (raw UTF-8 titles), so it reads
            # the metadata unless every value is ASCII.
            info = _information(fast.metadata)
            if not all(value.isascii() for value in fast.metadata.values()):
                info = page_objects.metadata() or info
            _read_worse_pages_with_pypdf(pages, page_objects)
        ocr_text, warnings = ocr_pages(page_objects, pages, ocr or OcrLimits())
        for index, text in ocr_text.items():
            pages[index] = text
    except UnreadableDocumentError:
        raise
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, OSError, RecursionError) as exc:
        raise UnreadableDocumentError(f"corrupt PDF: {exc.__class__.__name__}: {exc}") from exc
    if not pages:
        raise UnreadableDocumentError("PDF has no pages")
    return DocumentText(
        pages=pages,
        title=_clean(info.title) if info else None,
        author=_clean(info.author) if info else None,
        created=_pdf_date(info, "creation_date"),
        modified=_pdf_date(info, "modification_date"),
        ocr_page_numbers=sorted(ocr_text),
        warnings=warnings,
    )


def _open_pypdf(path: Path) -> Any:
    from pypdf import PdfReader

    reader = PdfReader(str(path))
    if reader.is_encrypted and not _try_empty_password(reader):
        raise UnreadableDocumentError("PDF is encrypted (a password is needed to open it)")
    return reader


class _PypdfPages(Sequence[Any]):
    """pypdf's pages of a file PDFium read, opened only when a page needs them (None if it cannot)."""

    def __init__(self, path: Path, count: int) -> None:
        self.path, self.size = path, count
        self.reader: Any = None
        self.failed = False

    def __len__(self) -> int:
        return self.size

    def __getitem__(self, index: Any) -> Any:
        try:
            return self._reader().pages[index] if self._reader() is not None else None
        except Exception:  # pypdf sees fewer pages, or a broken page tree (many exception types)
            return None

    def metadata(self) -> Any:
        try:
            return self._reader().metadata if self._reader() is not None else None
        except Exception:  # a malformed /Info: PDFium's reading stands
            return None

    def _reader(self) -> Any:
        if self.reader is None and not self.failed:
            try:
                self.reader = _open_pypdf(self.path)
            except Exception as exc:  # PDFium's text stands; such a page just gets no second reading
                log.debug("pypdf cannot open %s: %s", self.path, exc)
                self.failed = True
        return self.reader


def _read_worse_pages_with_pypdf(pages: list[str], page_objects: Sequence[Any]) -> None:
    """pypdf's text for the pages PDFium reads worse (right-to-left script).

    Not for pages without usable text: on ../shared/realworld/pdfs pypdf never had usable text
    where PDFium had none, and such pages (a scan, a padded page) go to OCR, which reads images.
    """
    for index, text in enumerate(pages):
        if not prefer_pypdf(text) or page_objects[index] is None:
            continue
        try:
            pages[index] = _page_text(page_objects[index], "plain")
        except Exception as exc:  # pypdf fails on this page: PDFium's text stands
            log.debug("pypdf cannot read page %d: %s", index + 1, exc)


def _information(metadata: dict[str, str]) -> Any:
    """PDFium's document information as pypdf's, whose properties parse the dates."""
    from pypdf import DocumentInformation
    from pypdf.generic import NameObject, TextStringObject

    info = DocumentInformation()
    for key, value in metadata.items():
        info[NameObject("/" + key)] = TextStringObject(value)
    return info


def _try_empty_password(reader: object) -> bool:
    try:
        return bool(reader.decrypt(""))  # type: ignore[attr-defined]
    except Exception:  # pypdf raises several types for unsupported crypto
        return False


def _page_text(page: object, mode: str) -> str:
    text = page.extract_text(extraction_mode=mode)  # type: ignore[attr-defined]
    return str(text or "")


def _pdf_date(info: object, attr: str) -> datetime | None:
    try:
        value = getattr(info, attr, None)
    except Exception:  # malformed date strings raise inside pypdf's property
        return None
    return value if isinstance(value, datetime) else None


def _clean(value: object) -> str | None:
    text = str(value).strip() if value else ""
    return text or None


def read_docx(path: Path) -> DocumentText:
    """Paragraphs and table cells of a DOCX, in document order, as one page."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    check_zip(path, "DOCX")
    try:
        document = docx.Document(str(path))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise UnreadableDocumentError(f"corrupt DOCX: {exc}") from exc
    except Exception as exc:  # lxml's XMLSyntaxError and kin: a part that is not XML
        raise UnreadableDocumentError(f"corrupt DOCX: {exc.__class__.__name__}: {str(exc)[:200]}") from exc
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            lines.append("\t".join(cell.text for cell in row.cells))
    props = document.core_properties
    return DocumentText(
        pages=["\n".join(lines)],
        title=_clean(props.title),
        author=_clean(props.author),
        created=props.created,
        modified=props.modified,
    )


def read_txt(path: Path) -> DocumentText:
    text = decode_bytes(path.read_bytes())
    # A form feed is the conventional page break in plain-text documents.
    return DocumentText(pages=text.split("\f"))


def read_html(path: Path) -> DocumentText:
    """The main content of a saved page (gzip-compressed too), as ``docharvest read`` prints it."""
    from docharvest.text.html import read_html_text

    try:
        page = read_html_text(decode_html(path.read_bytes()))
    except (OSError, EOFError) as exc:  # a truncated .html.gz
        raise UnreadableDocumentError(f"corrupt HTML file: {exc}") from exc
    # Plain text for the jobs' field and relevance engines; Markdown (headings marked) for `docharvest read`.
    extra = {"markdown": page.markdown, **({"language": page.language} if page.language else {})}
    return DocumentText(pages=[page.text], title=page.title or None, extra=extra, warnings=page.warnings)


def _is_zip(path: Path) -> bool:
    try:
        with path.open("rb") as fh:
            return fh.read(4) == b"PK\x03\x04"
    except OSError:
        return False


READERS: dict[str, Callable[[Path], DocumentText]] = {
    "pdf": read_pdf,
    "docx": read_docx,
    "txt": read_txt,
    "csv": read_txt,
    "html": read_html,
}


NO_TEXT = "no text layer (empty document, or a scan where OCR found no text)"


def extract_text(path: Path, document_type: str | None, ocr: OcrLimits | None = None) -> DocumentText:
    """Text of the document at ``path``; ``UnreadableDocumentError`` when it has none we can read."""
    kind = (document_type or "").lower()
    reader = READERS.get(kind)
    if reader is None:
        raise UnreadableDocumentError(
            f"no text reader for document type {document_type!r} (supported: {', '.join(READERS)})"
        )
    if _is_zip(path) and reader is not read_docx:  # read_docx checks its own
        check_zip(path, (document_type or "zip").upper())
    result = read_pdf(path, ocr=ocr) if kind == "pdf" else reader(path)
    if result.text_length == 0 or not result.text.strip():
        warnings = "; ".join(result.warnings)
        raise UnreadableDocumentError(f"{NO_TEXT}{': ' + warnings if warnings else ''}")
    return result

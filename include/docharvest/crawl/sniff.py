"""Document type from the bytes first (magic numbers), then Content-Type, then the filename.

``document_type`` must describe what was downloaded, not what the URL promised: a ``.pdf``
URL that serves an HTML error page is ``html`` (not a document), an extension-less URL that
serves ``%PDF-`` is ``pdf``.
"""

from __future__ import annotations

from docharvest.crawl.urls import DOCUMENT_EXTENSIONS, DOCUMENT_MIME_TYPES, HTML_MIME_TYPES, url_extension

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP_MAGIC = b"PK\x03\x04"
_OTHER_BINARY = (
    b"\x89PNG",
    b"\xff\xd8\xff",
    b"GIF8",
    b"RIFF",
    b"\x1f\x8b",
    b"BZh",
    b"7z\xbc\xaf",
    b"Rar!",
    b"\x00\x00\x01\x00",
    b"OggS",
    b"ID3",
    b"fLaC",
    b"wOFF",
    b"wOF2",
    b"MZ",
    b"\x7fELF",
)
_HTML_STARTS = (
    b"<!doctype html",
    b"<html",
    b"<head",
    b"<body",
    b"<title",
    b"<meta",
    b"<!--",
    b"<div",
    b"<p",
    b"<a ",
)
_ODF = {
    b"application/vnd.oasis.opendocument.text": "odt",
    b"application/vnd.oasis.opendocument.spreadsheet": "ods",
    b"application/vnd.oasis.opendocument.presentation": "odp",
}
_OLE_STREAMS = {
    "WordDocument".encode("utf-16-le"): "doc",
    "Workbook".encode("utf-16-le"): "xls",
    "Book".encode("utf-16-le"): "xls",
    "PowerPoint Document".encode("utf-16-le"): "ppt",
}


def _hints(content_type: str | None, filename: str | None) -> list[str]:
    hints = []
    if content_type:
        mime = content_type.split(";", 1)[0].strip().lower()
        if mime in DOCUMENT_MIME_TYPES:
            hints.append(DOCUMENT_MIME_TYPES[mime])
        elif mime in HTML_MIME_TYPES:
            hints.append("html")
    if filename:
        ext = DOCUMENT_EXTENSIONS.get(url_extension(filename))
        if ext:
            hints.append(ext)
    return hints


def _looks_like_text(head: bytes) -> bool:
    if b"\x00" in head[:4096]:
        return False
    sample = head[:4096]
    try:
        sample.decode("utf-8")
        return True
    except UnicodeDecodeError as exc:
        if exc.start >= len(sample) - 4:  # a multi-byte character cut at the sample's end
            return True
    # Single-byte encodings: mostly printable bytes.
    printable = sum(1 for b in sample if b >= 32 or b in (9, 10, 13))
    return printable / max(1, len(sample)) > 0.95


def sniff_document_type(head: bytes, content_type: str | None, filename: str | None) -> str | None:
    """The type of a body from its first bytes, else from Content-Type, else from the filename.

    Returns a document type (``pdf``, ``docx``, ``txt`` …), ``"html"`` for a web page, or None
    for anything else (images, archives, unknown binary).
    """
    hints = _hints(content_type, filename)
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if b"%PDF-" in head[:1024]:
        return "pdf"
    if head.startswith(_OLE_MAGIC):
        for hint in hints:
            if hint in ("doc", "xls", "ppt"):
                return hint
        for marker, kind in _OLE_STREAMS.items():
            if marker in head:
                return kind
        return "doc"
    if head.startswith(_ZIP_MAGIC):
        return _sniff_zip(head, hints)
    if stripped.startswith(b"{\\rtf"):
        return "rtf"
    if any(head.startswith(magic) for magic in _OTHER_BINARY):
        return None
    lower = stripped[:512].lower()
    if lower.startswith(_HTML_STARTS) or (lower.startswith(b"<?xml") and b"<html" in lower):
        return "html"
    if head and _looks_like_text(head):
        for hint in hints:
            if hint in ("csv", "txt", "html"):
                return hint
        return "txt"
    if not head:
        return hints[0] if hints else None
    return None


def _sniff_zip(head: bytes, hints: list[str]) -> str | None:
    # ODF puts an uncompressed "mimetype" entry first; OOXML names its parts early on.
    if b"mimetype" in head[:100]:
        for marker, kind in _ODF.items():
            if marker in head[:200]:
                return kind
    for marker, kind in ((b"word/", "docx"), (b"xl/", "xlsx"), (b"ppt/", "pptx")):
        if marker in head:
            return kind
    for hint in hints:
        if hint in ("docx", "xlsx", "pptx", "odt", "ods", "odp"):
            return hint
    return None

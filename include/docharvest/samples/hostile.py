"""Hostile documents for isolation tests and ``bench/hostile.py`` (issue 17).

Each one has broken a job before: a DOCX whose main part is not XML, a DOCX zip bomb (a small
file with a 1 GiB entry), a text file far past the text cap, a PDF whose page tree contains
itself, and a truncated PDF. ``write_hostile_set(folder)`` writes them and returns their names.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from docharvest.samples.pdfwriter import PdfBuilder

CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.'
    'wordprocessingml.document.main+xml"/></Types>'
)
RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'officeDocument" Target="word/document.xml"/></Relationships>'
)


def non_xml_docx(path: Path) -> None:
    """A valid package whose main document part is not XML."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", CONTENT_TYPES)
        z.writestr("_rels/.rels", RELS)
        z.writestr("word/document.xml", "this is { not xml at all " * 40)


def zip_bomb_docx(path: Path, entry_mb: int = 1024) -> None:
    """A DOCX of ~1 MB whose document part inflates to ``entry_mb`` MB of zeros."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("[Content_Types].xml", CONTENT_TYPES)
        z.writestr("_rels/.rels", RELS)
        with z.open("word/document.xml", "w", force_zip64=True) as fh:
            chunk = b"\0" * (1 << 20)
            for _ in range(entry_mb):
                fh.write(chunk)


def huge_text(path: Path, size_mb: int) -> None:
    """Plain text of ``size_mb`` MB that reads like minutes (so field extraction works on it)."""
    line = b"Board meeting minutes 2024: the council approved invoice 1234 for 5,000.00 USD.\n"
    block = line * ((1 << 20) // len(line) + 1)
    with path.open("wb") as fh:
        for _ in range(size_mb):
            fh.write(block[: 1 << 20])


def _pdf(objects: list[bytes], root: int) -> bytes:
    """A PDF with a correct xref table for ``objects`` (object numbers from 1)."""
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, root, xref)
    return bytes(out)


def self_referencing_pdf(path: Path) -> None:
    """Well-formed syntax, but the page tree's Kids contain the tree itself."""
    path.write_bytes(
        _pdf(
            [
                b"<< /Type /Catalog /Pages 2 0 R >>",
                b"<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 2 >>",
                b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>",
            ],
            root=1,
        )
    )


def truncated_pdf(path: Path) -> None:
    """The first third of a real PDF."""
    pdf = PdfBuilder(title="Minutes")
    for n in range(3):
        pdf.page().lines(72, 720, [f"Board meeting minutes, page {n + 1}"] * 30)
    data = pdf.to_bytes()
    path.write_bytes(data[: len(data) // 3])


def write_hostile_set(folder: Path, *, bomb_entry_mb: int = 1024, text_mb: int = 20) -> dict[str, str]:
    """Write the five hostile documents into ``folder``; file name -> what it is."""
    folder.mkdir(parents=True, exist_ok=True)
    non_xml_docx(folder / "minutes-not-xml.docx")
    zip_bomb_docx(folder / "minutes-bomb.docx", bomb_entry_mb)
    huge_text(folder / "minutes-huge.txt", text_mb)
    self_referencing_pdf(folder / "minutes-loop.pdf")
    truncated_pdf(folder / "minutes-truncated.pdf")
    return {
        "minutes-not-xml.docx": "DOCX whose main part is not XML",
        "minutes-bomb.docx": f"DOCX zip bomb ({bomb_entry_mb} MiB entry)",
        "minutes-huge.txt": f"{text_mb} MB text file",
        "minutes-loop.pdf": "PDF whose page tree contains itself",
        "minutes-truncated.pdf": "truncated PDF",
    }

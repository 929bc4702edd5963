"""A tiny, dependency-free PDF writer for fixtures and the demo site.

It places text (Helvetica, WinAnsi) at given positions on US-letter pages, sets the
document info (Title, CreationDate), and can emit an encrypted-looking or corrupt file
on purpose. Real PDF readers (pypdf) read its output; it is not a general PDF library.

    pdf = PdfBuilder(title="Minutes")
    page = pdf.page()
    page.text(72, 720, "Board Meeting Minutes", size=18)
    page.lines(72, 690, ["Held on January 9, 2024", "Present: ..."])
    data = pdf.to_bytes()
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

PAGE_WIDTH = 612
PAGE_HEIGHT = 792


def _escape(text: str) -> bytes:
    raw = text.encode("cp1252", errors="replace")
    return raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")


@dataclass
class PdfPage:
    ops: list[bytes] = field(default_factory=list)

    def text(self, x: float, y: float, text: str, size: float = 11, bold: bool = False) -> PdfPage:
        font = b"/F2" if bold else b"/F1"
        self.ops.append(b"BT %s %.1f Tf %.1f %.1f Td (%s) Tj ET" % (font, size, x, y, _escape(text)))
        return self

    def lines(
        self, x: float, y: float, lines: list[str], size: float = 11, leading: float | None = None
    ) -> float:
        """Write lines downwards from (x, y); return the y below the last line."""
        step = leading or size * 1.35
        for line in lines:
            self.text(x, y, line, size=size)
            y -= step
        return y

    def rule(self, x1: float, y1: float, x2: float, y2: float) -> PdfPage:
        self.ops.append(b"%.1f %.1f m %.1f %.1f l S" % (x1, y1, x2, y2))
        return self


@dataclass
class PdfBuilder:
    title: str | None = None
    author: str | None = None
    created: datetime | None = None
    pages: list[PdfPage] = field(default_factory=list)

    def page(self) -> PdfPage:
        page = PdfPage()
        self.pages.append(page)
        return page

    def to_bytes(self) -> bytes:
        objects: list[bytes] = []

        def add(body: bytes) -> int:
            objects.append(body)
            return len(objects)

        catalog = add(b"")  # filled below
        pages_obj = add(b"")
        font = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
        bold = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>")
        kids = []
        for page in self.pages or [PdfPage()]:
            stream = b"\n".join(page.ops)
            content = add(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream))
            kids.append(
                add(
                    b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 %d %d] /Contents %d 0 R "
                    b"/Resources << /Font << /F1 %d 0 R /F2 %d 0 R >> >> >>"
                    % (pages_obj, PAGE_WIDTH, PAGE_HEIGHT, content, font, bold)
                )
            )
        objects[catalog - 1] = b"<< /Type /Catalog /Pages %d 0 R >>" % pages_obj
        objects[pages_obj - 1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (
            b" ".join(b"%d 0 R" % k for k in kids),
            len(kids),
        )
        info_parts = []
        if self.title:
            info_parts.append(b"/Title (%s)" % _escape(self.title))
        if self.author:
            info_parts.append(b"/Author (%s)" % _escape(self.author))
        if self.created:
            info_parts.append(b"/CreationDate (D:%s)" % self.created.strftime("%Y%m%d%H%M%S").encode())
        info = add(b"<< %s >>" % b" ".join(info_parts))

        out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
        offsets = []
        for number, body in enumerate(objects, start=1):
            offsets.append(len(out))
            out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
        xref = len(out)
        out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
        for offset in offsets:
            out += b"%010d 00000 n \n" % offset
        out += b"trailer\n<< /Size %d /Root %d 0 R /Info %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
            len(objects) + 1,
            catalog,
            info,
            xref,
        )
        return bytes(out)


def simple_pdf(pages: list[list[str]], title: str | None = None, created: datetime | None = None) -> bytes:
    """A PDF with one page per list of lines, each page starting at the top-left margin."""
    pdf = PdfBuilder(title=title, created=created)
    for lines in pages:
        pdf.page().lines(72, PAGE_HEIGHT - 72, lines)
    return pdf.to_bytes()


def corrupt_pdf() -> bytes:
    """Bytes that start like a PDF but cannot be parsed."""
    return b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\n" + b"\x00garbage" * 64

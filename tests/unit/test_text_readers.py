"""Text readers: every supported type, and bad files as UnreadableDocumentError (never a crash)."""

from __future__ import annotations

import io
from datetime import datetime
from pathlib import Path

import docx
import pytest
from docharvest.errors import UnreadableDocumentError
from docharvest.samples.pdfwriter import PdfBuilder, corrupt_pdf, simple_pdf
from docharvest.text import extract_text


def _write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_pdf_pages_title_and_date(tmp_path: Path) -> None:
    data = simple_pdf(
        [["Board Minutes", "January 9, 2024"], ["Second page"]],
        title="Minutes",
        created=datetime(2024, 1, 10),
    )
    text = extract_text(_write(tmp_path, "a.pdf", data), "pdf")
    assert text.page_count == 2
    assert "January 9, 2024" in text.pages[0] and "Second page" in text.pages[1]
    assert text.title == "Minutes" and text.created is not None and text.created.year == 2024


def test_layout_mode_keeps_columns_apart(tmp_path: Path) -> None:
    from docharvest.text.readers import read_pdf

    pdf = PdfBuilder()
    page = pdf.page()
    page.text(72, 700, "Invoice number")
    page.text(350, 700, "INV-77")
    path = _write(tmp_path, "b.pdf", pdf.to_bytes())
    line = next(ln for ln in read_pdf(path, layout=True).pages[0].splitlines() if "INV-77" in ln)
    assert "Invoice number" in line and line.index("INV-77") - line.index("number") > 10


def test_docx_paragraphs_and_tables(tmp_path: Path) -> None:
    document = docx.Document()
    document.core_properties.title = "Budget"
    document.add_paragraph("Adopted budget for FY2024")
    table = document.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text, table.rows[0].cells[1].text = "Total", "12,400,000"
    buffer = io.BytesIO()
    document.save(buffer)
    text = extract_text(_write(tmp_path, "c.docx", buffer.getvalue()), "docx")
    assert "Adopted budget" in text.text and "Total\t12,400,000" in text.text and text.title == "Budget"


def test_txt_in_windows_1252(tmp_path: Path) -> None:
    text = extract_text(_write(tmp_path, "d.txt", "Café minutes – résumé".encode("cp1252")), "txt")
    assert "Café" in text.text and "résumé" in text.text


def test_html_drops_scripts(tmp_path: Path) -> None:
    page = (
        b"<html><head><title>T</title><script>var x=1</script></head><body><p>Hello minutes</p></body></html>"
    )
    text = extract_text(_write(tmp_path, "e.html", page), "html")
    assert "Hello minutes" in text.text and "var x" not in text.text and text.title == "T"


@pytest.mark.parametrize(
    ("name", "kind", "data", "reason"),
    [
        ("corrupt.pdf", "pdf", corrupt_pdf(), "corrupt PDF"),
        ("empty.pdf", "pdf", PdfBuilder().to_bytes(), "no text layer"),
        ("bad.docx", "docx", b"PK\x03\x04 not a zip", "corrupt DOCX"),
        ("empty.txt", "txt", b"   ", "no text layer"),
        ("x.xls", "xls", b"\xd0\xcf\x11\xe0", "no text reader"),
    ],
)
def test_bad_documents_raise_unreadable(
    tmp_path: Path, name: str, kind: str, data: bytes, reason: str
) -> None:
    with pytest.raises(UnreadableDocumentError, match=reason):
        extract_text(_write(tmp_path, name, data), kind)


def test_encrypted_pdf_is_unreadable(tmp_path: Path) -> None:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(simple_pdf([["secret"]]))))
    writer.encrypt(user_password="pw", owner_password="owner", algorithm="RC4-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    with pytest.raises(UnreadableDocumentError, match="encrypted"):
        extract_text(_write(tmp_path, "enc.pdf", buffer.getvalue()), "pdf")

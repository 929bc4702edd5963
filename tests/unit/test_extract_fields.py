"""The field engine on the labelled fixture set and on targeted layouts (real PDFs and DOCX)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from docharvest.extract.fields import extract_fields, row_confidence
from docharvest.extract.labels import LabelIndex
from docharvest.extract.reading import read_document
from docharvest.extract.schema import load_schema, parse_schema
from docharvest.samples.pdfwriter import PdfBuilder
from docharvest.text.document import DocumentText

from tests.support.invoices import generate_invoices, generate_minutes

INVOICE = load_schema("invoice")


def _norm(value: Any) -> Any:
    if isinstance(value, str):
        return " ".join(value.lower().split()).strip(" .,")
    return round(value, 2) if isinstance(value, float) else value


def _read(tmp_path: Path, name: str, data: bytes, kind: str) -> DocumentText:
    path = tmp_path / name
    path.write_bytes(data)
    text = read_document(str(path), kind)
    assert isinstance(text, DocumentText), text
    return text


def test_fixture_set_is_varied_and_extracted_accurately(tmp_path: Path) -> None:
    fixtures = generate_invoices(72, seed=21)
    layouts = Counter(f.layout for f in fixtures)
    conventions = {f.filename.rsplit("_", 1)[1].split(".")[0] for f in fixtures}
    assert len(fixtures) >= 60 and len(layouts) >= 8
    assert {"us", "uk", "de", "fr", "ch"} <= conventions
    assert {f.document_type for f in fixtures} == {"pdf", "docx"}
    assert any(f.flags for f in fixtures)
    index = LabelIndex.for_schema(INVOICE)
    correct = total = 0
    for fx in fixtures:
        values = extract_fields(
            _read(tmp_path, fx.filename, fx.data, fx.document_type), INVOICE, index
        ).values
        for name, want in fx.truth.items():
            total += 1
            correct += _norm(values[name]) == _norm(want)
    assert correct / total >= 0.95


def _invoice_pdf(lines: list[tuple[float, float, str]], pages: int = 1) -> bytes:
    pdf = PdfBuilder()
    for number in range(pages):
        page = pdf.page()
        for x, y, text in lines if number == pages - 1 else lines[:2]:
            page.text(x, y, text, size=10)
    return pdf.to_bytes()


def test_total_is_not_subtotal_tax_or_previous_balance(tmp_path: Path) -> None:
    data = _invoice_pdf(
        [
            (60, 740, "Kite Works Ltd"),
            (350, 740, "Invoice No: KW-88"),
            (350, 400, "Previous balance"),
            (480, 400, "£9,999.00"),
            (350, 384, "Subtotal"),
            (480, 384, "£100.00"),
            (350, 368, "VAT 20%"),
            (480, 368, "£20.00"),
            (350, 352, "Total"),
            (480, 352, "£120.00"),
        ]
    )
    extraction = extract_fields(_read(tmp_path, "a.pdf", data, "pdf"), INVOICE)
    assert extraction.values["total"] == 120.0
    assert extraction.values["currency"] == "GBP"
    evidence = extraction.evidence["total"]
    assert evidence["page"] == 1 and "120.00" in evidence["line"]
    assert 0 < evidence["confidence"] <= 1
    page_text = _read(tmp_path, "a.pdf", data, "pdf").pages[0]
    start, end = evidence["span"]
    assert "120.00" in page_text[start:end]


def test_vendor_is_the_issuer_not_the_bill_to_party(tmp_path: Path) -> None:
    data = _invoice_pdf(
        [
            (60, 740, "Bill To:"),
            (60, 726, "Customer Holdings AG"),
            (350, 740, "From:"),
            (350, 726, "Sunrise Studio"),
            (60, 600, "Invoice # 4471"),
            (60, 580, "Amount due: 1.234,50 EUR"),
        ]
    )
    values = extract_fields(_read(tmp_path, "b.pdf", data, "pdf"), INVOICE).values
    assert values["vendor"] == "Sunrise Studio"
    assert values["total"] == 1234.5 and values["invoice_number"] == "4471"


def test_letterhead_vendor_without_any_label(tmp_path: Path) -> None:
    data = _invoice_pdf(
        [
            (60, 750, "Nordwind Handels GmbH"),
            (60, 600, "Rechnungsempfänger:"),
            (60, 586, "Kunde AG"),
            (350, 680, "Rechnungsnummer: RE-1"),
            (350, 664, "Datum: 05.06.2024"),
            (350, 400, "Gesamtbetrag 99,00 €"),
        ]
    )
    values = extract_fields(_read(tmp_path, "c.pdf", data, "pdf"), INVOICE).values
    assert values["vendor"] == "Nordwind Handels GmbH"
    assert values["date"] == "2024-06-05"


def test_multi_page_total_comes_from_the_last_page(tmp_path: Path) -> None:
    lines = [
        (60, 740, "Acme Supplies Inc."),
        (350, 740, "Statement No: ST-9"),
        (300, 300, "Amount due"),
        (480, 300, "$4,250.00"),
    ]
    pdf = PdfBuilder()
    first = pdf.page()
    first.text(60, 740, "Acme Supplies Inc.").text(350, 740, "Statement No: ST-9")
    first.text(300, 300, "Carried forward").text(480, 300, "$3,000.00")
    last = pdf.page()
    for x, y, text in lines[2:]:
        last.text(x, y, text)
    extraction = extract_fields(_read(tmp_path, "d.pdf", pdf.to_bytes(), "pdf"), INVOICE)
    assert extraction.values["total"] == 4250.0
    assert extraction.evidence["total"]["page"] == 2


def test_table_header_row_with_values_below(tmp_path: Path) -> None:
    data = _invoice_pdf(
        [
            (60, 700, "Invoice No."),
            (200, 700, "Date"),
            (330, 700, "Customer No."),
            (460, 700, "Due Date"),
            (60, 686, "A-1001"),
            (200, 686, "04/13/2024"),
            (330, 686, "55512"),
            (460, 686, "05/13/2024"),
            (60, 740, "Bayside Consulting LLC"),
            (350, 400, "Balance Due"),
            (480, 400, "$1,050.00"),
        ]
    )
    values = extract_fields(_read(tmp_path, "e.pdf", data, "pdf"), INVOICE).values
    assert values["invoice_number"] == "A-1001"
    assert (values["date"], values["due_date"]) == ("2024-04-13", "2024-05-13")


def test_missing_and_malformed_values() -> None:
    text = DocumentText(pages=["Helios Ltd\nInvoice number: PENDING\nInvoice date: 31/02/2024\nThank you."])
    extraction = extract_fields(text, INVOICE)
    assert extraction.values["total"] is None and extraction.confidences["total"] == 0.0
    # Malformed values are kept (for review) and marked, so validation can flag them.
    assert extraction.values["invoice_number"] == "PENDING"
    assert extraction.values["date"] == "31/02/2024"
    assert set(extraction.invalid) == {"invoice_number", "date"}
    assert row_confidence(INVOICE, extraction.confidences) < 0.8


def test_the_engine_is_schema_driven_not_invoice_specific(tmp_path: Path) -> None:
    schema = parse_schema(
        {
            "name": "delivery_note",
            "fields": [
                {
                    "name": "tracking",
                    "type": "string",
                    "required": True,
                    "labels": ["tracking number", "sendungsnummer"],
                    "pattern": "^[A-Z0-9]{8,}$",
                },
                {"name": "parcels", "type": "integer", "labels": ["parcels", "pakete"]},
                {"name": "shipped", "type": "date", "labels": ["shipped on"]},
                {"name": "insured", "type": "boolean", "labels": ["insured"]},
            ],
        }
    )
    text = DocumentText(
        pages=["Sendungsnummer: 1Z999AA10123\nPakete: 3\nShipped on 2 May 2024\nInsured: yes"]
    )
    values = extract_fields(text, schema).values
    assert values == {"tracking": "1Z999AA10123", "parcels": 3, "shipped": "2024-05-02", "insured": True}


@pytest.mark.parametrize("fixture", generate_minutes(6, seed=3), ids=lambda f: f.filename)
def test_minutes_schema(tmp_path: Path, fixture: Any) -> None:
    schema = load_schema("meeting_minutes")
    values = extract_fields(
        _read(tmp_path, fixture.filename, fixture.data, fixture.document_type), schema
    ).values
    assert values["meeting_date"] == fixture.truth["meeting_date"]
    assert all(name in values["attendees"] for name in fixture.truth["attendees"])
    assert "Apologies" not in values["attendees"]
    assert all(m.rstrip(".") in values["motions"] for m in fixture.truth["motions"])
    assert "Next meeting" in values["body"]


@pytest.mark.parametrize(
    ("name", "data"),
    [
        (
            "inv.txt",
            "Quill & Ink Ltd\nInvoice No: QI-204\nDate: 14/03/2024\nSubtotal: £50.00\nTotal: £60.00\n".encode(),
        ),
        (
            "inv.html",
            b"<html><body><h1>Quill &amp; Ink Ltd</h1><table><tr><td>Invoice No:</td><td>QI-204</td></tr>"
            b"<tr><td>Date:</td><td>14/03/2024</td></tr></table><p>Subtotal: &pound;50.00</p><p>Total: &pound;60.00</p></body></html>",
        ),
    ],
)
def test_txt_and_html_documents(tmp_path: Path, name: str, data: bytes) -> None:
    text = _read(tmp_path, name, data, name.rsplit(".", 1)[1])
    values = extract_fields(text, INVOICE).values
    assert values["invoice_number"] == "QI-204" and values["total"] == 60.0
    assert values["date"] == "2024-03-14" and values["currency"] == "GBP"
    assert values["vendor"] == "Quill & Ink Ltd"

"""Per-field confidence and evidence, and the row status that follows them.

Every non-null value names its page, line and the character span it was read from (checked
against the page text, for PDFs, DOCX and plain text); a row is approved only when every value
was read with high confidence and the suite raises no flag; the finance checks (due date not
before the invoice date, total = printed net + tax) are flags of the same suite.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from docharvest.extract.fields import extract_fields
from docharvest.extract.labels import LabelIndex
from docharvest.extract.reading import read_document
from docharvest.extract.schema import load_schema
from docharvest.pipeline.extract import APPROVED, REVIEW, extracted_row, validated_rows
from docharvest.text.document import DocumentText
from docharvest.validate import validate_rows

from tests.support.invoices import generate_invoices
from tests.support.unseen_invoices import generate_unseen, split_unseen

INVOICE = load_schema("invoice")
INDEX = LabelIndex.for_schema(INVOICE)
APPROVE_AT = 0.8


def _check_evidence(document: DocumentText, values: dict[str, Any], evidence: dict[str, Any]) -> None:
    assert {name for name, value in values.items() if value is not None} == set(evidence)
    for name, ev in evidence.items():
        assert 0 < ev["confidence"] <= 1, name
        page = document.pages[ev["page"] - 1]
        start, end = ev["span"]
        assert page[start:end] == ev["raw"], name
        assert ev["raw"] in ev["line"] or ev["anchor"] == "below", name


def test_every_value_has_evidence_in_generated_pdfs_and_docx(tmp_path: Path) -> None:
    fixtures = generate_invoices(18, seed=23)
    assert {fx.document_type for fx in fixtures} == {"pdf", "docx"}
    for fx in fixtures:
        path = tmp_path / fx.filename
        path.write_bytes(fx.data)
        document = read_document(str(path), fx.document_type)
        assert not isinstance(document, str)
        extraction = extract_fields(document, INVOICE, INDEX)
        _check_evidence(document, extraction.values, extraction.evidence)


def test_evidence_of_plain_text_and_its_confidence_matches_the_row() -> None:
    document = DocumentText(
        pages=[
            "Kessler Haustechnik GmbH\n\nRechnungsnummer: 2024-118\nRechnungsdatum: 04.03.2024\n"
            "Fällig am: 18.03.2024\n\nGesamtbetrag  1.190,00 €\n"
        ]
    )
    row = extracted_row(document, INVOICE, INDEX, APPROVE_AT)
    assert row["values"]["total"] == 1190.0 and row["values"]["date"] == "2024-03-04"
    _check_evidence(document, row["values"], row["field_evidence"])
    assert row["field_evidence"]["total"]["label"] == "gesamtbetrag"
    assert row["field_evidence"]["total"]["line"] == "Gesamtbetrag  1.190,00 €"


@pytest.mark.parametrize(
    ("text", "want"),
    [
        (
            "Van Dijk Installaties B.V.\nFactuurnummer: 2024-0912\nFactuurdatum: 11 augustus 2025\n"
            "Vervaldatum: 25 augustus 2025\nFactuuradres\nDe Wit Logistiek\nTotaal incl. BTW   € 1.234,50\n",
            {"invoice_number": "2024-0912", "date": "2025-08-11", "due_date": "2025-08-25", "total": 1234.5},
        ),
        (
            "Talleres Ortega S.L.\nNúmero de factura: F-2025-77\nFecha de factura: 3 marzo 2025\n"
            "Vencimiento: 2 abril 2025\nTotal a pagar   2.420,00 €\n",
            {"invoice_number": "F-2025-77", "date": "2025-03-03", "due_date": "2025-04-02", "total": 2420.0},
        ),
        (
            "Atelier Marceau SARL\nFacture n°562044 du 2 juillet 2025\n"
            "Date limite de paiement le 15 juillet 2025\nTotal facture   24,99   5,00   29,99\n",
            {"invoice_number": "562044", "date": "2025-07-02", "due_date": "2025-07-15", "total": 29.99},
        ),
    ],
)
def test_dutch_spanish_and_french_labels(text: str, want: dict[str, Any]) -> None:
    values = extract_fields(DocumentText(pages=[text]), INVOICE, INDEX).values
    assert {k: values[k] for k in want} == want


def test_issuer_from_a_party_block_not_the_buyer() -> None:
    text = (
        "Handelsrechnung (380)      05.03.2018     Nr. 471102     vom\n\n"
        "Verkäufer                           Käufer\n"
        "Name:      Lieferant GmbH           Name:      Kunden AG Mitte\n"
        "USt.-Id.-Nr.:   DE123456789\n\n"
        "Bruttosumme      529,87\nZahlbetrag       0,00\n"
    )
    values = extract_fields(DocumentText(pages=[text]), INVOICE, INDEX).values
    assert values["vendor"] == "Lieferant GmbH"
    assert values["invoice_number"] == "471102"  # not the VAT id after "USt.-Id.-Nr."
    assert values["total"] == 529.87  # the gross total, not the amount left to pay


@pytest.mark.parametrize(
    "cue", ["Ordered Through : Shopzone.com", "Verkauft über Marktplatz24", "Commandé via Boutique.fr"]
)
def test_an_issuer_beside_a_marketplace_is_held_for_review(cue: str) -> None:
    """A platform between the parties makes "vendor" a choice: the seller found is not approved."""
    text = (
        "Invoice Number: INV-77\nInvoice Date: 2024-03-04\nSold By: Northwind Retail Pvt. Ltd.\n"
        f"Total   120.00 EUR\n{cue}\n"
    )
    plain = extract_fields(DocumentText(pages=[text.replace(cue, "")]), INVOICE, INDEX)
    doubted = extract_fields(DocumentText(pages=[text]), INVOICE, INDEX)
    assert doubted.values["vendor"] == plain.values["vendor"]
    assert plain.confidences["vendor"] >= APPROVE_AT > doubted.confidences["vendor"]


def _rows(*texts: str) -> list[dict[str, Any]]:
    return [
        {"id": str(i), **extracted_row(DocumentText(pages=[t]), INVOICE, INDEX, APPROVE_AT)}
        for i, t in enumerate(texts)
    ]


CLEAR = (
    "Brightwater Analytics Ltd\n\nInvoice Number: INV-2024-0042\nInvoice Date: 2024-03-04\n"
    "Due Date: 2024-04-03\n\nSubtotal   $100.00\nVAT   $20.00\nAmount Due   $120.00\n"
)


def test_status_follows_evidence_and_flags_say_why() -> None:
    clear = CLEAR
    unsure_date = CLEAR.replace("Invoice Date: 2024-03-04", "Date 2024-03-04")  # a weak label only
    due_first = CLEAR.replace("Due Date: 2024-04-03", "Due Date: 2024-02-01")
    bad_sum = CLEAR.replace("Amount Due   $120.00", "Amount Due   $125.00")
    no_total = CLEAR.replace("Amount Due   $120.00", "")
    rows = _rows(clear, unsure_date, due_first, bad_sum, no_total)
    updates = {u["id"]: u for u in validated_rows(INVOICE, rows, APPROVE_AT)[0]}
    assert updates["0"] == {"id": "0", "validation_flags": [], "status": APPROVED}
    assert rows[1]["field_evidence"]["date"]["confidence"] < APPROVE_AT
    assert updates["1"]["validation_flags"] == ["low_confidence:date"]
    assert updates["2"]["validation_flags"] == ["date_before:due_date"]
    assert updates["3"]["validation_flags"] == ["sum_mismatch:total"]
    assert "missing_required_field:total" in updates["4"]["validation_flags"]
    assert [updates[str(i)]["status"] for i in range(1, 5)] == [REVIEW] * 4


def test_total_check_needs_every_part_printed_once() -> None:
    gross_subtotal = CLEAR.replace("Subtotal   $100.00", "Net amount   $100.00\nSubtotal   $120.00")
    no_tax = CLEAR.replace("VAT   $20.00\n", "")
    for row in _rows(gross_subtotal, no_tax):
        assert "parts" not in row["field_evidence"]["total"]  # ambiguous or absent: no check, no flag
    [clear] = _rows(CLEAR)
    parts = clear["field_evidence"]["total"]["parts"]
    assert {k: v["value"] for k, v in parts.items()} == {"net": 100.0, "tax": 20.0}


def test_second_generator_development_part_is_read(tmp_path: Path) -> None:
    """Five layouts in five languages (the held-back part is for bench/extract.py only)."""
    development, held_back = split_unseen(generate_unseen(20, seed=101))
    assert len(development) == len(held_back) == 10
    assert {fx.layout for fx in development} == {
        "kv_box",
        "title_line",
        "header_row",
        "sender_line",
        "party_blocks",
    }
    for fx in development:
        path = tmp_path / fx.filename
        path.write_bytes(fx.data)
        document = read_document(str(path), "pdf")
        assert not isinstance(document, str)
        extraction = extract_fields(document, INVOICE, INDEX)
        _check_evidence(document, extraction.values, extraction.evidence)
        assert extraction.values["total"] == pytest.approx(fx.truth["total"]), fx.filename
        assert extraction.values["currency"] == fx.truth["currency"], fx.filename


def test_currency_from_a_country_cue_is_weak_evidence() -> None:
    text = (
        "Van Dijk Installaties B.V.\nKerkstraat 21, 3511 AB Utrecht, Nederland\n"
        "Factuurnummer: 2024-0912\nFactuurdatum: 11-08-2025\nTotaal   1.234,50\n"
    )
    row = extracted_row(DocumentText(pages=[text]), INVOICE, INDEX, APPROVE_AT)
    assert row["values"]["currency"] == "EUR"
    evidence = row["field_evidence"]["currency"]
    assert evidence["raw"] == "Nederland" and evidence["anchor"] == "country"
    assert evidence["confidence"] < APPROVE_AT  # an address abroad is common: never approved on a cue


def test_currency_check_knows_every_iso_4217_code() -> None:
    rows = [
        {"id": "kes", "values": {"currency": "KES"}},
        {"id": "bad", "values": {"currency": "XYZ"}},
    ]
    flags = validate_rows(INVOICE, rows).flags
    assert "format_mismatch:currency" not in flags["kes"]
    assert "format_mismatch:currency" in flags["bad"]

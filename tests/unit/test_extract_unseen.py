"""Hand-written invoices in wordings and layouts the fixture generator never produces.

A guard against fitting the engine to the generator: these use other label synonyms
(Invoice Ref., Bill Date, Émise le, Total à payer), a dateline after the number, "Fr."
amounts, a discount line, a column header "Due" and a shipping company whose name holds
a distractor word.
"""

from __future__ import annotations

from typing import Any

import pytest
from docharvest.extract.fields import extract_fields
from docharvest.extract.schema import load_schema
from docharvest.text.document import DocumentText

CASES: dict[str, tuple[str, dict[str, Any]]] = {
    **{
        "a": (
            """OCEANIC SHIPPING B.V.
Havenstraat 5, Rotterdam

INVOICE
Invoice Ref.      OS/2024/7781
Bill Date         12-03-2024
Terms             Net 30
Payment Due       11-04-2024

Customer
Bluefin Trading Ltd

Item                         Qty    Price      Line Total
Freight Rotterdam-Leeds        1    1,200.00    1,200.00

                             Net                1,200.00
                             VAT 21%              252.00
                             Invoice Total    EUR 1,452.00
""",
            dict(
                invoice_number="OS/2024/7781",
                vendor="OCEANIC SHIPPING B.V.",
                total=1452.0,
                currency="EUR",
                date="2024-03-12",
                due_date="2024-04-11",
            ),
        ),
        "b": (
            """Tax Invoice #: 000123
Issued: 5 Jan 2024
Seller: Rivera Plumbing LLC, 12 Oak St, Denver CO
Buyer: Jane Doe
Labor 3h @ 95.00 = 285.00
Parts 42.50
Sales tax (8.81%): 28.86
TOTAL AMOUNT DUE: $356.36
Due upon receipt
""",
            dict(
                invoice_number="000123",
                vendor="Rivera Plumbing LLC, 12 Oak St, Denver CO",
                total=356.36,
                currency="USD",
                date="2024-01-05",
                due_date=None,
            ),
        ),
        "c": (
            """Schreinerei Holzwurm
Lindenweg 3 · 79098 Freiburg
Herrn Max Mustermann, Gartenstr. 1, 79100 Freiburg

Rechnung Nr. 2024-117                               Freiburg, 14.02.2024

Pos.  Bezeichnung            Menge   Einzelpreis   Gesamtpreis
1     Eichentisch            1       1.450,00 €    1.450,00 €
                                     Nettobetrag   1.450,00 €
                                     19 % MwSt.      275,50 €
                                     Rechnungsbetrag 1.725,50 €
Zahlbar innerhalb 14 Tagen bis 28.02.2024 ohne Abzug.
""",
            dict(
                invoice_number="2024-117",
                vendor="Schreinerei Holzwurm",
                total=1725.5,
                currency="EUR",
                date="2024-02-14",
                due_date="2024-02-28",
            ),
        ),
        "d": (
            """FACTURE N° FA-0042
Émise le 3 mars 2024
Studio Graphique Lune
Client : Boulangerie Dupain
Montant HT : 800,00 €
TVA (20 %) : 160,00 €
Montant TTC : 960,00 €
Date limite de règlement : 2 avril 2024
""",
            dict(
                invoice_number="FA-0042",
                vendor="Studio Graphique Lune",
                total=960.0,
                currency="EUR",
                date="2024-03-03",
                due_date="2024-04-02",
            ),
        ),
    },
    **{
        "e": (
            """Brightwave Media Inc.
500 Pine St, Seattle, WA 98101

INVOICE                    Invoice Number   Date         Due
                           BW-5521          02/03/2024   03/04/2024
Bill To: Northpoint Clinic

Description          Hours    Rate      Total
Video editing        10       85.00     850.00
Color grading         4       95.00     380.00

Subtotal                                1,230.00
Discount (10%)                           -123.00
Total                                   1,107.00
Amount Due (USD)                        $1,107.00
""",
            dict(
                invoice_number="BW-5521",
                vendor="Brightwave Media Inc.",
                total=1107.0,
                currency="USD",
                date="2024-02-03",
                due_date="2024-03-04",
            ),
        ),
        "f": (
            """Garage du Lac Sàrl
Route de Lausanne 12, 1110 Morges

Facture no 3391
Date de facturation : 15.05.2024
Client : Mme Claire Favre

Service 30'000 km                         Fr. 420.00
Pneus hiver (4)                           Fr. 640.00
Sous-total                                Fr. 1'060.00
TVA 8,1 %                                 Fr. 85.85
Total à payer                             Fr. 1'145.85
Payable dans les 30 jours.
""",
            dict(
                invoice_number="3391",
                vendor="Garage du Lac Sàrl",
                total=1145.85,
                currency="CHF",
                date="2024-05-15",
                due_date=None,
            ),
        ),
        "g": (
            """Receipt / Invoice
From: Kettle & Co. Café
Date: 2024-06-01    Invoice: R-88812
2 x Flat white      7.00
1 x Croissant       3.20
Total               GBP 10.20
Paid by card
""",
            dict(
                invoice_number="R-88812",
                vendor="Kettle & Co. Café",
                total=10.2,
                currency="GBP",
                date="2024-06-01",
                due_date=None,
            ),
        ),
    },
}

# Footer-only company name, a multi-page invoice with the total on page 2, two currencies.
CASES.update(
    {
        "h": (
            """INVOICE

Invoice No.: 2024-0012 / Customer No.: 4411
Invoice date: March 5th 2024
Payment terms: 30 days net

Item                 Qty     Unit      Total
Widget A              2     10.00      20.00
Widget B              1      5.50       5.50

Total                                  25.50 EUR

Thank you! Lakeside Tools GmbH, Seestr. 4, 12345 Seedorf, HRB 1234
""",
            dict(
                invoice_number="2024-0012",
                vendor="Lakeside Tools GmbH",
                total=25.5,
                currency="EUR",
                date="2024-03-05",
                due_date=None,
            ),
        ),
        "i": (
            """Pinecrest Landscaping
Invoice
Number: 7781          Date: 2024/03/05
Total EUR 100.00 (USD 108.00)
""",
            dict(
                invoice_number="7781",
                vendor="Pinecrest Landscaping",
                total=100.0,
                currency="EUR",
                date="2024-03-05",
                due_date=None,
            ),
        ),
        "j": (
            """Page 1 of 2
ALPINE OUTFITTERS AG
Bahnhofplatz 1, 6003 Luzern
Rechnungsnummer 88-1200
Rechnungsdatum 2. Januar 2024
\f
Page 2 of 2
Übertrag                CHF 1'000.00
Versandkosten           CHF 15.00
MWST 8.1%               CHF 82.22
Total CHF               1'097.22
""",
            dict(
                invoice_number="88-1200",
                vendor="ALPINE OUTFITTERS AG",
                total=1097.22,
                currency="CHF",
                date="2024-01-02",
                due_date=None,
            ),
        ),
    }
)


@pytest.mark.parametrize("name", sorted(CASES))
def test_unseen_invoice_styles(name: str) -> None:
    text, expected = CASES[name]
    values = extract_fields(DocumentText(pages=text.split("\f")), load_schema("invoice")).values
    assert {k: values[k] for k in expected} == expected

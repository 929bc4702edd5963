"""Labelled fixture documents for extract jobs: invoices in many layouts and conventions, and minutes.

``generate_invoices(n, seed)`` returns real PDF (``samples.pdfwriter``) and DOCX (python-docx)
files with their ground truth: the values a reader would write down and the validation
flags the row should get. Layouts, languages, number and date conventions, label
wordings, distractor numbers (subtotal, tax, previous balance, customer and order
numbers, bank details) and missing or malformed fields are drawn at random from the
seed, so the set is varied but reproducible. The extractor never sees this module.
"""

from __future__ import annotations

import calendar
import io
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from docharvest.samples.pdfwriter import PAGE_HEIGHT, PdfBuilder, PdfPage

# -- conventions --------------------------------------------------------------


@dataclass(frozen=True)
class Convention:
    code: str
    language: str
    currency: str
    symbol: str
    amount_style: str  # us | de | fr | ch
    date_styles: tuple[str, ...]
    symbol_after: bool = False


CONVENTIONS = {
    "us": Convention("us", "en", "USD", "$", "us", ("mdy_slash", "long_mdy", "short_mdy", "iso")),
    "uk": Convention("uk", "en", "GBP", "£", "us", ("dmy_slash", "long_dmy", "ord_dmy", "dmy_dash_mon")),
    "ie": Convention("ie", "en", "EUR", "€", "us", ("dmy_slash", "long_dmy", "iso")),
    "de": Convention("de", "de", "EUR", "€", "de", ("dmy_dot", "long_de", "iso"), symbol_after=True),
    "fr": Convention("fr", "fr", "EUR", "€", "fr", ("dmy_slash", "long_fr", "dmy_dot"), symbol_after=True),
    "ch": Convention("ch", "de", "CHF", "CHF", "ch", ("dmy_dot", "long_de")),
    "chfr": Convention("chfr", "fr", "CHF", "CHF", "ch", ("dmy_dot", "long_fr")),
}

MONTHS_EN = list(calendar.month_name)[1:]  # January .. December (English, C locale)
MONTHS_DE = [
    "Januar",
    "Februar",
    "März",
    "April",
    "Mai",
    "Juni",
    "Juli",
    "August",
    "September",
    "Oktober",
    "November",
    "Dezember",
]
MONTHS_FR = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
]


def fmt_date(d: date, style: str) -> str:
    if style == "mdy_slash":
        return f"{d.month:02d}/{d.day:02d}/{d.year}"
    if style == "dmy_slash":
        return f"{d.day:02d}/{d.month:02d}/{d.year}"
    if style == "dmy_dot":
        return f"{d.day:02d}.{d.month:02d}.{d.year}"
    if style == "iso":
        return d.isoformat()
    if style == "long_mdy":
        return f"{MONTHS_EN[d.month - 1]} {d.day}, {d.year}"
    if style == "short_mdy":
        return f"{MONTHS_EN[d.month - 1][:3]} {d.day}, {d.year}"
    if style == "long_dmy":
        return f"{d.day} {MONTHS_EN[d.month - 1]} {d.year}"
    if style == "ord_dmy":
        suffix = "th" if 11 <= d.day <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(d.day % 10, "th")
        return f"{d.day}{suffix} {MONTHS_EN[d.month - 1]} {d.year}"
    if style == "dmy_dash_mon":
        return f"{d.day:02d}-{MONTHS_EN[d.month - 1][:3]}-{d.year}"
    if style == "long_de":
        return f"{d.day}. {MONTHS_DE[d.month - 1]} {d.year}"
    if style == "long_fr":
        return f"{'1er' if d.day == 1 else d.day} {MONTHS_FR[d.month - 1]} {d.year}"
    raise ValueError(style)


def fmt_number(value: float, style: str) -> str:
    whole, cents = f"{abs(value):,.2f}".split(".")
    sep = {"us": ",", "de": ".", "fr": "\u00a0", "ch": "'"}[style]
    dec = "," if style in ("de", "fr") else "."
    return ("-" if value < 0 else "") + whole.replace(",", sep) + dec + cents


def fmt_money(value: float, conv: Convention, rng: random.Random, mode: str) -> str:
    if value < 0:
        return "-" + fmt_money(-value, conv, rng, mode)
    number = fmt_number(value, conv.amount_style)
    if mode == "bare":
        return number
    if mode == "code":
        return f"{conv.currency} {number}" if rng.random() < 0.5 else f"{number} {conv.currency}"
    if conv.symbol_after or conv.symbol == "CHF":
        return f"{number} {conv.symbol}" if conv.symbol != "CHF" else f"CHF {number}"
    return f"{conv.symbol}{number}"


# -- vocabulary (labels as real documents write them) -------------------------

WORDS: dict[str, dict[str, list[str]]] = {
    "en": {
        "title": ["INVOICE", "Invoice", "TAX INVOICE", "Sales Invoice"],
        "number": ["Invoice No:", "Invoice #", "Invoice Number:", "Invoice no.", "Inv. No.", "Invoice ID:"],
        "date": ["Date:", "Invoice Date:", "Date of issue:", "Issue date:", "Dated:"],
        "due": ["Due Date:", "Payment due:", "Due by:", "Pay by:"],
        "bill_to": ["Bill To:", "Billed To:", "Invoice to:", "Customer:", "Sold To:"],
        "from": ["From:", "Supplier:", "Vendor:", "Issued by:"],
        "subtotal": ["Subtotal", "Sub-total", "Net amount", "Total excl. VAT"],
        "tax": ["Tax", "VAT", "Sales Tax", "VAT @"],
        "total": [
            "Total",
            "TOTAL",
            "Amount Due",
            "Total Due",
            "Balance Due",
            "Grand Total",
            "Total (incl. VAT)",
        ],
        "customer_no": ["Customer No:", "Account No:", "Customer ID:", "Client number:"],
        "order_no": ["PO Number:", "Order No:", "Purchase Order:"],
        "items": ["Description", "Qty", "Unit Price", "Amount"],
        "prev": ["Previous balance", "Balance brought forward"],
        "payments": ["Payments received", "Payment received - thank you"],
        "statement": ["STATEMENT OF ACCOUNT", "Account Statement"],
        "carried": ["Carried forward", "Page total"],
        "currency": ["Currency:"],
        "thanks": [
            "Thank you for your business.",
            "Payment terms: 30 days net.",
            "Please quote the invoice number with your payment.",
        ],
    },
    "de": {
        "title": ["RECHNUNG", "Rechnung"],
        "number": ["Rechnungsnummer:", "Rechnung Nr.", "Rechnungs-Nr.:", "Re-Nr.:", "Rechnungsnr."],
        "date": ["Datum:", "Rechnungsdatum:", "Datum"],
        "due": ["Fällig am:", "Zahlbar bis:", "Fälligkeitsdatum:"],
        "bill_to": ["Rechnungsempfänger:", "Rechnungsadresse:", "Kunde:"],
        "from": ["Lieferant:", "Rechnungssteller:"],
        "subtotal": ["Zwischensumme", "Nettobetrag", "Summe netto"],
        "tax": ["MwSt.", "USt.", "zzgl. MwSt.", "Umsatzsteuer"],
        "total": ["Gesamtbetrag", "Rechnungsbetrag", "Endbetrag", "Summe brutto", "Zu zahlen", "Gesamt"],
        "customer_no": ["Kundennummer:", "Kunden-Nr.:", "Kundennr."],
        "order_no": ["Bestellnummer:", "Auftragsnummer:"],
        "items": ["Beschreibung", "Menge", "Einzelpreis", "Betrag"],
        "prev": ["Vortrag", "Saldovortrag"],
        "payments": ["Zahlungseingang", "Zahlungen"],
        "statement": ["KONTOAUSZUG", "Kontoauszug"],
        "carried": ["Übertrag"],
        "currency": ["Währung:"],
        "thanks": [
            "Vielen Dank für Ihren Auftrag.",
            "Zahlbar innerhalb von 14 Tagen ohne Abzug.",
            "Bitte geben Sie bei Zahlung die Rechnungsnummer an.",
        ],
    },
    "fr": {
        "title": ["FACTURE", "Facture"],
        "number": ["Facture n°", "N° de facture :", "Numéro de facture :", "Facture N°"],
        "date": ["Date :", "Date de facture :", "Date d'émission :"],
        "due": ["Date d'échéance :", "Échéance :", "À payer avant le :"],
        "bill_to": ["Facturé à :", "Client :", "Adresse de facturation :", "Destinataire :"],
        "from": ["Fournisseur :", "Émetteur :"],
        "subtotal": ["Total HT", "Sous-total", "Montant HT"],
        "tax": ["TVA", "TVA 20 %"],
        "total": ["Total TTC", "Net à payer", "Montant TTC", "Total à payer", "Montant total"],
        "customer_no": ["N° client :", "Numéro client :"],
        "order_no": ["N° de commande :", "Bon de commande :"],
        "items": ["Désignation", "Qté", "Prix unitaire", "Montant"],
        "prev": ["Solde précédent", "Report"],
        "payments": ["Paiements reçus", "Règlements"],
        "statement": ["RELEVÉ DE COMPTE"],
        "carried": ["Report", "À reporter"],
        "currency": ["Devise :"],
        "thanks": [
            "Merci de votre confiance.",
            "Paiement à 30 jours fin de mois.",
            "Pénalités de retard : 3 fois le taux d'intérêt légal.",
        ],
    },
}

VENDOR_STEMS = [
    "Acme",
    "Nordlicht",
    "Blue River",
    "Helvetia Data",
    "Boulangerie Martin",
    "Kessler & Sohn",
    "Brightline",
    "Alpenblick",
    "Northwind Traders",
    "Greenleaf",
    "Lumière Conseil",
    "Stahlbau Weber",
    "Harbour Freight",
    "Quantum Leap",
    "Atelier Dubois",
    "Bergmann",
    "Redwood Analytics",
    "Seeland Druck",
    "Pixel Forge",
    "Maison Leclerc",
    "Crescent Logistics",
    "Falkenstein",
    "Oakridge Supplies",
    "Rheintal Elektro",
    "Summit Legal",
    "Vertex Software",
    "Château Moreau",
    "Thames Catering",
    "Zürcher Treuhand",
    "Polar Bear Cooling",
]
SUFFIXES = {
    "us": ["Inc.", "LLC", "Corp.", "Co.", ""],
    "uk": ["Ltd", "Limited", "plc", "LLP", ""],
    "ie": ["Ltd", "Limited", ""],
    "de": ["GmbH", "AG", "GmbH & Co. KG", "e.K.", "UG"],
    "fr": ["SARL", "SAS", "SA", "EURL"],
    "ch": ["AG", "GmbH", "Sàrl"],
    "chfr": ["SA", "Sàrl"],
}
CUSTOMER_STEMS = [
    "Globex",
    "Initech",
    "Stark Industries",
    "Umbrella Services",
    "Wayne Enterprises",
    "Hooli",
    "Vandelay Imports",
    "Soylent",
    "Cyberdyne",
    "Tyrell",
    "Massive Dynamic",
    "Gringotts",
    "Wonka Foods",
    "Aperture Labs",
    "Duff Brewing",
    "Monarch",
    "Pied Piper",
    "Dunder Mifflin",
    "Prestige Worldwide",
    "Los Pollos",
]
STREETS = {
    "en": [
        "12 High Street",
        "450 Market St, Suite 200",
        "7 Harbour Road",
        "88 Queen's Avenue",
        "1200 Elm Drive",
    ],
    "de": ["Hauptstraße 12", "Bahnhofstr. 4", "Am Markt 7", "Industrieweg 23", "Seestrasse 101"],
    "fr": ["12 rue de la Paix", "4 avenue Victor Hugo", "7 place Bellecour", "23 boulevard Voltaire"],
}
CITIES = {
    "us": ["Springfield, IL 62701", "Austin, TX 78701", "Portland, OR 97205"],
    "uk": ["London EC1A 1BB", "Manchester M1 2AB", "Leeds LS1 4DY"],
    "ie": ["Dublin 2", "Cork T12 X"],
    "de": ["10115 Berlin", "80331 München", "50667 Köln"],
    "fr": ["75002 Paris", "69002 Lyon", "33000 Bordeaux"],
    "ch": ["8001 Zürich", "3011 Bern", "4051 Basel"],
    "chfr": ["1201 Genève", "1003 Lausanne"],
}
ITEMS = {
    "en": [
        "Consulting services",
        "Website maintenance",
        "Office chairs",
        "Printer toner",
        "Cloud hosting (monthly)",
        "Training workshop",
        "Travel expenses",
        "Software licence",
        "Catering",
        "Cleaning service",
    ],
    "de": [
        "Beratungsleistung",
        "Wartung Website",
        "Bürostühle",
        "Druckerpatronen",
        "Cloud-Hosting (monatlich)",
        "Schulung",
        "Reisekosten",
        "Softwarelizenz",
        "Montage",
    ],
    "fr": [
        "Prestation de conseil",
        "Maintenance du site",
        "Chaises de bureau",
        "Cartouches d'encre",
        "Hébergement (mensuel)",
        "Formation",
        "Frais de déplacement",
        "Licence logiciel",
    ],
}

# -- the invoice model --------------------------------------------------------


@dataclass
class Invoice:
    """One invoice's content and how it is written."""

    conv: Convention
    words: dict[str, list[str]]
    rng: random.Random
    vendor: str
    customer: str
    number: str | None
    number_text: str | None
    issue: date | None
    issue_text: str | None
    due: date | None
    due_text: str | None
    items: list[tuple[str, int, float]]
    tax_rate: float
    money_mode: str
    currency_truth: str | None
    previous_balance: float = 0.0
    payments: float = 0.0
    total_present: bool = True
    negative: bool = False

    @property
    def subtotal(self) -> float:
        return round(sum(q * p for _, q, p in self.items), 2)

    @property
    def tax(self) -> float:
        return round(self.subtotal * self.tax_rate, 2)

    @property
    def total(self) -> float:
        value = round(self.subtotal + self.tax + self.previous_balance - self.payments, 2)
        return -value if self.negative else value

    def w(self, key: str) -> str:
        return self.rng.choice(self.words[key])

    def money(self, value: float) -> str:
        return fmt_money(value, self.conv, self.rng, self.money_mode)

    def address(self, kind: str) -> list[str]:
        lang = "en" if self.conv.language == "en" else self.conv.language
        return [self.rng.choice(STREETS[lang]), self.rng.choice(CITIES[self.conv.code])]

    def truth(self) -> dict[str, Any]:
        return {
            "invoice_number": self.number_text,
            "vendor": self.vendor,
            "total": self.total if self.total_present else None,
            "currency": self.currency_truth,
            "date": self.issue_text and (self.issue.isoformat() if self.issue else self.issue_text),
            "due_date": self.due.isoformat() if self.due and self.due_text else None,
        }


@dataclass
class Fixture:
    filename: str
    data: bytes
    document_type: str
    layout: str
    truth: dict[str, Any]
    flags: list[str] = field(default_factory=list)


def _make_invoice(rng: random.Random, conv: Convention) -> tuple[Invoice, list[str]]:
    words = WORDS[conv.language]
    suffix = rng.choice(SUFFIXES[conv.code])
    vendor = f"{rng.choice(VENDOR_STEMS)} {suffix}".strip()
    customer = f"{rng.choice(CUSTOMER_STEMS)} {rng.choice(SUFFIXES[conv.code]) or 'Ltd'}".strip()
    issue = date(2023, 1, 1) + timedelta(days=rng.randrange(0, 700))
    due = issue + timedelta(days=rng.choice([14, 21, 30, 45]))
    style = rng.choice(conv.date_styles)
    year = issue.year
    number = rng.choice(
        [
            f"INV-{year}-{rng.randrange(1, 9999):04d}",
            f"{rng.randrange(10000, 99999)}",
            f"RE-{year % 100}-{rng.randrange(100, 9999)}",
            f"F{year}/{rng.randrange(1, 999):03d}",
            f"{year}-{rng.randrange(1, 99999):05d}",
            f"A{rng.randrange(1000, 9999)}",
            f"SI.{rng.randrange(100000, 999999)}",
        ]
    )
    n_items = rng.randint(1, 6)
    items = [
        (rng.choice(ITEMS[conv.language]), rng.randint(1, 12), round(rng.uniform(5, 2500), 2))
        for _ in range(n_items)
    ]
    tax_rate = {
        "us": rng.choice([0.0, 0.0625, 0.08]),
        "uk": 0.2,
        "ie": 0.23,
        "de": 0.19,
        "fr": 0.2,
        "ch": 0.081,
        "chfr": 0.081,
    }[conv.code]
    money_mode = rng.choices(["symbol", "code", "bare"], weights=[6, 3, 1])[0]
    flags: list[str] = []
    inv = Invoice(
        conv,
        words,
        rng,
        vendor,
        customer,
        number,
        number,
        issue,
        fmt_date(issue, style),
        due,
        fmt_date(due, style),
        items,
        tax_rate,
        money_mode,
        conv.currency if money_mode != "bare" else None,
    )
    if money_mode == "bare" and rng.random() < 0.5:
        inv.currency_truth = conv.currency  # stated once as "Currency: XXX"
        inv.money_mode = "bare_labelled"
    # Missing and malformed fields, at rates a real inbox has.
    roll = rng.random()
    if roll < 0.05:
        inv.number = inv.number_text = None
        flags.append("missing_required_field:invoice_number")
    elif roll < 0.09:
        inv.issue = inv.issue_text = None
        flags.append("missing_required_field:date")
    elif roll < 0.13:
        inv.total_present = False
        flags.append("missing_required_field:total")
    elif roll < 0.17:
        bad = date(issue.year, 2, 1)
        inv.issue = None
        inv.issue_text = fmt_date(bad, "dmy_dot" if conv.amount_style in ("de", "ch") else "iso").replace(
            "01", "31", 1
        )
        flags.append("format_mismatch:date")
    elif roll < 0.19:
        inv.negative = True
        flags.append("out_of_range:total")
    if rng.random() < 0.25:
        inv.due = None
        inv.due_text = None
    return inv, flags


# -- PDF layouts --------------------------------------------------------------

LEFT, RIGHT = 60.0, 340.0


def _items_table(
    page: PdfPage, inv: Invoice, y: float, x_cols: tuple[float, ...] = (60, 300, 370, 470)
) -> float:
    for x, head in zip(x_cols, inv.words["items"], strict=True):
        page.text(x, y, head, size=10, bold=True)
    y -= 6
    page.rule(LEFT, y, 550, y)
    y -= 14
    for name, qty, price in inv.items:
        page.text(x_cols[0], y, name, size=10)
        page.text(x_cols[1], y, str(qty), size=10)
        page.text(x_cols[2], y, fmt_number(price, inv.conv.amount_style), size=10)
        page.text(x_cols[3], y, fmt_number(qty * price, inv.conv.amount_style), size=10)
        y -= 15
    return y - 10


def _totals_block(page: PdfPage, inv: Invoice, y: float, x_label: float = 340, x_value: float = 470) -> float:
    rows: list[tuple[str, str]] = [(inv.w("subtotal"), inv.money(inv.subtotal))]
    if inv.tax_rate:
        label = inv.w("tax")
        rows.append(
            (
                f"{label} {inv.tax_rate * 100:g}%" if "%" not in label and inv.rng.random() < 0.7 else label,
                inv.money(inv.tax),
            )
        )
    if inv.previous_balance:
        rows.append((inv.w("prev"), inv.money(inv.previous_balance)))
    if inv.total_present:
        rows.append((inv.w("total"), inv.money(inv.total)))
    for label, value in rows:
        page.text(x_label, y, label, size=10, bold=label == rows[-1][0])
        page.text(x_value, y, value, size=10)
        y -= 16
    if inv.money_mode == "bare_labelled":
        page.text(x_label, y, f"{inv.w('currency')} {inv.conv.currency}", size=9)
        y -= 14
    return y


def _meta_pairs(inv: Invoice, extra: bool = True) -> list[tuple[str, str]]:
    pairs = []
    if inv.number_text:
        pairs.append((inv.w("number"), inv.number_text))
    if inv.issue_text:
        pairs.append((inv.w("date"), inv.issue_text))
    if inv.due_text:
        pairs.append((inv.w("due"), inv.due_text))
    if extra and inv.rng.random() < 0.7:
        pairs.append((inv.w("customer_no"), str(inv.rng.randrange(10000, 99999))))
    if extra and inv.rng.random() < 0.4:
        pairs.append((inv.w("order_no"), f"PO-{inv.rng.randrange(1000, 9999)}"))
    inv.rng.shuffle(pairs)
    return pairs


def _meta_lines(inv: Invoice, extra: bool = True) -> list[str]:
    return [f"{label} {value}" for label, value in _meta_pairs(inv, extra)]


def _footer(page: PdfPage, inv: Invoice) -> None:
    page.text(LEFT, 80, inv.w("thanks"), size=9)
    iban = f"IBAN DE{inv.rng.randrange(10, 99)} {inv.rng.randrange(1000, 9999)} {inv.rng.randrange(1000, 9999)} {inv.rng.randrange(1000, 9999)} 00"
    page.text(LEFT, 66, f"{inv.vendor} · {iban}" if inv.rng.random() < 0.5 else iban, size=8)


def layout_classic(inv: Invoice) -> PdfBuilder:
    """Vendor letterhead left, title and meta data right, bill-to block, items, totals."""
    pdf = PdfBuilder(title=inv.w("title"))
    page = pdf.page()
    y = PAGE_HEIGHT - 60
    page.text(LEFT, y, inv.vendor, size=16, bold=True)
    page.lines(LEFT, y - 18, inv.address("vendor"), size=9)
    page.text(RIGHT + 60, y, inv.w("title"), size=18, bold=True)
    page.lines(RIGHT + 20, y - 26, _meta_lines(inv), size=10)
    y -= 140
    page.text(LEFT, y, inv.w("bill_to"), size=10, bold=True)
    page.lines(LEFT, y - 14, [inv.customer, *inv.address("customer")], size=10)
    y = _items_table(page, inv, y - 80)
    _totals_block(page, inv, y)
    _footer(page, inv)
    return pdf


def layout_header_table(inv: Invoice) -> PdfBuilder:
    """DIN-style: sender line over the recipient window, meta data as a table, totals right."""
    pdf = PdfBuilder(title=inv.w("title"))
    page = pdf.page()
    y = PAGE_HEIGHT - 50
    page.text(RIGHT, y, inv.vendor, size=15, bold=True)
    page.lines(RIGHT, y - 16, inv.address("vendor"), size=9)
    y -= 90
    page.text(LEFT, y, f"{inv.vendor} · {inv.address('vendor')[0]}", size=7)
    page.lines(LEFT, y - 14, [inv.customer, *inv.address("customer")], size=10)
    y -= 90
    page.text(LEFT, y, inv.w("title"), size=16, bold=True)
    y -= 30
    heads, vals = [], []
    if inv.number_text:
        heads.append(inv.w("number").rstrip(": ")), vals.append(inv.number_text)
    if inv.issue_text:
        heads.append(inv.w("date").rstrip(": ")), vals.append(inv.issue_text)
    heads.append(inv.w("customer_no").rstrip(": ")), vals.append(str(inv.rng.randrange(10000, 99999)))
    if inv.due_text:
        heads.append(inv.w("due").rstrip(": ")), vals.append(inv.due_text)
    for i, (head, val) in enumerate(zip(heads, vals, strict=True)):
        page.text(LEFT + i * 125, y, head, size=9, bold=True)
        page.text(LEFT + i * 125, y - 14, val, size=10)
    y = _items_table(page, inv, y - 50)
    _totals_block(page, inv, y, x_label=330, x_value=480)
    _footer(page, inv)
    return pdf


def layout_two_column(inv: Invoice) -> PdfBuilder:
    """From and Bill-to side by side; meta data in a row of label: value pairs."""
    pdf = PdfBuilder(title=inv.w("title"))
    page = pdf.page()
    y = PAGE_HEIGHT - 60
    page.text(LEFT, y, inv.w("title"), size=20, bold=True)
    y -= 40
    page.text(LEFT, y, inv.w("from"), size=10, bold=True)
    page.text(RIGHT, y, inv.w("bill_to"), size=10, bold=True)
    page.lines(LEFT, y - 14, [inv.vendor, *inv.address("vendor")], size=10)
    page.lines(RIGHT, y - 14, [inv.customer, *inv.address("customer")], size=10)
    y -= 90
    meta = _meta_lines(inv, extra=inv.rng.random() < 0.5)
    for i, line in enumerate(meta):
        page.text(LEFT if i % 2 == 0 else RIGHT, y - (i // 2) * 15, line, size=10)
    y -= 20 + 15 * ((len(meta) + 1) // 2)
    y = _items_table(page, inv, y)
    _totals_block(page, inv, y)
    _footer(page, inv)
    return pdf


def layout_labels_above(inv: Invoice) -> PdfBuilder:
    """Form style: small upper-case labels with the value under each, total in a box."""
    pdf = PdfBuilder(title=inv.w("title"))
    page = pdf.page()
    y = PAGE_HEIGHT - 60
    page.text(LEFT, y, inv.vendor.upper() if inv.rng.random() < 0.3 else inv.vendor, size=14, bold=True)
    page.text(RIGHT + 80, y, inv.w("title"), size=14, bold=True)
    y -= 50
    fields = []
    if inv.number_text:
        fields.append((inv.w("number").rstrip(": ").upper(), inv.number_text))
    if inv.issue_text:
        fields.append((inv.w("date").rstrip(": ").upper(), inv.issue_text))
    if inv.due_text:
        fields.append((inv.w("due").rstrip(": ").upper(), inv.due_text))
    fields.append((inv.w("bill_to").rstrip(": ").upper(), inv.customer))
    for i, (label, value) in enumerate(fields):
        x = LEFT + (i % 3) * 170
        yy = y - (i // 3) * 40
        page.text(x, yy, label, size=8)
        page.text(x, yy - 13, value, size=11)
    y -= 40 * ((len(fields) + 2) // 3) + 20
    y = _items_table(page, inv, y)
    y = _totals_block(page, inv, y)
    if inv.total_present and inv.rng.random() < 0.5:
        page.text(RIGHT, y - 20, inv.w("total").upper(), size=8)
        page.text(RIGHT, y - 36, inv.money(inv.total), size=16, bold=True)
    _footer(page, inv)
    return pdf


def layout_letter(inv: Invoice) -> PdfBuilder:
    """A letter: letterhead, place and date line, recipient, subject with the number, prose, totals."""
    pdf = PdfBuilder(title=inv.w("title"))
    page = pdf.page()
    y = PAGE_HEIGHT - 60
    page.text(LEFT, y, inv.vendor, size=13, bold=True)
    page.lines(LEFT, y - 15, inv.address("vendor"), size=9)
    city = inv.address("vendor")[1].split()[-1]
    lang = inv.conv.language
    if inv.issue_text:
        dateline = {"fr": f"{city}, le {inv.issue_text}", "de": f"{city}, den {inv.issue_text}"}.get(
            lang, inv.issue_text
        )
        if lang != "en" and inv.rng.random() < 0.5:
            dateline = f"{inv.w('date')} {inv.issue_text}"
        page.text(RIGHT + 40, y - 60, dateline, size=10)
    page.lines(LEFT, y - 90, [inv.customer, *inv.address("customer")], size=10)
    y -= 170
    if inv.number_text:
        page.text(LEFT, y, f"{inv.w('number')} {inv.number_text}", size=12, bold=True)
    else:
        page.text(LEFT, y, inv.w("title"), size=12, bold=True)
    y -= 30
    y = _items_table(page, inv, y)
    y = _totals_block(page, inv, y)
    if inv.due_text:
        page.text(LEFT, y - 20, f"{inv.w('due')} {inv.due_text}", size=10)
    _footer(page, inv)
    return pdf


def layout_statement(inv: Invoice) -> PdfBuilder:
    """A multi-page statement: transactions with page totals carried forward, amount due on the last page."""
    pdf = PdfBuilder(title=inv.w("statement"))
    lines_per_page = 22
    transactions = [
        (
            inv.issue - timedelta(days=inv.rng.randrange(1, 40)) if inv.issue else date(2024, 1, 1),
            f"{inv.w('title')} {inv.rng.randrange(1000, 9999)}",
            round(inv.rng.uniform(10, 900), 2),
        )
        for _ in range(inv.rng.randint(25, 55))
    ]
    charges = round(sum(a for _, _, a in transactions), 2)
    inv.items = [("statement", 1, charges)]
    inv.tax_rate = 0.0
    inv.previous_balance = round(inv.rng.uniform(100, 5000), 2)
    inv.payments = round(inv.previous_balance * inv.rng.choice([1.0, 0.5]), 2)
    style = inv.rng.choice(inv.conv.date_styles)
    running = 0.0
    pages = [transactions[i : i + lines_per_page] for i in range(0, len(transactions), lines_per_page)]
    for number, chunk in enumerate(pages, start=1):
        page = pdf.page()
        y = PAGE_HEIGHT - 60
        if number == 1:
            page.text(LEFT, y, inv.vendor, size=15, bold=True)
            page.text(RIGHT + 40, y, inv.w("statement"), size=13, bold=True)
            page.lines(RIGHT + 40, y - 20, _meta_lines(inv), size=10)
            page.text(LEFT, y - 40, inv.w("bill_to"), size=10, bold=True)
            page.lines(LEFT, y - 54, [inv.customer, *inv.address("customer")], size=10)
            y -= 140
            page.text(LEFT, y, inv.w("prev"), size=10)
            page.text(470, y, inv.money(inv.previous_balance), size=10)
            y -= 20
        else:
            page.text(LEFT, y, f"{inv.vendor} - {inv.w('statement')} ({number}/{len(pages)})", size=9)
            y -= 30
            page.text(LEFT, y, inv.w("carried"), size=10)
            page.text(470, y, inv.money(running), size=10)
            y -= 20
        for when, text, amount in chunk:
            page.text(LEFT, y, fmt_date(when, style), size=9)
            page.text(160, y, text, size=9)
            page.text(470, y, fmt_number(amount, inv.conv.amount_style), size=9)
            running = round(running + amount, 2)
            y -= 14
        if number < len(pages):
            page.text(300, y - 10, inv.w("carried"), size=10)
            page.text(470, y - 10, inv.money(running), size=10)
        else:
            y -= 10
            page.text(300, y, inv.w("payments"), size=10)
            page.text(470, y, inv.money(-inv.payments), size=10)
            if inv.total_present:
                page.text(
                    300,
                    y - 18,
                    inv.rng.choice(["Amount due", "Total due", "New balance"])
                    if inv.conv.language == "en"
                    else inv.w("total"),
                    size=11,
                    bold=True,
                )
                page.text(470, y - 18, inv.money(inv.total), size=11, bold=True)
        page.text(LEFT, 50, f"Page {number} of {len(pages)}", size=8)
    return pdf


def layout_qr_bill(inv: Invoice) -> PdfBuilder:
    """Swiss style: invoice on top, a payment slip below with 'payable to' and 'payable by' blocks."""
    pdf = layout_classic(inv) if inv.rng.random() < 0.5 else layout_header_table(inv)
    page = pdf.pages[-1]
    page.rule(0, 250, 612, 250)
    page.text(LEFT, 230, "Empfangsschein" if inv.conv.language == "de" else "Récépissé", size=11, bold=True)
    page.text(
        LEFT,
        212,
        "Konto / Zahlbar an" if inv.conv.language == "de" else "Compte / Payable à",
        size=8,
        bold=True,
    )
    page.lines(
        LEFT,
        200,
        [
            f"CH{inv.rng.randrange(10, 99)} 0900 0000 {inv.rng.randrange(1000, 9999)} {inv.rng.randrange(1000, 9999)} 1",
            inv.vendor,
        ],
        size=9,
    )
    page.text(LEFT, 165, "Zahlbar durch" if inv.conv.language == "de" else "Payable par", size=8, bold=True)
    page.lines(LEFT, 153, [inv.customer], size=9)
    page.text(LEFT, 120, "Währung" if inv.conv.language == "de" else "Monnaie", size=8, bold=True)
    page.text(LEFT + 60, 120, "Betrag" if inv.conv.language == "de" else "Montant", size=8, bold=True)
    page.text(LEFT, 106, inv.conv.currency, size=10)
    if inv.total_present and not inv.negative:
        page.text(LEFT + 60, 106, fmt_number(inv.total, "ch").replace("'", " "), size=10)
    if inv.money_mode == "bare":
        inv.currency_truth = inv.conv.currency
    return pdf


PDF_LAYOUTS: dict[str, Callable[[Invoice], PdfBuilder]] = {
    "classic": layout_classic,
    "header_table": layout_header_table,
    "two_column": layout_two_column,
    "labels_above": layout_labels_above,
    "letter": layout_letter,
    "statement": layout_statement,
    "qr_bill": layout_qr_bill,
}

# -- DOCX layouts -------------------------------------------------------------


def _docx_bytes(build: Callable[[Any], None]) -> bytes:
    import docx

    document = docx.Document()
    build(document)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def layout_docx_table(inv: Invoice) -> bytes:
    """DOCX: heading, key/value table, items table, totals table."""

    def build(document: Any) -> None:
        document.add_heading(inv.vendor, level=1)
        document.add_paragraph(", ".join(inv.address("vendor")))
        document.add_heading(inv.w("title"), level=2)
        meta = document.add_table(rows=0, cols=2)
        for label, value in _meta_pairs(inv):
            cells = meta.add_row().cells
            cells[0].text, cells[1].text = label, value
        cells = meta.add_row().cells
        cells[0].text, cells[1].text = inv.w("bill_to"), inv.customer
        items = document.add_table(rows=1, cols=4)
        for cell, head in zip(items.rows[0].cells, inv.words["items"], strict=True):
            cell.text = head
        for name, qty, price in inv.items:
            row = items.add_row().cells
            row[0].text, row[1].text = name, str(qty)
            row[2].text, row[3].text = (
                fmt_number(price, inv.conv.amount_style),
                fmt_number(qty * price, inv.conv.amount_style),
            )
        totals = document.add_table(rows=0, cols=2)
        rows = [(inv.w("subtotal"), inv.money(inv.subtotal)), (inv.w("tax"), inv.money(inv.tax))]
        if inv.total_present:
            rows.append((inv.w("total"), inv.money(inv.total)))
        if inv.money_mode == "bare_labelled":
            rows.append((inv.w("currency").rstrip(": "), inv.conv.currency))
        for label, value in rows:
            row = totals.add_row().cells
            row[0].text, row[1].text = label, value
        document.add_paragraph(inv.w("thanks"))

    return _docx_bytes(build)


def layout_docx_prose(inv: Invoice) -> bytes:
    """DOCX without tables: paragraphs of 'label: value' lines."""

    def build(document: Any) -> None:
        document.add_paragraph(inv.vendor)
        document.add_paragraph(inv.address("vendor")[0])
        document.add_heading(inv.w("title"), level=1)
        for line in _meta_lines(inv):
            document.add_paragraph(line)
        document.add_paragraph(inv.w("bill_to"))
        document.add_paragraph(inv.customer)
        document.add_paragraph(inv.address("customer")[1])
        document.add_paragraph("")
        for name, qty, price in inv.items:
            document.add_paragraph(f"{qty} x {name} {fmt_number(qty * price, inv.conv.amount_style)}")
        document.add_paragraph(f"{inv.w('subtotal')}: {inv.money(inv.subtotal)}")
        document.add_paragraph(f"{inv.w('tax')}: {inv.money(inv.tax)}")
        if inv.total_present:
            document.add_paragraph(f"{inv.w('total')}: {inv.money(inv.total)}")
        if inv.money_mode == "bare_labelled":
            document.add_paragraph(f"{inv.w('currency')} {inv.conv.currency}")
        document.add_paragraph(inv.w("thanks"))

    return _docx_bytes(build)


DOCX_LAYOUTS: dict[str, Callable[[Invoice], bytes]] = {
    "docx_table": layout_docx_table,
    "docx_prose": layout_docx_prose,
}
LAYOUTS = [*PDF_LAYOUTS, *DOCX_LAYOUTS]


def generate_invoice(rng: random.Random, layout: str, conv_code: str, index: int) -> Fixture:
    conv = CONVENTIONS[conv_code]
    inv, flags = _make_invoice(rng, conv)
    if layout in PDF_LAYOUTS:
        if layout == "statement" and inv.negative:
            inv.negative = False
            flags.remove("out_of_range:total")
        data = PDF_LAYOUTS[layout](inv).to_bytes()
        doc_type = "pdf"
    else:
        data = DOCX_LAYOUTS[layout](inv)
        doc_type = "docx"
    if inv.money_mode == "bare" and layout == "qr_bill":
        inv.currency_truth = conv.currency
    return Fixture(
        f"invoice_{index:04d}_{layout}_{conv_code}.{doc_type}",
        data,
        doc_type,
        layout,
        inv.truth(),
        sorted(flags),
    )


def generate_invoices(n: int = 64, seed: int = 7, layouts: list[str] | None = None) -> list[Fixture]:
    """``n`` labelled invoices cycling through every layout, conventions drawn per invoice."""
    rng = random.Random(seed)
    chosen = layouts or LAYOUTS
    out = []
    for i in range(n):
        layout = chosen[i % len(chosen)]
        conv_code = "ch" if layout == "qr_bill" else rng.choice(list(CONVENTIONS))
        if layout == "qr_bill":
            conv_code = rng.choice(["ch", "chfr"])
        out.append(generate_invoice(random.Random(rng.random()), layout, conv_code, i))
    return out


# -- minutes ------------------------------------------------------------------

PEOPLE = [
    "A. Smith",
    "B. Jones",
    "C. Müller",
    "D. Dupont",
    "E. Rossi",
    "F. Novak",
    "G. Lee",
    "H. Brown",
    "I. Weber",
    "J. Martin",
]


def generate_minutes(n: int = 8, seed: int = 11) -> list[Fixture]:
    """Board/council minutes with a meeting date, attendees, apologies, motions and a next-meeting distractor."""
    rng = random.Random(seed)
    out = []
    for i in range(n):
        held = date(2024, 1, 1) + timedelta(days=rng.randrange(0, 360))
        nxt = held + timedelta(days=28)
        style = rng.choice(["long_mdy", "long_dmy", "iso", "dmy_slash"])
        present = rng.sample(PEOPLE, rng.randint(3, 6))
        absent = rng.sample([p for p in PEOPLE if p not in present], 2)
        motions = [
            f"Motion {k + 1}: approve the {rng.choice(['budget', 'minutes', 'audit report', 'new policy'])}. Carried."
            for k in range(rng.randint(1, 3))
        ]
        date_line = rng.choice(
            [
                f"Held on {fmt_date(held, style)}",
                f"Date: {fmt_date(held, style)}",
                f"Meeting date: {fmt_date(held, style)}",
            ]
        )
        lines = [
            rng.choice(["Minutes of the Board Meeting", "Town Council - Regular Meeting Minutes"]),
            date_line,
            "",
            f"Present: {', '.join(present)}",
            f"Apologies: {', '.join(absent)}",
            "",
            "1. Call to order at 7:00 pm.",
            "2. Reports from committees were received.",
            "",
            "Motions:",
            *motions,
            "",
            f"Next meeting: {fmt_date(nxt, style)}",
        ]
        if i % 2:
            data = _minutes_pdf(lines)
            doc_type = "pdf"
        else:
            data = _docx_bytes(lambda d, lines=lines: [d.add_paragraph(line) for line in lines])
            doc_type = "docx"
        truth = {"meeting_date": held.isoformat(), "attendees": present, "motions": motions}
        out.append(Fixture(f"minutes_{i:03d}.{doc_type}", data, doc_type, "minutes", truth, []))
    return out


def _minutes_pdf(lines: list[str]) -> bytes:
    pdf = PdfBuilder(title="Minutes")
    pdf.page().lines(72, PAGE_HEIGHT - 72, lines, size=10)
    return pdf.to_bytes()


def scanned_pdf() -> bytes:
    """A PDF whose page has no text layer (only vector drawing), like a scan without OCR."""
    pdf = PdfBuilder(title="Scan")
    pdf.page().rule(72, 700, 500, 700).rule(72, 680, 500, 680)
    return pdf.to_bytes()

"""A second invoice generator, written after the engine's labels: layouts and wordings the first
generator (``invoices.py``) never produces, in English, German, French, Dutch and Spanish.

Layouts: a label/value box beside the letterhead, a title line "Invoice No. X dated <date>"
with a totals row "Total | net | tax | gross", a header row with the values under it, an
issuer named only in a sender line and the footer's legal line, and side-by-side seller and
buyer blocks with "Name:" rows. ``split_unseen`` cuts the set by position (even: development,
odd: held back); the held-back part is measured, never looked at while tuning.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from docharvest.samples.pdfwriter import PAGE_HEIGHT, PdfBuilder

from tests.support.invoices import Fixture


@dataclass(frozen=True)
class Lang:
    code: str
    currency: str
    symbol: str
    decimal_comma: bool
    months: tuple[str, ...]
    words: dict[str, str]


_EN_MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
LANGS = {
    "en": Lang(
        "en",
        "GBP",
        "£",
        False,
        tuple(_EN_MONTHS),
        dict(
            title="INVOICE",
            number="Invoice No.",
            date="Invoice date",
            due="Payment due",
            dated="dated",
            seller="Seller",
            buyer="Buyer",
            name="Name",
            address="Address",
            bill_to="Invoice address",
            net="Net",
            tax="VAT",
            gross="Total",
            total="Amount payable",
            customer="Customer no.",
            order="Order no.",
            vat_id="VAT reg. no.",
            reg="Registered in England No.",
            page="Page 1 of 1",
            thanks="Thank you for your business.",
            qty="Qty",
            desc="Description",
            amount="Amount",
        ),
    ),
    "de": Lang(
        "de",
        "EUR",
        "€",
        True,
        tuple(
            [
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
        ),
        dict(
            title="RECHNUNG",
            number="Rechnungsnummer",
            date="Rechnungsdatum",
            due="Fällig am",
            dated="vom",
            seller="Verkäufer",
            buyer="Käufer",
            name="Name",
            address="Anschrift",
            bill_to="Rechnungsempfänger",
            net="Netto",
            tax="USt.",
            gross="Gesamt",
            total="Gesamtbetrag",
            customer="Kundennummer",
            order="Bestellnummer",
            vat_id="USt-IdNr.",
            reg="Amtsgericht München HRB",
            page="Seite 1 von 1",
            thanks="Vielen Dank für Ihren Auftrag.",
            qty="Menge",
            desc="Beschreibung",
            amount="Betrag",
        ),
    ),
    "fr": Lang(
        "fr",
        "EUR",
        "€",
        True,
        tuple(
            [
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
        ),
        dict(
            title="FACTURE",
            number="Facture n°",
            date="Date de facture",
            due="Date d'échéance",
            dated="du",
            seller="Vendeur",
            buyer="Acheteur",
            name="Nom",
            address="Adresse",
            bill_to="Adresse de facturation",
            net="Total HT",
            tax="TVA",
            gross="Total TTC",
            total="Net à payer",
            customer="N° client",
            order="N° de commande",
            vat_id="N° TVA",
            reg="RCS Lyon",
            page="Page 1/1",
            thanks="Merci de votre confiance.",
            qty="Qté",
            desc="Désignation",
            amount="Montant",
        ),
    ),
    "nl": Lang(
        "nl",
        "EUR",
        "€",
        True,
        tuple(
            [
                "januari",
                "februari",
                "maart",
                "april",
                "mei",
                "juni",
                "juli",
                "augustus",
                "september",
                "oktober",
                "november",
                "december",
            ]
        ),
        dict(
            title="FACTUUR",
            number="Factuurnummer",
            date="Factuurdatum",
            due="Vervaldatum",
            dated="van",
            seller="Verkoper",
            buyer="Klant",
            name="Naam",
            address="Adres",
            bill_to="Factuuradres",
            net="Subtotaal",
            tax="BTW",
            gross="Totaal",
            total="Te betalen",
            customer="Klantnummer",
            order="Ordernummer",
            vat_id="BTW-nummer",
            reg="KvK",
            page="Pagina 1 van 1",
            thanks="Bedankt voor uw bestelling.",
            qty="Aantal",
            desc="Omschrijving",
            amount="Bedrag",
        ),
    ),
    "es": Lang(
        "es",
        "EUR",
        "€",
        True,
        tuple(
            [
                "enero",
                "febrero",
                "marzo",
                "abril",
                "mayo",
                "junio",
                "julio",
                "agosto",
                "septiembre",
                "octubre",
                "noviembre",
                "diciembre",
            ]
        ),
        dict(
            title="FACTURA",
            number="Número de factura",
            date="Fecha de factura",
            due="Vencimiento",
            dated="del",
            seller="Vendedor",
            buyer="Cliente",
            name="Nombre",
            address="Dirección",
            bill_to="Dirección de facturación",
            net="Base imponible",
            tax="IVA",
            gross="Total",
            total="Total a pagar",
            customer="Nº de cliente",
            order="Nº de pedido",
            vat_id="CIF",
            reg="Registro Mercantil de Madrid",
            page="Página 1 de 1",
            thanks="Gracias por su confianza.",
            qty="Cant.",
            desc="Descripción",
            amount="Importe",
        ),
    ),
}
ISSUERS = [
    "Brightwater Analytics",
    "Kessler Haustechnik",
    "Atelier Marceau",
    "Van Dijk Installaties",
    "Talleres Ortega",
]
LEGAL = {"en": "Ltd", "de": "GmbH", "fr": "SARL", "nl": "B.V.", "es": "S.L."}
CUSTOMERS = ["Harbour Foods", "Nordlicht Verlag", "Maison Berthier", "De Wit Logistiek", "Grupo Alameda"]
STREETS = ["12 Mill Lane", "Hauptstraße 4", "8 rue des Lilas", "Kerkstraat 21", "Calle Mayor 9"]
CITIES = ["Leeds LS1 4AB", "80331 München", "69002 Lyon", "3511 AB Utrecht", "28013 Madrid"]


@dataclass
class Doc:
    lang: Lang
    rng: random.Random
    issuer: str
    customer: str
    number: str
    issue: date
    due: date
    lines: list[tuple[str, int, float]]
    tax_rate: float

    @property
    def net(self) -> float:
        return round(sum(q * p for _, q, p in self.lines), 2)

    @property
    def tax(self) -> float:
        return round(self.net * self.tax_rate, 2)

    @property
    def gross(self) -> float:
        return round(self.net + self.tax, 2)

    def w(self, key: str) -> str:
        return self.lang.words[key]

    def num(self, value: float) -> str:
        text = f"{value:,.2f}"
        return text.replace(",", "X").replace(".", ",").replace("X", ".") if self.lang.decimal_comma else text

    def money(self, value: float) -> str:
        return (
            f"{self.num(value)} {self.lang.symbol}"
            if self.lang.decimal_comma
            else f"{self.lang.symbol}{self.num(value)}"
        )

    def day(self, d: date) -> str:
        if self.rng.random() < 0.5:
            return (
                f"{d.day:02d}.{d.month:02d}.{d.year}"
                if self.lang.code != "en"
                else f"{d.day:02d}/{d.month:02d}/{d.year}"
            )
        return f"{d.day} {self.lang.months[d.month - 1]} {d.year}"

    def truth(self) -> dict[str, Any]:
        return {
            "invoice_number": self.number,
            "vendor": self.issuer,
            "total": self.gross,
            "currency": self.lang.currency,
            "date": self.issue.isoformat(),
            "due_date": self.due.isoformat(),
        }


def _doc(rng: random.Random, lang: Lang) -> Doc:
    issue = date(2024, 1, 1) + timedelta(days=rng.randrange(0, 600))
    goods = ["Consulting", "Licence", "Maintenance", "Installation", "Training", "Hardware"]
    return Doc(
        lang=lang,
        rng=rng,
        issuer=f"{rng.choice(ISSUERS)} {LEGAL[lang.code]}",
        customer=f"{rng.choice(CUSTOMERS)} {rng.choice(list(LEGAL.values()))}",
        number=rng.choice(
            [f"{rng.randrange(2024, 2026)}-{rng.randrange(100, 9999)}", f"R{rng.randrange(10**5, 10**6)}"]
        ),
        issue=issue,
        due=issue + timedelta(days=rng.choice([10, 14, 30])),
        lines=[
            (rng.choice(goods), rng.randint(1, 5), round(rng.uniform(20, 900), 2))
            for _ in range(rng.randint(1, 4))
        ],
        tax_rate=rng.choice([0.19, 0.2, 0.21, 0.07]),
    )


def _items(page: Any, d: Doc, y: float) -> float:
    for x, head in ((60, d.w("desc")), (330, d.w("qty")), (470, d.w("amount"))):
        page.text(x, y, head, size=10, bold=True)
    y -= 16
    for name, qty, price in d.lines:
        page.text(60, y, name, size=10)
        page.text(330, y, str(qty), size=10)
        page.text(470, y, d.num(qty * price), size=10)
        y -= 15
    return y - 12


def _legal_footer(page: Any, d: Doc) -> None:
    page.text(60, 60, f"{d.issuer} · {STREETS[0]} · {d.w('reg')} {d.rng.randrange(10000, 99999)}", size=8)
    page.text(60, 48, f"{d.w('vat_id')} XX{d.rng.randrange(10**8, 10**9)} · {d.w('page')}", size=8)


def kv_box(d: Doc) -> bytes:
    """Letterhead left, a label/value box right, the bill-to block under a heading."""
    pdf = PdfBuilder()
    page = pdf.page()
    y = PAGE_HEIGHT - 70
    page.text(60, y, d.issuer, size=15, bold=True)
    page.text(60, y - 16, STREETS[1], size=9)
    page.text(380, y, d.w("title"), size=15, bold=True)
    for i, (label, value) in enumerate(
        [
            (d.w("number"), d.number),
            (d.w("date"), d.day(d.issue)),
            (d.w("customer"), str(d.rng.randrange(1000, 9999))),
            (d.w("due"), d.day(d.due)),
        ]
    ):
        page.text(380, y - 30 - 15 * i, label, size=9)
        page.text(480, y - 30 - 15 * i, value, size=9)
    page.text(60, y - 110, d.w("bill_to"), size=9, bold=True)
    page.lines(60, y - 125, [d.customer, STREETS[2], CITIES[2]], size=10)
    y = _items(page, d, y - 200)
    for label, value in (
        (d.w("net"), d.money(d.net)),
        (d.w("tax"), d.money(d.tax)),
        (d.w("total"), d.money(d.gross)),
    ):
        page.text(340, y, label, size=10)
        page.text(470, y, value, size=10)
        y -= 16
    _legal_footer(page, d)
    return pdf.to_bytes()


def title_line(d: Doc) -> bytes:
    """'INVOICE No. X dated <date>' as one line; a totals row with net, tax and gross columns."""
    pdf = PdfBuilder()
    page = pdf.page()
    y = PAGE_HEIGHT - 60
    page.text(60, y, d.issuer, size=14, bold=True)
    page.text(60, y - 14, f"{STREETS[3]}, {CITIES[3]}", size=9)
    page.lines(60, y - 60, [d.customer, STREETS[4], CITIES[4]], size=10)
    page.text(60, y - 130, f"{d.w('title')} {d.number} {d.w('dated')} {d.day(d.issue)}", size=13, bold=True)
    y = _items(page, d, y - 170)
    for x, head in ((200, d.w("net")), (300, d.w("tax")), (420, d.w("gross"))):
        page.text(x, y, head, size=9, bold=True)
    page.text(60, y - 15, d.w("total"), size=10, bold=True)
    for x, value in ((200, d.num(d.net)), (300, d.num(d.tax)), (420, d.money(d.gross))):
        page.text(x, y - 15, value, size=10)
    page.text(60, y - 45, f"{d.w('due')}: {d.day(d.due)}", size=10)
    _legal_footer(page, d)
    return pdf.to_bytes()


def header_row(d: Doc) -> bytes:
    """A row of headers (number, date, due, customer no.) with the values in the row under it."""
    pdf = PdfBuilder()
    page = pdf.page()
    y = PAGE_HEIGHT - 60
    page.text(400, y, d.issuer, size=14, bold=True)
    page.text(400, y - 14, CITIES[1], size=9)
    page.text(60, y - 40, d.w("bill_to"), size=9, bold=True)
    page.lines(60, y - 55, [d.customer, STREETS[0], CITIES[0]], size=10)
    heads = [d.w("customer"), d.w("date"), d.w("number"), d.w("due")]
    values = [str(d.rng.randrange(10**6, 10**7)), d.day(d.issue), d.number, d.day(d.due)]
    for i, (head, value) in enumerate(zip(heads, values, strict=True)):
        page.text(60 + 130 * i, y - 140, head, size=9, bold=True)
        page.text(60 + 130 * i, y - 155, value, size=10)
    y = _items(page, d, y - 200)
    page.text(330, y, f"{d.w('total')} {d.lang.currency}", size=10, bold=True)
    page.text(470, y, d.num(d.gross), size=10, bold=True)
    page.text(60, 90, d.w("thanks"), size=9)
    return pdf.to_bytes()


def sender_line(d: Doc) -> bytes:
    """No letterhead: the issuer is in the small sender line over the address and in the footer."""
    pdf = PdfBuilder()
    page = pdf.page()
    y = PAGE_HEIGHT - 120
    page.text(60, y, f"{d.issuer}, {STREETS[1]}, {CITIES[1]}", size=7)
    page.lines(60, y - 16, [d.customer, STREETS[3], CITIES[3]], size=10)
    page.text(60, y - 90, d.w("title"), size=16, bold=True)
    page.text(60, y - 112, f"{d.w('number')}: {d.number}", size=10)
    page.text(60, y - 126, f"{d.w('date')}: {d.day(d.issue)}", size=10)
    y = _items(page, d, y - 170)
    page.text(330, y, d.w("net"), size=10)
    page.text(470, y, d.money(d.net), size=10)
    page.text(330, y - 16, f"{d.w('tax')} {d.tax_rate * 100:g}%", size=10)
    page.text(470, y - 16, d.money(d.tax), size=10)
    page.text(330, y - 32, d.w("total"), size=10, bold=True)
    page.text(470, y - 32, d.money(d.gross), size=10, bold=True)
    page.text(60, y - 70, f"{d.w('due')}: {d.day(d.due)}", size=10)
    _legal_footer(page, d)
    return pdf.to_bytes()


def party_blocks(d: Doc) -> bytes:
    """Seller and buyer blocks side by side, each 'Name: / Address:' rows under its heading."""
    pdf = PdfBuilder()
    page = pdf.page()
    y = PAGE_HEIGHT - 60
    page.text(60, y, f"{d.w('title')}  {d.w('number')} {d.number}", size=13, bold=True)
    page.text(400, y, d.day(d.issue), size=10)
    for x, head, name in ((60, d.w("seller"), d.issuer), (320, d.w("buyer"), d.customer)):
        page.text(x, y - 40, head, size=10, bold=True)
        page.text(x, y - 56, f"{d.w('name')}:", size=9)
        page.text(x + 70, y - 56, name, size=9)
        page.text(x, y - 70, f"{d.w('address')}:", size=9)
        page.text(x + 70, y - 70, STREETS[2], size=9)
    y = _items(page, d, y - 120)
    page.text(330, y, d.w("total"), size=10, bold=True)
    page.text(470, y, d.money(d.gross), size=10, bold=True)
    page.text(60, y - 40, f"{d.w('due')} {d.day(d.due)}", size=10)
    return pdf.to_bytes()


UNSEEN_LAYOUTS: dict[str, Callable[[Doc], bytes]] = {
    "kv_box": kv_box,
    "title_line": title_line,
    "header_row": header_row,
    "sender_line": sender_line,
    "party_blocks": party_blocks,
}


def generate_unseen(n: int = 50, seed: int = 101) -> list[Fixture]:
    """``n`` labelled PDFs cycling through the layouts and the five languages."""
    rng = random.Random(seed)
    out = []
    layouts = list(UNSEEN_LAYOUTS)
    codes = list(LANGS)
    for i in range(n):
        layout = layouts[i % len(layouts)]
        code = codes[(i // len(layouts)) % len(codes)]
        d = _doc(random.Random(rng.random()), LANGS[code])
        out.append(
            Fixture(
                f"unseen_{i:03d}_{layout}_{code}.pdf", UNSEEN_LAYOUTS[layout](d), "pdf", layout, d.truth()
            )
        )
    return out


def split_unseen(fixtures: list[Fixture]) -> tuple[list[Fixture], list[Fixture]]:
    """(development, held back): even positions to tune on, odd positions only measured."""
    return fixtures[0::2], fixtures[1::2]

"""The issuer of a document: a party block's name row, else the letterhead, a sender line or the
footer's legal line, never a party under an excluded label (bill to, buyer, Rechnungsempfänger).

Used for fields of kind ``organization``: by ``candidates`` (a party heading over a name row)
and by the field engine (``fields.py``: the fallback, the doubt beside an intermediary).
"""

from __future__ import annotations

import re

from docharvest.extract.labels import EXCLUDE, LabelHit
from docharvest.extract.layout import Grid, overlaps
from docharvest.extract.schema import SchemaField
from docharvest.extract.values import ANCHOR_SCORE, ORG_SUFFIX, STRENGTH_SCORE, Candidate, lead_trim

#: Sub-labels of a party block ("Seller / Name: X GmbH / Address: ...") that carry its name.
_NAME_LABEL = re.compile(
    r"^(?:name|company|company name|firma|firmenname|nom|raison sociale|naam|bedrijfsnaam|nombre|"
    r"razón social|razon social)(?!\w)\s*:?\s*",
    re.IGNORECASE,
)


def section_name(grid: Grid, hit: LabelHit) -> Candidate | None:
    """A party heading alone on its line ("Verkäufer") over a block of "Name: X" rows: X."""
    cell = hit.cell
    if hit.start > 0 or lead_trim(cell.text[hit.end :]) or len(cell.line.cells) > 2:
        return None
    for line in grid.lines_after(cell.line, 8, max_blank=1):
        for i, other in enumerate(line.cells):
            m = _NAME_LABEL.match(other.text)
            if not m:
                continue
            rest = other.text[m.end() :].strip()
            target = other if rest else (line.cells[i + 1] if i + 1 < len(line.cells) else None)
            name = rest or (target.text.strip() if target else "")
            if target is None or not _looks_like_name(name):
                return None
            score = STRENGTH_SCORE[hit.strength] * ANCHOR_SCORE["below"]
            return Candidate(name, score, target, name, hit.label, "section")
    return None


def _excluded_cells(grid: Grid, hits: list[LabelHit], spec: SchemaField) -> set[int]:
    """Cells under a label this field must not take (the bill-to block, for a vendor)."""
    blocked: set[int] = set()
    for hit in hits:
        if hit.field != spec.name or hit.strength != EXCLUDE:
            continue
        blocked.add(id(hit.cell))
        # The label's own line to its right (a "Bill to | name" table row) and the block below it.
        blocked.update(id(c) for c in hit.cell.line.cells if c.col_start > hit.cell.col_start)
        for line in grid.lines_after(hit.cell.line, 6, max_blank=1):
            for cell in line.cells:
                if overlaps(cell, hit.cell, slack=4):
                    blocked.add(id(cell))
    return blocked


def organization_fallback(grid: Grid, spec: SchemaField, hits: list[LabelHit]) -> Candidate | None:
    """The issuer's name without a label: the letterhead, else a company name elsewhere (footer)."""
    blocked = _excluded_cells(grid, hits, spec) | {id(h.cell) for h in hits if _is_label_cell(h)}
    texts = [c.text for ln in grid.lines for c in ln.cells]
    best: Candidate | None = None
    seen_lines = 0
    for line in grid.lines:
        if line.blank:
            continue
        seen_lines += 1
        top = line.page == 1 and seen_lines <= 8
        if len(line.cells) >= 3 and seen_lines > 1:
            continue  # a table row or header, not a name
        for cell in line.cells:
            if id(cell) in blocked:
                continue
            for name in _name_parts(cell.text):
                suffix = bool(ORG_SUFFIX.search(name))
                if not (top or suffix) or not _looks_like_name(name) or (":" in name and not suffix):
                    continue
                # The letterhead opens the document; the issuer's name also recurs (sender line, footer).
                score = 0.8 if seen_lines == 1 else 0.7 - 0.02 * seen_lines if top else 0.55
                if suffix:
                    score += 0.1
                if sum(name in t for t in texts) > 1:
                    score += 0.05
                if best is None or score > best.score:
                    best = Candidate(name, min(score, 0.95), cell, cell.text, None, "letterhead")
    return best


def _name_parts(text: str) -> list[str]:
    """The cell, or its company-name segment when it is a sender line or footer ("X GmbH · street")."""
    parts = [p.strip(" ,") for p in re.split(r"\s*[,·|•;]\s+|\s+[-–]\s+|[!?]\s+", text)]
    with_suffix = [p for p in parts if p and ORG_SUFFIX.search(p)]
    return [with_suffix[0]] if with_suffix and len(parts) > 1 else [text.strip(" ,")]


def _is_label_cell(hit: LabelHit) -> bool:
    """Whether the label makes up the cell ("Invoice Date: ...", "TOTAL"), not a word in a name."""
    text = hit.cell.text
    after = text[hit.end : hit.end + 2].strip()
    return (
        (hit.end - hit.start) * 2 >= len(text)
        or after.startswith((":", "#"))
        or hit.end >= len(text.rstrip(" :"))
    )


def _looks_like_name(text: str) -> bool:
    letters = sum(ch.isalpha() for ch in text)
    digits = sum(ch.isdigit() for ch in text)
    if letters < 2 or digits > 3 or "@" in text or "www." in text.lower() or len(text) > 80:
        return False
    if text.rstrip().endswith(":") or (len(text.split()) > 6 and not ORG_SUFFIX.search(text)):
        return False  # a heading or a sentence, not a name
    return not re.search(r"\b(?:page|seite|tel|phone|fax|e-?mail)\b", text, re.IGNORECASE)


#: A platform between buyer and seller ("Ordered through: Shop.com", "Verkauf über", "vendu via").
#: The invoice then names two candidate issuers, and which one a user means by "vendor" is a choice.
_INTERMEDIARY = re.compile(
    r"(?:ordered|purchased|bought|sold)\s+(?:through|via|on)|fulfil+ed\s+by|on\s+behalf\s+of|marketplace|"
    r"(?:bestellt|gekauft|verkauft)\s+(?:über|via)|(?:command[ée]|vendu)\s+(?:via|sur)|"
    r"(?:besteld|gekocht|verkocht)\s+via|(?:pedido|comprado|vendido)\s+(?:a\s+trav[ée]s\s+de|en|v[ií]a)",
    re.IGNORECASE,
)
#: Confidence an issuer keeps beside a named intermediary: below every approve threshold in use.
AMBIGUOUS_ISSUER_CONFIDENCE = 0.6


def intermediary_cue(text: str) -> str | None:
    """The line that names a platform/agent between the parties, if the document has one."""
    for line in text.splitlines():
        if _INTERMEDIARY.search(line):
            return " ".join(line.split())[:200]
    return None

#!/usr/bin/env python3
"""Write the stand-in documents of the civic2 corpus from its truth.json (stdlib only, deterministic).

  python3 bench/corpora/civic2/build_stand_ins.py            write missing/changed files under site/
  python3 bench/corpora/civic2/build_stand_ins.py --check    exit 1 if any file differs from what it would write
  python3 bench/corpora/civic2/build_stand_ins.py --out DIR  write the tree under DIR/site instead

Every document link on a page has a stand-in at its path. A stand-in opens with the agency, the meeting
title (the link text for links the spiders did not label), the document kind and the meeting date, then a
few generic lines, like the stand-ins of the realcivic development corpus. Only these first lines carry
signal; the page around the link carries the rest. .pdf paths get a one-page PDF (Helvetica, no
compression, fixed dates), .docx paths a minimal Word document.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import sys
import zipfile
from datetime import datetime

HERE = os.path.dirname(os.path.abspath(__file__))

BODY = {
    "AGENDA": [
        "1. Call to Order and Roll Call",
        "2. Approval of the Minutes of the Previous Meeting",
        "3. Public Comment",
        "4. New Business and Action Items",
        "5. Adjournment",
    ],
    "MINUTES": [
        "1. Call to Order. The meeting was called to order.",
        "2. Roll Call. A quorum of members was present.",
        "3. Approval of the minutes of the previous meeting. Motion carried.",
        "4. Public comment. No members of the public addressed the body.",
        "5. Adjournment. There being no further business, the meeting was adjourned.",
    ],
    "NOTICE": [
        "Notice is hereby given that the body named above will meet",
        "at the date and time shown. The meeting is open to the public.",
    ],
}
GENERIC = [
    "This document is provided for public information.",
    "For questions please contact the agency office.",
]
KIND_WORD = {"Agenda": "AGENDA", "Minutes": "MINUTES", "Notice": "NOTICE", "Agenda Packet": "AGENDA PACKET"}


def fmt_date(iso_date: str, iso_start: str | None) -> str:
    d = datetime.fromisoformat(iso_start or iso_date)
    s = f"{d.strftime('%B')} {d.day}, {d.year}"
    if iso_start and (d.hour or d.minute):
        h = d.hour % 12 or 12
        s += f", {h}:{d.minute:02d} {'a.m.' if d.hour < 12 else 'p.m.'}"
    return s


def lines_for(agency: dict, doc: dict, number: int) -> tuple[list[str], int]:
    """The text lines of one stand-in and how many of them are headline (bold) lines."""
    name = agency["name"].upper()
    if doc["labelled"]:
        kind = KIND_WORD.get(doc["label"], doc["label"].upper())
        head = [name, doc["meeting_title"], kind, fmt_date(doc["meeting_date"], doc.get("meeting_start"))]
        body = BODY.get(kind, GENERIC)
    else:
        kind = KIND_WORD.get(doc.get("guess_kind") or "", "DOCUMENT")
        title = (doc.get("link_text") or [""])[0] or os.path.basename(doc["path"])
        when = ""
        if doc.get("guess_date"):
            when = fmt_date(doc["guess_date"], None)
        elif doc.get("guess_year"):
            when = str(doc["guess_year"])
        head = [name, title, kind] + ([when] if when else [])
        body = GENERIC
    return head + body + [f"Document {number:03d} - page 1 of 1"], 3


def _pdf_escape(s: str) -> str:
    b = s.encode("latin-1", "replace").decode("latin-1")
    return b.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def make_pdf(lines: list[str], bold: int, title: str) -> bytes:
    ops = ["BT", "/F2 14 Tf", "72 720 Td", "16 TL"]
    for i, line in enumerate(lines):
        if i == bold:
            ops.append("/F1 11 Tf")
        ops.append(f"({_pdf_escape(line)}) Tj T*")
    ops.append("ET")
    stream = "\n".join(ops).encode("latin-1")
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R /F2 6 0 R >> >> >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>",
        b"<< /Title (" + _pdf_escape(title).encode("latin-1") + b") /Producer (civic2 build_stand_ins.py) "
        b"/CreationDate (D:20000101000000+00'00') /ModDate (D:20000101000000+00'00') >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for n, body in enumerate(objs, 1):
        offsets.append(out.tell())
        out.write(f"{n} 0 obj\n".encode() + body + b"\nendobj\n")
    xref = out.tell()
    out.write(f"xref\n0 {len(objs) + 1}\n0000000000 65535 f \n".encode())
    for off in offsets:
        out.write(f"{off:010d} 00000 n \n".encode())
    out.write(
        f"trailer\n<< /Size {len(objs) + 1} /Root 1 0 R /Info 7 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    )
    return out.getvalue()


def _xml(s: str) -> str:
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def make_docx(lines: list[str], bold: int) -> bytes:
    paras = []
    for i, line in enumerate(lines):
        rpr = "<w:rPr><w:b/></w:rPr>" if i < bold else ""
        paras.append(f'<w:p><w:r>{rpr}<w:t xml:space="preserve">{_xml(line)}</w:t></w:r></w:p>')
    document = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
        + "".join(paras)
        + "</w:body></w:document>"
    )
    files = {
        "[Content_Types].xml": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.'
            'wordprocessingml.document.main+xml"/></Types>'
        ),
        "_rels/.rels": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
            'officeDocument" Target="word/document.xml"/></Relationships>'
        ),
        "word/document.xml": document,
    }
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, text in files.items():
            info = zipfile.ZipInfo(name, date_time=(2000, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, text)
    return out.getvalue()


def stand_in(agency: dict, doc: dict) -> bytes:
    number = int(os.path.basename(doc["path"]).split("-", 1)[0])
    lines, bold = lines_for(agency, doc, number)
    if doc["path"].lower().endswith(".docx"):
        return make_docx(lines, bold)
    return make_pdf(lines, bold, " - ".join(lines[:3]))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--truth", default=os.path.join(HERE, "truth.json"))
    ap.add_argument("--out", default=HERE, help="directory holding site/ (default: next to this script)")
    ap.add_argument("--check", action="store_true")
    a = ap.parse_args(argv)
    with open(a.truth, encoding="utf-8") as fh:
        truth = json.load(fh)
    written = differing = 0
    for agency in truth["agencies"]:
        for doc in agency["docs"]:
            target = os.path.join(a.out, "site", doc["path"].lstrip("/"))
            data = stand_in(agency, doc)
            old = None
            if os.path.exists(target):
                with open(target, "rb") as fh:
                    old = fh.read()
            if old == data:
                continue
            differing += 1
            if not a.check:
                os.makedirs(os.path.dirname(target), exist_ok=True)
                with open(target, "wb") as fh:
                    fh.write(data)
                written += 1
    if a.check:
        sys.stdout.write(f"{differing} stand-ins differ\n")
        return 1 if differing else 0
    sys.stdout.write(f"wrote {written} stand-ins\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())

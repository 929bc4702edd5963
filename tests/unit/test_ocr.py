"""OCR of PDF pages without a text layer: used only where needed, within its limits; encrypted PDFs."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from docharvest.errors import UnreadableDocumentError
from docharvest.samples.pdfwriter import simple_pdf
from docharvest.text import extract_text
from docharvest.text.ocr import OcrLimits, needs_ocr

from tests.support.scans import scanned_pdf

MINUTES = ["City Council Meeting Minutes", "Budget amendment approved"]


def _write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def _has_words(text: str, *words: str) -> bool:
    # The OCR model sometimes drops a space ("Item4 zoning"); the words themselves must be there.
    return all(word in text.lower() for word in words)


def test_scanned_page_is_read_by_ocr_and_counted(tmp_path: Path) -> None:
    path = _write(tmp_path, "scan.pdf", scanned_pdf([MINUTES]))
    text = extract_text(path, "pdf")
    assert text.ocr_pages == 1 and text.ocr_page_numbers == [0]
    assert _has_words(text.text, "council", "minutes", "budget", "approved")


def test_text_layer_pages_are_not_ocrd(tmp_path: Path) -> None:
    path = _write(tmp_path, "text.pdf", simple_pdf([["Board Minutes", "January 9, 2024"]]))
    text = extract_text(path, "pdf")
    assert text.ocr_pages == 0 and "January 9, 2024" in text.text


def test_page_limit_stops_ocr_with_a_warning(tmp_path: Path) -> None:
    path = _write(tmp_path, "scans.pdf", scanned_pdf([MINUTES, ["Second page agenda"], ["Third page"]]))
    text = extract_text(path, "pdf", OcrLimits(max_pages=1))
    assert text.ocr_pages == 1 and text.pages[1] == "" and text.pages[2] == ""
    assert any("max_pages_per_document=1" in w for w in text.warnings)


def test_ocr_switched_off_leaves_a_scan_unreadable(tmp_path: Path) -> None:
    path = _write(tmp_path, "scan.pdf", scanned_pdf([MINUTES]))
    with pytest.raises(UnreadableDocumentError, match="no text layer.*switched off"):
        extract_text(path, "pdf", OcrLimits(enabled=False))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", True),
        ("  3 \n", True),
        ("\ufffd\ufffd\x01\x02 \ue000\ue001\ue002\ue003\ue004\ue005\ue006\ue007\ue008\ue009 ab", True),
        ("(cid:12)(cid:13)(cid:14)(cid:15)(cid:16) ok", True),
        ("The council approved the budget amendment.", False),
    ],
)
def test_needs_ocr_on_missing_or_garbage_text(text: str, expected: bool) -> None:
    assert needs_ocr(text) is expected


def _encrypted(user: str, owner: str) -> bytes:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(simple_pdf([["Encrypted minutes text"]]))))
    writer.encrypt(user_password=user, owner_password=owner, algorithm="RC4-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def test_encrypted_pdf_with_empty_user_password_opens(tmp_path: Path) -> None:
    path = _write(tmp_path, "open.pdf", _encrypted("", "owner-secret"))
    assert "Encrypted minutes text" in extract_text(path, "pdf").text


def test_encrypted_pdf_needing_a_password_is_an_encrypted_error(tmp_path: Path) -> None:
    from docharvest.extract.reading import failure_flag, read_document

    path = _write(tmp_path, "locked.pdf", _encrypted("user-secret", "owner-secret"))
    with pytest.raises(UnreadableDocumentError, match="encrypted"):
        extract_text(path, "pdf")
    reason = read_document(str(path), "pdf")
    assert isinstance(reason, str) and failure_flag(reason) == "encrypted_document"


def test_glued_english_words_are_split_but_other_words_stay() -> None:
    from docharvest.text.ocr import respace

    assert respace("PlanningCommission\nMeetingMinutes of the board") == (
        "Planning Commission\nMeeting Minutes of the board"
    )
    # Real long words, and pages that are not English, are left as read.
    assert respace("The international commission") == "The international commission"
    german = "Protokoll der Gemeinderatssitzung vom Montag mit dem Bürgermeister"
    assert respace(german) == german


def test_a_sliver_image_is_not_ocrd_and_the_document_still_reads(tmp_path: Path) -> None:
    from PIL import Image

    # A 1 x 40000 sliver: the detector would scale its short side up to ~736 px and run out of
    # memory (it killed the test process before the shape check); the text page beside it reads.
    sliver = Image.new("L", (1, 40_000), 0)
    buffer = io.BytesIO()
    sliver.save(buffer, "PDF", resolution=72)
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    writer.append(PdfReader(io.BytesIO(buffer.getvalue())))
    writer.append(PdfReader(io.BytesIO(simple_pdf([["Readable page"]]))))
    out = io.BytesIO()
    writer.write(out)
    text = extract_text(_write(tmp_path, "odd.pdf", out.getvalue()), "pdf")
    assert "Readable page" in text.text and text.ocr_pages == 0


def _pages(data: bytes) -> list[object]:
    from pypdf import PdfReader

    return list(PdfReader(io.BytesIO(data)).pages)


def test_image_check_skips_pypdfs_content_parse_only_where_no_image_can_be() -> None:
    from docharvest.samples.pdfwriter import PdfBuilder
    from docharvest.text.ocr import may_have_images

    pdf = PdfBuilder(title="t")
    pdf.page().ops.append(b"%" + b"ab" * 200_000)  # a text-less page: a long content stream
    pdf.page().ops.append(b"q BI /W 2 /H 2 /CS /G /BPC 8 ID \x00\xff\xff\x00 EI Q")  # inline image
    pdf.page().ops.append(b"(OBI) Tj")  # "BI" inside a word is no operator
    padded, inline, text_bi = _pages(pdf.to_bytes())
    assert may_have_images(padded) is False
    assert may_have_images(inline) is True
    assert may_have_images(text_bi) is False
    (scan,) = _pages(scanned_pdf([MINUTES]))
    assert may_have_images(scan) is True


def test_text_less_pages_without_images_read_as_empty_without_loading_ocr(tmp_path: Path) -> None:
    from docharvest.samples.pdfwriter import PdfBuilder
    from docharvest.text import ocr

    pdf = PdfBuilder(title="t")
    pdf.page().lines(72, 700, ["Board minutes January 2024 approved"])
    pdf.page().ops.append(b"%" + b"cd" * 200_000)
    ocr.engine.cache_clear()
    text = extract_text(_write(tmp_path, "pad.pdf", pdf.to_bytes()), "pdf")
    assert text.pages[1] == "" and text.ocr_pages == 0 and "Board minutes" in text.text
    assert ocr.engine.cache_info().currsize == 0  # the OCR model was never loaded

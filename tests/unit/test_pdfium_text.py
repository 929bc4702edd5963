"""Plain-mode PDF text comes from PDFium; pypdf reads what PDFium refuses or reads worse."""

from __future__ import annotations

import io
import unicodedata
from pathlib import Path

import pytest
from docharvest.pipeline.isolation import ParseFailure, ParseLimits, read_text, run_isolated
from docharvest.samples.pdfwriter import simple_pdf
from docharvest.text.document import DocumentText
from docharvest.text.ocr import OcrLimits
from docharvest.text.pdfium_text import PdfiumText, pdfium_document, pdfium_pages, prefer_pypdf
from docharvest.text.readers import read_pdf

GOOD = simple_pdf([["Board Minutes", "January 9, 2024"], ["Second page"]], title="Minutes")
REALWORLD = Path(__file__).resolve().parents[3] / "shared/realworld/pdfs/files"
HABIBI = REALWORLD / "sample-files--015-arabic--habibi-rotated.pdf"
BYTES_TITLE = REALWORLD / "pypdf--resources--bytes.pdf"
NO_OCR = OcrLimits(enabled=False)


def _write(tmp_path: Path, data: bytes, name: str = "a.pdf") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_plain_text_is_pdfiums_and_metadata_stays_pypdfs(tmp_path: Path) -> None:
    path = _write(tmp_path, GOOD)
    fast = pdfium_pages(path, 2)
    assert fast is not None and "January 9, 2024" in fast[0] and "\r" not in fast[0]
    text = read_pdf(path, ocr=NO_OCR)
    assert text.pages == fast and text.title == "Minutes"


@pytest.mark.parametrize(
    "broken",
    [
        b"garbage" * 200 + GOOD,  # junk before the header
        GOOD.replace(b"/Root 1 0 R", b"/Root 99 0 R"),  # a trailer pointing nowhere
        GOOD.replace(b"/Count 2", b"/Count 5"),  # pages PDFium counts and cannot load
    ],
)
def test_files_pdfium_refuses_are_repaired_and_read_by_pypdf(tmp_path: Path, broken: bytes) -> None:
    path = _write(tmp_path, broken)
    assert pdfium_pages(path, 100) is None
    text = read_pdf(path, ocr=NO_OCR)
    assert text.page_count == 2 and "Board Minutes" in text.pages[0] and "Second page" in text.pages[1]


def test_an_empty_user_password_opens_in_both_readers(tmp_path: Path) -> None:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(GOOD)))
    writer.encrypt(user_password="", owner_password="owner", algorithm="AES-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    path = _write(tmp_path, buffer.getvalue())
    assert pdfium_pages(path, 2) is not None
    assert "January 9, 2024" in read_pdf(path, ocr=NO_OCR).pages[0]


def test_right_to_left_pages_are_read_by_pypdf(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import docharvest.text.readers as readers

    path = _write(tmp_path, GOOD)
    # Page 1: PDFium found nothing (left for OCR, not re-read); page 2: right-to-left text,
    # which PDFium keeps reversed.
    fast = PdfiumText(["", "\u064a\u0628\u064a\u0628 habibi"], {"Title": "Minutes"})
    monkeypatch.setattr(readers, "pdfium_document", lambda _path, _limit: fast)
    text = read_pdf(path, ocr=NO_OCR)
    assert text.pages == ["", "Second page"] and text.title == "Minutes"
    assert (
        prefer_pypdf("\u05e9\u05dc\u05d5\u05dd")
        and prefer_pypdf("x \ufefb")
        and not prefer_pypdf("Привет 你好")
    )


@pytest.mark.skipif(not BYTES_TITLE.exists(), reason="needs ../shared/realworld/pdfs")
def test_non_ascii_metadata_is_pypdfs() -> None:
    # The title is raw UTF-8 (neither PDFDocEncoding nor UTF-16): pypdf decodes it, PDFium garbles it.
    doc = pdfium_document(BYTES_TITLE, 1)
    assert doc is not None and "\u4f1a\u8b70" not in doc.metadata["Title"]
    assert "\u4f1a\u8b70" in (read_pdf(BYTES_TITLE, ocr=NO_OCR).title or "")  # 会議


@pytest.mark.skipif(not HABIBI.exists(), reason="needs ../shared/realworld/pdfs")
def test_arabic_keeps_pypdfs_logical_order() -> None:
    word = unicodedata.normalize("NFC", "\u062d\u064e\u0628\u064a\u0628\u064a")  # habibi, as written
    fast = pdfium_pages(HABIBI, 1)
    assert fast is not None and word not in unicodedata.normalize("NFC", fast[0])
    assert word in unicodedata.normalize("NFC", read_pdf(HABIBI, ocr=NO_OCR).pages[0])


def test_a_parse_worker_reads_with_pdfium_under_a_768_mb_address_space(tmp_path: Path) -> None:
    path = _write(tmp_path, GOOD)
    [result] = run_isolated(
        read_text, [(str(path), "pdf", NO_OCR)], workers=1, limits=ParseLimits(seconds=60, memory_mb=768)
    )
    assert isinstance(result, DocumentText) and result.pages == pdfium_pages(path, 2)


def test_a_crash_inside_pdfium_costs_only_its_document(tmp_path: Path) -> None:
    from tests.support import parse_fns

    crash, good = _write(tmp_path, GOOD, "crash.pdf"), _write(tmp_path, GOOD, "good.pdf")
    results = run_isolated(
        parse_fns.read_or_crash_in_pdfium,
        [(str(crash), "pdf"), (str(good), "pdf")],
        workers=1,
        limits=ParseLimits(seconds=60, memory_mb=768),
    )
    assert isinstance(results[0], ParseFailure) and results[0].error_type == "parse_worker_died"
    assert "signal 11" in results[0]
    assert isinstance(results[1], DocumentText) and "January 9, 2024" in results[1].pages[0]

"""``docharvest read``: a page on a real local server, a PDF, a scanned PDF, a DOCX, gzip HTML, bad sources."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import docx
import pytest
from docharvest.cli import main
from docharvest.samples.pdfwriter import simple_pdf

from tests.support.scans import scanned_pdf
from tests.support.siteserver import Route, SiteServer, html

ARTICLE = """<html lang="en"><head><title>Harbour bridge reopens - Example News</title></head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li><li><a href="/sport">Sport</a></li></ul></nav>
<div class="l-sidebar-fixed l-article-body"><h1>Harbour bridge reopens</h1>
<p>The harbour bridge reopened on Monday after eight months of repairs, the transport office said.</p>
<p>Engineers replaced forty cables, and traffic is expected to return to normal by the weekend.</p>
</div><footer><p>Copyright Example News, all rights reserved, all over the world.</p></footer></body></html>"""


@pytest.fixture
def server() -> SiteServer:
    with SiteServer() as site:
        site.add("/news/bridge", html(ARTICLE))
        site.add(
            "/robots.txt", Route(body="User-agent: *\nAllow: /\n", headers={"Content-Type": "text/plain"})
        )
        site.add(
            "/scan.pdf",
            Route(
                body=scanned_pdf([["Planning Commission Agenda", "Item 4 zoning variance"]]),
                headers={"Content-Type": "application/pdf"},
            ),
        )
        yield site


def _read(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, list[dict[str, object]], str]:
    code = main(["read", "--json", *args])
    out = capsys.readouterr()
    return code, [json.loads(line) for line in out.out.splitlines() if line.strip()], out.err


def test_web_page_prints_its_main_content(server: SiteServer, capsys: pytest.CaptureFixture[str]) -> None:
    code, (page,), _ = _read(capsys, "--allow-private-network", server.url("/news/bridge"))
    assert code == 0 and page["error"] is None
    assert "eight months of repairs" in str(page["text"]) and "forty cables" in str(page["text"])
    assert "Copyright" not in str(page["text"]) and "Sport" not in str(page["text"])
    assert page["title"] == "Harbour bridge reopens - Example News" and page["language"] == "en"


def test_markdown_is_the_default(server: SiteServer, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["read", "--allow-private-network", server.url("/news/bridge")]) == 0
    out = capsys.readouterr().out
    assert "# Harbour bridge reopens" in out and "forty cables" in out


def test_private_network_is_refused_like_a_job(
    server: SiteServer, capsys: pytest.CaptureFixture[str]
) -> None:
    code, (page,), err = _read(capsys, server.url("/news/bridge"))
    assert code == 1 and page["text"] == "" and page["error"]
    assert server.url("/news/bridge") in err


def test_scanned_pdf_over_http_is_read_by_ocr(server: SiteServer, capsys: pytest.CaptureFixture[str]) -> None:
    code, (doc,), _ = _read(capsys, "--allow-private-network", server.url("/scan.pdf"))
    assert code == 0 and doc["pages"] == 1 and doc["ocr_pages"] == 1
    text = str(doc["text"]).lower()
    assert all(word in text for word in ("planning", "agenda", "zoning", "variance"))


def test_pdf_docx_and_gzip_html_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pdf = tmp_path / "minutes.pdf"
    pdf.write_bytes(simple_pdf([["Board Minutes", "January 9, 2024"], ["Page two"]], title="Minutes"))
    document = docx.Document()
    document.add_paragraph("Adopted budget for FY2024")
    document.save(str(tmp_path / "budget.docx"))
    (tmp_path / "page.html.gz").write_bytes(gzip.compress(ARTICLE.encode()))
    code, docs, _ = _read(capsys, str(pdf), str(tmp_path / "budget.docx"), str(tmp_path / "page.html.gz"))
    assert code == 0 and [d["error"] for d in docs] == [None, None, None]
    assert docs[0]["pages"] == 2 and docs[0]["ocr_pages"] == 0 and "January 9, 2024" in str(docs[0]["text"])
    assert "Adopted budget for FY2024" in str(docs[1]["text"])
    assert "forty cables" in str(docs[2]["text"])


def test_bad_sources_exit_non_zero_and_name_the_problem(
    tmp_path: Path, server: SiteServer, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "broken.pdf").write_bytes(b"%PDF-1.4\n1 0 obj <</Type /Catalog")
    (tmp_path / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 64)
    good = tmp_path / "ok.txt"
    good.write_text("plain text survives")
    sources = [
        str(tmp_path / "missing.pdf"),
        str(tmp_path / "broken.pdf"),
        str(tmp_path / "image.png"),
        server.url("/nothing-here"),
        str(good),
    ]
    code, docs, err = _read(capsys, "--allow-private-network", *sources)
    assert code == 1
    assert [bool(d["error"]) for d in docs] == [True, True, True, True, False]
    assert "no such file" in str(docs[0]["error"]) and "not a document" in str(docs[2]["error"])
    assert "404" in str(docs[3]["error"]) or "not found" in str(docs[3]["error"]).lower()
    assert docs[4]["text"] == "plain text survives"
    for source in sources[:4]:
        assert source in err

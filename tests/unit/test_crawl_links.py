"""Link extraction (every link form of the issue) and page decoding."""

from __future__ import annotations

from docharvest.crawl.links import decode_html, extract_links
from docharvest.crawl.urls import document_type_from_url

TYPES = ["pdf", "doc", "docx", "txt", "rtf", "odt", "xls", "xlsx", "csv", "ppt", "pptx"]
PAGE = "http://e.com/dept/board/index.html"

HTML = """<html><head><title> Board  documents </title>
<base href="http://e.com/dept/">
<link rel="alternate" type="application/pdf" href="/print/board.pdf">
<link rel="stylesheet" href="/style.css">
</head><body>
<nav aria-label="breadcrumb">Home &gt; Board</nav>
<h2>Minutes 2024</h2>
<ul>
 <li>January: <a href="minutes/jan.pdf" title="January minutes">Minutes (January)</a></li>
 <li><a href="../top.PDF">Upper-case extension</a></li>
 <li><a href="./here.docx">Same folder</a></li>
 <li><a href="?year=2023">Previous year</a></li>
 <li><a href="http://e.com/abs/report.pdf#page=2">Absolute with fragment</a></li>
 <li><a href="/files/annual%20report 2024.pdf?download=1">Spaces and escapes</a></li>
 <li><a href="/get?id=7" type="application/pdf">Budget</a></li>
</ul>
<map><area href="/map/area.pdf" alt="Area map"></map>
<iframe src="/embed/viewer.html"></iframe>
<div data-href="/data/attr.csv">Data attribute</div>
<button onclick="location.href='/click/go.xlsx'">Click</button>
<select><option value="/opt/choice.pdf">Choice</option><option value="2023">2023</option></select>
<meta http-equiv="refresh" content="30; url=/refreshed.html">
</body></html>"""


def _links() -> dict[str, object]:
    page = extract_links(HTML, PAGE, lambda u: document_type_from_url(u, TYPES))
    return {"page": page, "by_url": {link.url: link for link in page.links}}


def test_every_link_form_is_resolved() -> None:
    by_url = _links()["by_url"]
    expected = {
        "http://e.com/print/board.pdf": "alternate",
        "http://e.com/dept/minutes/jan.pdf": "a",  # relative to <base href>, not the page
        "http://e.com/top.PDF": "a",
        "http://e.com/dept/here.docx": "a",
        "http://e.com/dept/?year=2023": "a",
        "http://e.com/abs/report.pdf": "a",
        "http://e.com/files/annual%20report%202024.pdf?download=1": "a",  # as given, spaces escaped
        "http://e.com/get?id=7": "a",
        "http://e.com/map/area.pdf": "area",
        "http://e.com/embed/viewer.html": "iframe",
        "http://e.com/data/attr.csv": "data-href",
        "http://e.com/click/go.xlsx": "onclick",
        "http://e.com/opt/choice.pdf": "option",
        "http://e.com/refreshed.html": "refresh",
    }
    for url, kind in expected.items():
        assert url in by_url, url
        assert by_url[url].kind == kind  # type: ignore[attr-defined]
    assert "http://e.com/style.css" not in by_url
    assert "http://e.com/dept/2023" not in by_url  # <option value="2023"> is not a URL


def test_document_links_carry_evidence() -> None:
    found = _links()
    page, by_url = found["page"], found["by_url"]
    assert page.title == "Board documents"  # type: ignore[attr-defined]
    assert page.breadcrumb == "Home > Board"  # type: ignore[attr-defined]
    jan = by_url["http://e.com/dept/minutes/jan.pdf"]  # type: ignore[index]
    assert jan.doc_type == "pdf"
    assert jan.text == "Minutes (January)"
    assert jan.title == "January minutes"
    assert jan.heading == "Minutes 2024"
    assert jan.context.startswith("January:")
    assert by_url["http://e.com/top.PDF"].doc_type == "pdf"  # type: ignore[index]
    budget = by_url["http://e.com/get?id=7"]  # type: ignore[index]
    assert budget.doc_type is None and budget.hinted_type == "pdf"


def test_windows_1252_page_without_a_label_decodes() -> None:
    text = "<html><body><p>Café – “Résumé” des procès-verbaux de l’année, numéro 5 ½</p></body></html>"
    body = text.encode("cp1252")
    assert decode_html(body, None) == text


def test_charset_from_header_then_meta() -> None:
    assert decode_html("é".encode("latin-1"), "iso-8859-1") == "é"
    body = b'<meta charset="windows-1252"><p>\x93quoted\x94</p>'
    assert "\u201cquoted\u201d" in decode_html(body, None)
    assert decode_html("ü".encode(), "utf-8") == "ü"
    # A lying header label falls back to detection instead of mojibake or a crash.
    assert "Zürich" in decode_html("<p>Zürich</p>".encode(), "us-ascii")


def test_a_link_in_a_table_cell_takes_its_rows_text_as_context() -> None:
    html = (
        "<table><tr><th>Date</th><th>Minutes</th></tr>"
        "<tr><td>January 9, 2024</td><td><a href='/m/2024-01.pdf'>Download</a></td></tr></table>"
    )
    links = extract_links(html, "https://town.example/meetings", lambda u: document_type_from_url(u, TYPES))
    (link,) = [x for x in links.links if x.url.endswith("2024-01.pdf")]
    assert "January 9, 2024" in link.context

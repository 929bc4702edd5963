"""Main content from structure: wrappers whose class names contain chrome words are kept when they
hold the article; real chrome (menus, related links, comments, asides) still goes."""

from __future__ import annotations

from docharvest.knowledge.page import extract_page
from docharvest.text.html import read_html_text

PROSE = [
    "The city council met on Tuesday evening to debate the new transit budget, which grows by four percent.",
    "Residents spoke for two hours, most of them in favour of longer bus hours on weekends and holidays.",
    "The vote on the amendment was postponed until the December meeting, when the final figures are due.",
]
MENU = "".join(f'<li><a href="/s{i}">Section number {i}</a></li>' for i in range(8))
RELATED = "".join(f'<li><a href="/r{i}">Another story you may like, number {i}</a></li>' for i in range(5))


def _page(wrapper_open: str, wrapper_close: str) -> str:
    paragraphs = "".join(f"<p>{p}</p>" for p in PROSE)
    return f"""<html><head><title>Transit budget</title></head><body>
    <div class="header-nav"><ul>{MENU}</ul></div>
    {wrapper_open}<h1>Transit budget debated</h1>{paragraphs}
      <div class="related-stories"><h3>Related</h3><ul>{RELATED}</ul></div>{wrapper_close}
    <aside><p>Subscribe to our newsletter for a daily digest of the news that matters most to you.</p></aside>
    <div id="comments"><p>First comment: I have waited years for this, finally somebody listens to us!</p></div>
    <footer><p>Copyright 2019 Example News Company, all rights reserved worldwide.</p></footer>
    </body></html>"""


WRAPPERS = [
    ('<div class="l-sidebar-fixed l-article-body-segment">', "</div>"),
    ('<div class="box article modal-enabled">', "</div>"),
    ('<article class="article__content url-breadcrumb is-active">', "</article>"),
    ('<div class="article-body pagination-first">', "</div>"),
    ('<form id="aspnetForm" action="/post"><div class="content">', "</div></form>"),
    ('<div class="container penci_sidebar"><div>', "</div></div>"),
]


def test_article_inside_chrome_named_wrappers_is_kept() -> None:
    for opening, closing in WRAPPERS:
        text = extract_page("https://news.example/a", _page(opening, closing)).main_text()
        for paragraph in PROSE:
            assert paragraph in text, opening


def test_chrome_around_the_article_is_dropped() -> None:
    for opening, closing in WRAPPERS:
        text = extract_page("https://news.example/a", _page(opening, closing)).main_text()
        assert "Section number 3" not in text, opening  # menu
        assert "Another story you may like" not in text, opening  # related links
        assert "First comment" not in text, opening
        assert "newsletter" not in text and "Copyright 2019" not in text, opening


def test_read_html_text_keeps_headings_and_prose() -> None:
    page = read_html_text(_page("<main>", "</main>"), url="https://news.example/a")
    assert page.title == "Transit budget"
    assert all(p in page.text for p in PROSE)
    assert "# Transit budget debated" in page.markdown


def test_pricing_table_and_faq_on_a_page_without_prose_survive() -> None:
    html = """<html><body><nav><a href="/">Home</a><a href="/p">Pricing</a></nav><main>
    <h1>Plans</h1><table><tr><th></th><th>Basic</th><th>Pro</th></tr>
    <tr><td>Price</td><td>$10/month</td><td>$30/month</td></tr></table>
    <h2>FAQ</h2><details><summary>Can I cancel any time?</summary><p>Yes, from your account page.</p></details>
    </main><footer>Acme Inc.</footer></body></html>"""
    page = read_html_text(html, url="https://acme.example/pricing")
    assert "$30/month" in page.text and "Can I cancel any time?" in page.text
    assert "Acme Inc." not in page.text

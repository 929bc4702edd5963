"""Main-content extraction rules and contact channels of one HTML page (docharvest.knowledge.page)."""

from __future__ import annotations

from docharvest.knowledge.page import PageExtract, extract_page


def _doc(body: str, head: str = "") -> str:
    return f"<html><head><title>T</title>{head}</head><body>{body}</body></html>"


def _headings(page: PageExtract) -> list[str]:
    return [b.text for b in page.blocks if b.kind == "heading"]


def test_navigation_footer_and_cookie_banner_are_dropped() -> None:
    html = _doc(
        "<div id='cookie-consent'><p>We use cookies. Accept?</p></div>"
        "<header><nav><a href='/a'>Nav link text</a></nav></header>"
        "<div class='content'><h1>Real title</h1><p>Real paragraph.</p><a class='btn' href='/x'>Get started</a></div>"
        "<div class='site-footer'><p>Footer words here</p></div><footer><p>© 2025 Acme Inc.</p></footer>"
    )
    text = extract_page("http://x/", html).main_text()
    assert "Real title" in text and "Real paragraph." in text
    for chrome in ("We use cookies", "Nav link text", "Footer words", "Acme Inc", "Get started"):
        assert chrome not in text


def test_main_element_is_the_root_and_header_inside_article_is_kept() -> None:
    html = _doc(
        "<p>Outside main</p><main><article><header><h1>Post</h1></header><p>Body</p></article></main>"
    )
    page = extract_page("http://x/", html)
    assert page.main_text() == "Post\nBody"


def test_accordions_and_definition_lists_become_question_headings() -> None:
    html = _doc(
        "<h1>FAQ</h1><details><summary>Can I cancel?</summary><p>Yes, any time.</p></details>"
        "<div><button aria-expanded='false' aria-controls='p1'>Do you ship abroad?</button>"
        "<div id='p1' hidden><p>To 30 countries.</p></div></div>"
        "<dl><dt>Is parking free?</dt><dd>After 6 pm.</dd></dl>"
    )
    page = extract_page("http://x/faq", html)
    assert _headings(page) == ["FAQ", "Can I cancel?", "Do you ship abroad?", "Is parking free?"]
    assert [b.level for b in page.blocks if b.kind == "heading"][1:] == [2, 2, 2]
    assert "To 30 countries." in page.main_text()  # hidden accordion panels are content


def test_cards_without_headings_get_their_first_short_line_as_title_and_price_split_off() -> None:
    cards = "".join(
        f"<div class='card x{i}'><a href='/p{i}'>Product {i}</a><span>$1{i}.00</span><p>Nice thing {i}.</p></div>"
        for i in range(3)
    )
    page = extract_page("http://x/shop", _doc(f"<h1>Shop</h1><div>{cards}</div>"))
    assert _headings(page) == ["Shop", "Product 0", "Product 1", "Product 2"]
    texts = [b.text for b in page.blocks if b.kind == "text"]
    assert "$10.00" in texts and "Nice thing 1." in texts


def test_price_tables_become_one_section_per_plan_or_service() -> None:
    plans = (
        "<table><tr><th></th><th>Basic</th><th>Pro</th></tr><tr><td>Price</td><td>$9/mo</td><td>$29/mo</td></tr>"
        "<tr><td>Seats</td><td>1</td><td>10</td></tr></table>"
    )
    fees = (
        "<table><tr><th>Service</th><th>Fee</th></tr><tr><td>Will</td><td>$500</td></tr>"
        "<tr><td>Trust</td><td>$1,200</td></tr><tr><td>Litigation</td><td>30% contingency</td></tr></table>"
    )
    other = "<table><tr><th>Day</th><th>Hours</th></tr><tr><td>Mon</td><td>9-5</td></tr></table>"
    page = extract_page("http://x/pricing", _doc(f"<h1>Pricing</h1>{plans}<h2>Fees</h2>{fees}{other}"))
    assert _headings(page) == ["Pricing", "Basic", "Pro", "Fees", "Will", "Trust", "Litigation"]
    assert "- Price: $29/mo" in page.main_text()
    assert "| Day | Hours |" in page.main_text()  # not a price table: kept as a Markdown table


def test_closing_a_container_ends_the_sections_opened_inside_it() -> None:
    html = _doc(
        "<section><h2>Features</h2><div class='f'><h3>A</h3><p>a</p></div><div class='f'><h3>B</h3><p>b</p></div>"
        "</section><p>Trusted by Acme</p>"
    )
    kinds = [(b.kind, b.text) for b in extract_page("http://x/", html).blocks]
    assert kinds.index(("text", "Trusted by Acme")) > kinds.index(("close", ""))
    assert [k for k in kinds if k[0] == "close"][-1] == ("close", "")


def test_marked_containers_flag_their_blocks() -> None:
    html = _doc(
        "<div class='plan plan--legacy'><h3>Old</h3><p>$5</p></div><div class='plan'><h3>New</h3></div>"
    )
    blocks = extract_page("http://x/", html).blocks
    assert [(b.text, b.marked) for b in blocks if b.kind == "heading"] == [("Old", True), ("New", False)]


def test_metadata_jsonld_graph_and_bad_jsonld() -> None:
    head = (
        "<meta property='og:site_name' content='Acme'><meta name='description' content='We make anvils.'>"
        '<script type="application/ld+json">{"@graph": [{"@type": "Organization", "name": "Acme Corp"}]}</script>'
        '<script type="application/ld+json">{not json</script>'
    )
    page = extract_page("http://x/", _doc("<p>x</p>", head))
    assert page.meta["og:site_name"] == "Acme"
    assert page.meta["description"] == "We make anvils."
    assert [n["name"] for n in page.jsonld] == ["Acme Corp"]


def test_contact_channels_found_anywhere_labelled_from_main_content() -> None:
    html = _doc(
        "<main><h2>Sales</h2><p>Talk to sales: <a href='mailto:sales@acme.io'>sales@acme.io</a></p>"
        "<address>1 Main Street, Springfield</address></main>"
        "<footer><a href='tel:+15550100'>+1 555 0100</a> <a href='mailto:Sales@acme.io'>mail</a></footer>"
    )
    channels = {(c.kind, c.value): c for c in extract_page("http://x/contact", html).channels}
    assert set(channels) == {
        ("email", "sales@acme.io"),
        ("phone", "+1 555 0100"),
        ("address", "1 Main Street, Springfield"),
    }
    assert (
        channels[("email", "sales@acme.io")].in_main
        and channels[("email", "sales@acme.io")].label == "Talk to sales"
    )
    assert not channels[("phone", "+1 555 0100")].in_main


def test_page_extract_round_trips_through_json() -> None:
    page = extract_page("http://x/", _doc("<h1>A</h1><p>b</p><a href='mailto:a@b.co'>a@b.co</a>"))
    again = PageExtract.from_json(page.to_json())
    assert again == page

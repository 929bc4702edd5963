"""Knowledge items, categories, de-duplication, discontinued content, profile and taxonomy, on HTML strings."""

from __future__ import annotations

import pytest
from docharvest.knowledge import build_knowledge, extract_page
from docharvest.knowledge.business_category import CategoryEvidence, classify_business
from docharvest.knowledge.profile import name_key
from docharvest.knowledge.vocabulary import page_kind

from tests.support.business_sites import BusinessSite, business_sites

BASE = "http://shop.example"


def _site(pages: dict[str, str]):  # type: ignore[no-untyped-def]
    extracts = [
        extract_page(BASE + path, html, depth=0 if path == "/" else 1) for path, html in pages.items()
    ]
    return build_knowledge(extracts, BASE + "/")


def _doc(title: str, main: str, head: str = "") -> str:
    return f"<html><head><title>{title}</title>{head}</head><body><nav><a href='/'>Home</a></nav><main>{main}</main></body></html>"


def _by_title(result):  # type: ignore[no-untyped-def]
    return {i.title: i for i in result.items}


def test_same_feature_on_home_and_features_page_is_one_item_with_the_better_text() -> None:
    result = _site(
        {
            "/": _doc(
                "Acme",
                "<h1>Acme</h1><h2>Why Acme</h2><div class='f'><h3>Fast sync</h3><p>Syncs fast.</p></div>",
            ),
            "/features": _doc(
                "Features",
                "<h1>Features</h1><h2>Fast Sync</h2><p>Every change syncs to all devices within a second, even offline edits.</p>",
            ),
        }
    )
    syncs = [i for i in result.items if "sync" in i.title.lower()]
    assert len(syncs) == 1
    assert syncs[0].source == BASE + "/features"
    assert "within a second" in syncs[0].content
    assert syncs[0].category == "FEATURE"


def test_categories_from_questions_ancestor_headings_page_kind_and_title_words() -> None:
    result = _site(
        {
            "/pricing": _doc(
                "Pricing",
                "<h1>Plans</h1><div class='p'><h3>Pro</h3><p>$10 per month</p></div>"
                "<h2>Questions</h2><h3>Can I cancel?</h3><p>Yes.</p>",
            ),
            "/company": _doc(
                "Company",
                "<h1>Company</h1><h2>Integrations</h2><h3>Slack</h3><p>Post to Slack.</p>"
                "<h2>Refund policy</h2><p>30 days.</p>",
            ),
        }
    )
    items = _by_title(result)
    assert items["Pro"].category == "PRICING"
    assert items["Can I cancel?"].category == "FAQ"
    assert items["Slack"].category == "INTEGRATION"
    assert items["Refund policy"].category == "POLICY"


def test_policy_pages_and_blog_posts_are_one_item_each() -> None:
    result = _site(
        {
            "/privacy": _doc(
                "Privacy Policy | Acme",
                "<h1>Privacy Policy</h1><p>We care.</p><h2>Data we collect</h2><p>Emails.</p><h2>Retention</h2><p>1 year.</p>",
            ),
            "/blog/launch": _doc(
                "Launch",
                "<article><h1>We launched</h1><p>Today we launched.</p><h2>Why</h2><p>Because.</p></article>",
            ),
        }
    )
    assert [(i.title, i.category) for i in result.items] == [
        ("Privacy Policy", "POLICY"),
        ("We launched", "BLOG"),
    ]
    assert "## Data we collect" in result.items[0].content


def test_discontinued_legacy_and_archived_content_is_left_out() -> None:
    result = _site(
        {
            "/pricing": _doc(
                "Pricing",
                "<h1>Pricing</h1><div class='plan'><h3>Team</h3><p>$20 per month</p></div>"
                "<div class='plan'><h3>Solo (legacy)</h3><p>$5 per month</p></div>"
                "<div class='plan'><h3>Starter</h3><p>$8 per month</p><p>This plan has been discontinued.</p></div>"
                "<div class='plan archived'><h3>Max</h3><p>$99 per month</p></div>",
            ),
            "/features": _doc(
                "Features", "<h1>Features</h1><h2>Migration</h2><p>Move off legacy tools in a day.</p>"
            ),
        }
    )
    titles = {i.title for i in result.items}
    assert {"Team", "Migration"} <= titles
    assert not titles & {"Solo (legacy)", "Starter", "Max"}
    assert {i.title for i in result.discontinued} == {"Solo (legacy)", "Starter", "Max"}


def test_sections_repeated_on_many_pages_and_calls_to_action_are_not_items() -> None:
    band = "<section><h2>Join our community</h2><p>Thousands of people already use Acme daily.</p></section>"
    pages = {
        f"/p{i}": _doc(f"P{i}", f"<h1>Page {i}</h1><h2>Topic {i}</h2><p>Own text {i}.</p>{band}")
        for i in range(4)
    }
    pages["/x"] = _doc("X", "<h1>X</h1><h2>Ready to start?</h2><p>Sign up free today.</p>")
    result = _site(pages)
    titles = {i.title for i in result.items}
    assert {f"Topic {i}" for i in range(4)} <= titles
    assert "Join our community" not in titles and "Ready to start?" not in titles
    assert not any("Thousands of people" in i.content for i in result.items)


def test_contact_channels_are_one_item_each_across_pages_and_jsonld() -> None:
    ld = '<script type="application/ld+json">{"@type": "LocalBusiness", "name": "Acme", "telephone": "+1 (555) 010-0199"}</script>'
    footer = "<footer><a href='mailto:hi@acme.io'>hi@acme.io</a> <a href='tel:5550100199'>555 010 0199</a></footer>"
    pages = {
        "/": f"<html><head><title>Acme</title>{ld}</head><body><main><h1>Acme</h1></main>{footer}</body></html>",
        "/contact": f"<html><head><title>Contact</title></head><body><main><h1>Contact</h1>"
        f"<p>Support: <a href='mailto:hi@acme.io'>hi@acme.io</a></p></main>{footer}</body></html>",
    }
    contact = [i for i in _site(pages).items if i.category == "CONTACT"]
    # The JSON-LD number and the footer's tel: link are one phone channel.
    assert sorted(i.title.split(":")[0] for i in contact) == ["Email", "Phone"]
    email = next(i for i in contact if i.title.startswith("Email"))
    assert email.source == BASE + "/contact" and email.content == "Support: hi@acme.io"


@pytest.mark.parametrize(
    ("path", "title", "kind"),
    [
        ("/", "", "HOME"),
        ("/pricing", "", "PRICING"),
        ("/en/help/faq", "", "FAQ"),
        ("/blog", "", "BLOG"),
        ("/blog/2024/hello", "", "BLOG_POST"),
        ("/legal/privacy-policy", "", "POLICY"),
        ("/practice-areas", "", "FEATURE"),
        ("/xyz", "Meet the team | Acme", "ABOUT"),
        ("/xyz", "Plan your trip", "GENERAL"),
    ],
)
def test_page_kind(path: str, title: str, kind: str) -> None:
    assert page_kind(path, title) == kind


def test_profile_prefers_agreeing_sources_and_reports_the_brand_name() -> None:
    head = (
        '<meta property="og:site_name" content="Acme">'
        '<script type="application/ld+json">{"@type": "Organization", "name": "Acme Widgets, Inc.", '
        '"description": "Acme makes project management software for hardware teams."}</script>'
    )
    pages = {
        "/": f"<html><head><title>Home | Acme</title>{head}</head><body><main><h1>Hi</h1></main>"
        "<footer><p>© 2024 Acme Widgets, Inc. All rights reserved.</p></footer></body></html>",
        "/about": "<html><head><title>About | Acme</title></head><body><main><h1>About</h1></main></body></html>",
    }
    profile = _site(pages).profile
    assert profile.name == "Acme"
    assert profile.domain == "shop.example"
    assert profile.description.startswith("Acme makes project management software")
    assert profile.category == "Project Management"
    assert 0 < profile.category_confidence <= 1


def test_profile_without_structured_data_falls_back_to_title_and_hero() -> None:
    pages = {
        "/": "<html><head><title>Green Leaf Dental Clinic - Family dentist in Leeds</title></head><body><main>"
        "<h1>Gentle dental care</h1><p>Our dentists look after patients of every age in central Leeds.</p></main></body></html>"
    }
    profile = _site(pages).profile
    assert profile.name == "Green Leaf Dental Clinic"
    assert profile.description.startswith("Our dentists look after patients")
    assert profile.category == "Healthcare Provider"


def test_taxonomy_uses_schema_types_and_reports_low_confidence_on_thin_evidence() -> None:
    strong = classify_business(
        CategoryEvidence(schema_types=["Restaurant"], strong_text=["Trattoria with handmade pasta"])
    )
    assert strong.category == "Restaurant" and strong.confidence >= 0.9
    thin = classify_business(CategoryEvidence(body_text=["we have a menu"]))
    assert thin.category == "Restaurant" and thin.confidence < 0.6
    assert classify_business(CategoryEvidence()).category == "Other"


def test_name_key_ignores_case_punctuation_and_legal_suffix() -> None:
    assert name_key("Hargrove & Pike LLP") == name_key("hargrove and pike")
    assert name_key("Flowboard Labs, Inc.") == "flowboard labs"


@pytest.mark.parametrize("site", business_sites(), ids=lambda s: s.key)
def test_fixture_sites_reach_the_targets(site: BusinessSite) -> None:
    """Each labelled fixture business: profile right, >= 90% of current items found with the right category."""
    result = _site(site.pages)
    assert name_key(result.profile.name) == name_key(site.name)
    assert result.profile.category == site.category

    def found(label):  # type: ignore[no-untyped-def]
        return [
            i
            for i in result.items
            if (label.key and label.key in i.title + i.content)
            or set(label.title.lower().split()) == set(i.title.lower().split())
        ]

    current = [label for label in site.items if label.current]
    hits = {label.title: found(label) for label in current}
    recall = sum(bool(h) for h in hits.values()) / len(current)
    right = sum(any(i.category == label.category for i in hits[label.title]) for label in current)
    assert recall >= 0.9, [t for t, h in hits.items() if not h]
    assert right / len(current) >= 0.9
    for label in site.items:
        if not label.current:
            assert not found(label), f"{label.title} is marked discontinued on the site"


def test_div_soup_navigation_and_footer_repeated_on_most_pages_are_removed() -> None:
    nav = "<div class='fixed top-0'><a href='/'>Ledgerly</a> <a href='/pricing'>Pricing</a> <a href='/signin'>Sign in</a></div>"
    foot = "<div class='bg-gray-900'><p>Accounting for small businesses.</p><p>support@ledgerly.com</p></div>"

    def page(title: str, main: str) -> str:
        return f"<html><head><title>{title} | Ledgerly</title></head><body>{nav}<div>{main}</div>{foot}</body></html>"

    result = _site(
        {
            "/": page("Home", "<h1>Accounting that does itself</h1><p>Send invoices in minutes.</p>"),
            "/product": page("Product", "<h1>Product</h1><h2>Bank feeds</h2><p>Connect 40 banks.</p>"),
            "/privacy": page(
                "Privacy", "<h1>Privacy notice</h1><p>We process personal data under UK GDPR.</p>"
            ),
        }
    )
    items = _by_title(result)
    assert items["Privacy notice"].content == "We process personal data under UK GDPR."
    assert items["Bank feeds"].content == "Connect 40 banks."
    assert "Email: support@ledgerly.com" in items  # a plain-text address is a channel too
    assert result.profile.name == "Ledgerly"

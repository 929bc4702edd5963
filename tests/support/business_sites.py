"""Fixture business websites with labels, for knowledge-job tests and ``bench/knowledge.py``.

Five businesses of different kinds, each built with different markup habits, so the
extractor is not tuned to one template:

- ``flowboard``  SaaS (project management): JSON-LD + OpenGraph, ``<main>``, pricing cards,
  a legacy plan, ``<details>`` FAQ, cookie banner, a CTA band repeated on every page, blog.
- ``trattoria``  restaurant: JSON-LD ``Restaurant``, no ``<main>``, div-based nav/footer,
  menu sections (offerings: FEATURE), an archived seasonal menu, ``<dl>`` FAQ, policies as sections.
- ``hargrove``   law firm: no JSON-LD, no OpenGraph; attorney cards without headings,
  a fee table, ARIA accordion FAQ, a discontinued practice area.
- ``brightsmile`` dental clinic: JSON-LD ``Dentist``, FAQ as h3 questions on the home page,
  service cards, a pricing table with plans in columns.
- ``northwind``  online shop (coffee): OpenGraph only, product grid, shipping/returns
  policies, a retired product marked by a badge.

``site.pages`` maps paths to HTML; ``site.items`` are the labelled knowledge items
(``current=False``: the site marks it discontinued/legacy/archived, so it must not come
back as a current item); ``site.main_snippets`` / ``site.chrome_snippets`` label main
content vs navigation/footer/banners per page, for measuring content extraction.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from html import escape

from tests.support.siteserver import SiteServer, html


@dataclass
class ItemLabel:
    title: str
    category: str
    current: bool = True
    key: str | None = None  # a string that must appear in the item (title or content) when titles vary


@dataclass
class BusinessSite:
    key: str
    name: str
    category: str
    description: str
    pages: dict[str, str]
    items: list[ItemLabel]
    main_snippets: dict[str, list[str]] = field(default_factory=dict)
    chrome_snippets: list[str] = field(default_factory=list)

    def serve(self, server: SiteServer) -> None:
        for path, body in self.pages.items():
            server.add(path, html(body))


def _jsonld(data: object) -> str:
    return f'<script type="application/ld+json">{json.dumps(data)}</script>'


def _doc(title: str, body: str, *, head: str = "", lang: str = "en") -> str:
    return (
        f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8"><title>{escape(title)}</title>'
        f"{head}</head><body>{body}</body></html>"
    )


# -- flowboard: SaaS ---------------------------------------------------------------

_FB_NAV = """<header class="site-header"><a class="logo" href="/"><img src="/logo.svg" alt="Flowboard logo"></a>
<nav><ul><li><a href="/features">Features</a></li><li><a href="/pricing">Pricing</a></li>
<li><a href="/integrations">Integrations</a></li><li><a href="/security">Security</a></li>
<li><a href="/blog">Blog</a></li><li><a href="/login">Log in to your workspace</a></li></ul></nav>
<a class="btn btn-primary" href="/signup">Start free trial</a></header>"""
_FB_COOKIE = """<div id="cookie-consent" class="cookie-banner"><p>We use cookies to improve your browsing
experience and analyse traffic. By clicking accept you agree.</p><button>Accept all cookies</button></div>"""
_FB_CTA = """<section class="cta-band"><h2>Ready to ship faster?</h2><p>Join 12,000 product teams who plan
their work in Flowboard every day.</p><a class="btn" href="/signup">Get started for free</a></section>"""
_FB_FOOTER = """<footer><div class="cols"><div><h4>Product</h4><ul><li><a href="/features">Features</a></li>
<li><a href="/pricing">Pricing</a></li><li><a href="/changelog">Changelog</a></li></ul></div>
<div><h4>Company</h4><ul><li><a href="/about">About</a></li><li><a href="/contact">Contact</a></li>
<li><a href="/faq">FAQ</a></li><li><a href="/privacy">Privacy</a></li><li><a href="/terms">Terms</a></li></ul></div>
<div class="newsletter"><p>Subscribe to our monthly product digest.</p></div></div>
<p>Questions? <a href="mailto:hello@flowboard.io">hello@flowboard.io</a></p>
<p>&copy; 2025 Flowboard Labs, Inc. All rights reserved.</p></footer>"""
_FB_LD = _jsonld(
    {
        "@context": "https://schema.org",
        "@graph": [
            {
                "@type": "Organization",
                "name": "Flowboard Labs, Inc.",
                "url": "https://flowboard.io",
                "logo": "https://flowboard.io/logo.svg",
            },
            {
                "@type": "SoftwareApplication",
                "name": "Flowboard",
                "applicationCategory": "BusinessApplication",
                "description": "Flowboard is project management software that helps product teams plan sprints, track issues and ship on time.",
                "offers": {"@type": "Offer", "price": "0", "priceCurrency": "USD"},
            },
        ],
    }
)
_FB_HEAD = (
    '<meta property="og:site_name" content="Flowboard">'
    '<meta property="og:title" content="Flowboard – Project management for product teams">'
    '<meta name="description" content="Plan sprints, track issues and ship on time with Flowboard, '
    'the project management tool for product teams.">'
)


def _fb_page(title: str, main: str, *, ld: bool = False) -> str:
    head = _FB_HEAD + (_FB_LD if ld else "")
    body = _FB_COOKIE + _FB_NAV + f"<main>{main}{_FB_CTA}</main>" + _FB_FOOTER
    return _doc(f"{title} | Flowboard", body, head=head)


_FB_FEATURES = [
    (
        "Issue tracking",
        "Create, assign and prioritise issues in seconds with keyboard shortcuts. Every issue has an owner, a status and a due date, and updates sync instantly across the team.",
    ),
    (
        "Sprint planning",
        "Plan two-week sprints by dragging issues from the backlog. Flowboard warns you when a sprint is over capacity and carries unfinished work forward automatically.",
    ),
    (
        "Roadmaps",
        "Lay out quarterly goals on a timeline and link them to the issues that deliver them, so everyone sees how daily work moves the roadmap.",
    ),
    (
        "Automations",
        "Move issues between states, notify reviewers and close stale tickets with no-code rules that run on every change.",
    ),
    (
        "Insights dashboards",
        "Cycle time, throughput and burn-down charts are built from your data with no setup, and can be shared with stakeholders by link.",
    ),
]
_FB_PLANS = [
    ("Free", "$0", "forever", ["Up to 10 members", "Unlimited issues", "2 active sprints"]),
    (
        "Standard",
        "$8",
        "per user / month",
        ["Unlimited members", "Roadmaps", "Automations (1,000 runs/month)"],
    ),
    (
        "Business",
        "$16",
        "per user / month",
        ["Everything in Standard", "Insights dashboards", "SAML single sign-on"],
    ),
    (
        "Enterprise",
        "Custom pricing",
        "billed annually",
        ["Dedicated success manager", "Audit logs", "99.99% uptime SLA"],
    ),
]
_FB_FAQ = [
    (
        "Can I change plans at any time?",
        "Yes. Upgrades take effect immediately and downgrades apply from your next billing date.",
    ),
    (
        "Is there a free trial of paid plans?",
        "Every paid plan starts with a 14-day free trial; no credit card is needed.",
    ),
    (
        "Do you offer discounts for non-profits?",
        "Registered non-profits and schools get 50% off the Standard and Business plans.",
    ),
    (
        "Can I import data from Jira?",
        "Yes. The Jira importer brings over projects, issues, comments and attachments in one step.",
    ),
    (
        "Where is my data stored?",
        "Customer data is stored in AWS data centres in Frankfurt or Virginia, chosen at sign-up.",
    ),
]
_FB_INTEGRATIONS = [
    ("Slack", "Get issue notifications in Slack channels and create issues from any message."),
    ("GitHub", "Link pull requests to issues and close issues automatically when a pull request merges."),
    ("Figma", "Embed live Figma frames in issues so designs and tasks stay together."),
    ("Google Drive", "Attach Drive documents to issues with previews and access checks."),
    ("Zapier", "Connect Flowboard to 5,000 other apps with Zapier triggers and actions."),
]
_FB_SECURITY = [
    (
        "SOC 2 Type II certified",
        "Flowboard is audited every year against the SOC 2 Type II trust principles; reports are available under NDA.",
    ),
    (
        "Encryption at rest and in transit",
        "All data is encrypted with AES-256 at rest and TLS 1.3 in transit.",
    ),
    (
        "Single sign-on and SCIM",
        "Business and Enterprise workspaces can enforce SAML SSO and provision users with SCIM.",
    ),
]


def _flowboard() -> BusinessSite:
    feature_teasers = "".join(
        f'<div class="feature-card"><h3>{t}</h3><p>{d.split(".")[0]}.</p></div>' for t, d in _FB_FEATURES[:3]
    )
    home = f"""<section class="hero"><h1>Project management for product teams</h1>
<p>Plan sprints, track issues and ship on time, all in one fast, keyboard-first workspace.</p>
<a class="btn" href="/signup">Start free trial</a></section>
<section><h2>Everything your team needs</h2><div class="grid">{feature_teasers}</div></section>
<section class="logos"><p>Trusted by teams at Acme, Globex and Initech</p></section>"""
    features = "<h1>Features</h1><p>Everything product teams need to go from idea to release.</p>" + "".join(
        f"<section><h2>{t}</h2><p>{d}</p></section>" for t, d in _FB_FEATURES
    )
    cards = "".join(
        f'<div class="plan"><h3>{n}</h3><p class="price"><strong>{p}</strong> {per}</p><ul>'
        + "".join(f"<li>{f}</li>" for f in fs)
        + "</ul></div>"
        for n, p, per, fs in _FB_PLANS
    )
    legacy = """<div class="plan plan--legacy"><h3>Starter</h3><span class="badge">Legacy</span>
<p class="price"><strong>$5</strong> per user / month</p><p>The Starter plan has been discontinued and is no
longer available to new customers. Existing Starter workspaces keep their price.</p></div>"""
    pricing = f"""<h1>Simple pricing for every team</h1><p>Start free, upgrade when you grow.</p>
<div class="plans">{cards}</div><h2>Older plans</h2>{legacy}
<h2>Pricing questions</h2><details><summary>{_FB_FAQ[0][0]}</summary><p>{_FB_FAQ[0][1]}</p></details>"""
    faq = "<h1>Frequently asked questions</h1>" + "".join(
        f"<details><summary>{q}</summary><p>{a}</p></details>" for q, a in _FB_FAQ
    )
    integrations = (
        "<h1>Integrations</h1><p>Flowboard works with the tools you already use.</p><ul class='apps'>"
        + "".join(f"<li class='app'><h3>{n}</h3><p>{d}</p></li>" for n, d in _FB_INTEGRATIONS)
        + "</ul>"
    )
    security = "<h1>Security at Flowboard</h1><p>Your work is safe with us.</p>" + "".join(
        f"<h2>{t}</h2><p>{d}</p>" for t, d in _FB_SECURITY
    )
    about = """<h1>About Flowboard</h1><p>Flowboard was founded in 2019 in Berlin by two engineers who were tired
of slow, cluttered project tools. Today 60 people in 14 countries build Flowboard for 12,000 teams.</p>
<h2>Our mission</h2><p>We want every product team to spend less time managing work and more time shipping it.</p>"""
    contact = """<h1>Contact us</h1><p>We usually answer within one business day.</p>
<h2>Sales</h2><p>Talk to sales: <a href="mailto:sales@flowboard.io">sales@flowboard.io</a></p>
<h2>Support</h2><p>Customer support: <a href="mailto:support@flowboard.io">support@flowboard.io</a></p>
<h2>Phone</h2><p>Call us on <a href="tel:+493012345678">+49 30 1234 5678</a> (Mon–Fri, 9–17 CET)</p>
<h2>Office</h2><address>Flowboard Labs, Inc., Torstraße 120, 10119 Berlin, Germany</address>"""
    privacy = """<h1>Privacy Policy</h1><p>This policy explains what personal data Flowboard collects and how we use it.</p>
<h2>Data we collect</h2><p>Account details, workspace content and usage logs.</p>
<h2>How we use data</h2><p>Only to provide and improve the service; we never sell personal data.</p>"""
    terms = """<h1>Terms of Service</h1><p>These terms govern your use of Flowboard. By creating a workspace you
accept them.</p><h2>Payment</h2><p>Paid plans are billed in advance, monthly or annually.</p>"""
    posts = [
        (
            "/blog/introducing-roadmaps",
            "Introducing Roadmaps 2.0",
            "Roadmaps now support dependencies, milestones and a new quarter view.",
        ),
        (
            "/blog/how-we-plan-sprints",
            "How we plan sprints at Flowboard",
            "Our own team plans two-week sprints with a 20% buffer for bugs.",
        ),
    ]
    blog = "<h1>Blog</h1>" + "".join(
        f'<article class="post-card"><h2><a href="{u}">{t}</a></h2><p>{s}</p></article>' for u, t, s in posts
    )
    pages = {
        "/": _fb_page("Project management for product teams", home, ld=True),
        "/features": _fb_page("Features", features),
        "/pricing": _fb_page("Pricing", pricing),
        "/faq": _fb_page("FAQ", faq),
        "/integrations": _fb_page("Integrations", integrations),
        "/security": _fb_page("Security", security),
        "/about": _fb_page("About", about),
        "/contact": _fb_page("Contact", contact),
        "/privacy": _fb_page("Privacy Policy", privacy),
        "/terms": _fb_page("Terms of Service", terms),
        "/blog": _fb_page("Blog", blog),
    }
    for url, title, summary in posts:
        article = f"<article><h1>{title}</h1><time datetime='2025-03-01'>March 1, 2025</time><p>{summary}</p><p>Read on for the details of what changed and why.</p></article>"
        pages[url] = _fb_page(title, article)
    items = (
        [ItemLabel(t, "FEATURE") for t, _ in _FB_FEATURES]
        + [ItemLabel(n, "PRICING") for n, *_ in _FB_PLANS]
        + [ItemLabel("Starter", "PRICING", current=False)]
        + [ItemLabel(q, "FAQ") for q, _ in _FB_FAQ]
        + [ItemLabel(n, "INTEGRATION") for n, _ in _FB_INTEGRATIONS]
        + [ItemLabel(t, "SECURITY") for t, _ in _FB_SECURITY]
        + [ItemLabel("About Flowboard", "ABOUT"), ItemLabel("Our mission", "ABOUT")]
        + [
            ItemLabel("Sales email", "CONTACT", key="sales@flowboard.io"),
            ItemLabel("Support email", "CONTACT", key="support@flowboard.io"),
            ItemLabel("Phone", "CONTACT", key="1234 5678"),
            ItemLabel("Office address", "CONTACT", key="Torstraße 120"),
        ]
        + [ItemLabel("Privacy Policy", "POLICY"), ItemLabel("Terms of Service", "POLICY")]
        + [ItemLabel(t, "BLOG") for _, t, _ in posts]
    )
    return BusinessSite(
        key="flowboard",
        name="Flowboard",
        category="Project Management",
        description="Project management software for product teams: plan sprints, track issues, ship on time.",
        pages=pages,
        items=items,
        main_snippets={
            "/features": [d for _, d in _FB_FEATURES],
            "/pricing": ["Up to 10 members", "SAML single sign-on", "Start free, upgrade when you grow."],
            "/faq": [a for _, a in _FB_FAQ],
            "/about": ["Flowboard was founded in 2019 in Berlin"],
        },
        chrome_snippets=[
            "We use cookies to improve your browsing",
            "Log in to your workspace",
            "Subscribe to our monthly product digest",
            "All rights reserved",
            "Changelog",
        ],
    )


# -- trattoria: restaurant -----------------------------------------------------------

_TR_MENU = {
    "Antipasti": [
        ("Bruschetta al pomodoro", "$9"),
        ("Burrata with heirloom tomatoes", "$14"),
        ("Fried calamari", "$13"),
    ],
    "Pasta": [("Tagliatelle al ragù", "$19"), ("Cacio e pepe", "$17"), ("Lobster ravioli", "$26")],
    "Secondi": [("Chicken Milanese", "$24"), ("Grilled branzino", "$29")],
    "Dolci": [("Tiramisù", "$9"), ("Panna cotta with berries", "$8")],
}
_TR_FAQ = [
    (
        "Do you have vegetarian and gluten-free options?",
        "Yes. Most pasta dishes can be made with gluten-free pasta and our menu marks vegetarian dishes.",
    ),
    (
        "Is there parking nearby?",
        "Street parking is free after 6 pm and the Elm Street garage is a two-minute walk.",
    ),
    ("Can I bring my own wine?", "Yes, corkage is $20 per bottle, with a limit of two bottles per table."),
    ("Do you take walk-ins?", "We keep a few tables for walk-ins every night; weekends fill up fast."),
]


def _tr_page(title: str, content: str) -> str:
    nav = """<div class="navbar"><a href="/"><img class="logo" src="/logo.png" alt="Trattoria Bella Vista"></a>
<ul><li><a href="/menu">Menu</a></li><li><a href="/reservations">Reservations</a></li><li><a href="/about">Our story</a></li>
<li><a href="/faq">FAQ</a></li><li><a href="/contact">Find us</a></li><li><a href="/gift-cards">Buy gift cards online</a></li></ul></div>"""
    footer = """<div class="site-footer"><p>Trattoria Bella Vista · 48 Elm Street, Portland, OR 97204 ·
<a href="tel:+15035550142">(503) 555-0142</a></p><p>Follow us on Instagram for daily specials</p>
<p>© 2025 Bella Vista Hospitality LLC</p></div>"""
    ld = _jsonld(
        {
            "@context": "https://schema.org",
            "@type": "Restaurant",
            "name": "Trattoria Bella Vista",
            "servesCuisine": "Italian",
            "telephone": "+1 503 555 0142",
            "address": {
                "@type": "PostalAddress",
                "streetAddress": "48 Elm Street",
                "addressLocality": "Portland",
            },
            "description": "Family-run Italian restaurant in Portland serving handmade pasta and wood-fired dishes since 1998.",
        }
    )
    return _doc(
        f"Trattoria Bella Vista — {title}", nav + f'<div id="content">{content}</div>' + footer, head=ld
    )


def _trattoria() -> BusinessSite:
    menu = "<h1>Our menu</h1><p>All pasta is made by hand every morning.</p>" + "".join(
        f"<h2>{section}</h2><ul>" + "".join(f"<li>{d} — {p}</li>" for d, p in dishes) + "</ul>"
        for section, dishes in _TR_MENU.items()
    )
    menu += """<div class="archived-menu"><h2>Winter menu 2023</h2><p>Archived menu, kept for reference only.</p>
<ul><li>Truffle risotto — $32</li><li>Osso buco — $34</li></ul></div>"""
    home = """<div class="hero"><h1>Handmade pasta in the heart of Portland</h1>
<p>Trattoria Bella Vista is a family-run Italian restaurant serving handmade pasta and wood-fired dishes since 1998.</p></div>
<h2>Private dining</h2><p>Our upstairs room seats up to 30 guests for birthdays, rehearsal dinners and company events, with set menus from $55 per person.</p>
<h2>Catering</h2><p>We cater office lunches and parties of 10 to 200 people anywhere in the Portland metro area.</p>"""
    reservations = """<h1>Reservations</h1><p>Book online or call us.</p>
<h2>Reservation policy</h2><p>Tables are held for 15 minutes after the booking time. Parties of 7 or more need a credit card to book.</p>
<h2>Cancellation policy</h2><p>Please cancel at least 24 hours ahead; late cancellations for large parties are charged $20 per guest.</p>
<h2>Dress code</h2><p>Smart casual. No dress code is enforced, but please no swimwear.</p>"""
    faq = (
        "<h1>Frequently asked questions</h1><dl>"
        + "".join(f"<dt>{q}</dt><dd>{a}</dd>" for q, a in _TR_FAQ)
        + "</dl>"
    )
    about = """<h1>Our story</h1><p>Bella Vista opened in 1998 when the Rossi family moved from Bologna to Portland. Twenty-five years on,
the third generation still makes every pasta sheet by hand.</p>
<h2>Chef Marco Rossi</h2><p>Marco trained in Bologna and Milan before taking over the kitchen in 2012.</p>"""
    contact = """<h1>Find us</h1>
<h2>Address</h2><address>48 Elm Street, Portland, OR 97204</address>
<h2>Opening hours</h2><ul><li>Tuesday–Thursday: 5 pm – 10 pm</li><li>Friday–Saturday: 5 pm – 11 pm</li><li>Sunday: 4 pm – 9 pm</li><li>Monday: closed</li></ul>
<h2>Reach us</h2><p>Phone: <a href="tel:+15035550142">(503) 555-0142</a></p>
<p>Email: <a href="mailto:ciao@bellavista-pdx.com">ciao@bellavista-pdx.com</a></p>"""
    pages = {
        "/": _tr_page("Italian restaurant in Portland", home),
        "/menu": _tr_page("Menu", menu),
        "/reservations": _tr_page("Reservations", reservations),
        "/faq": _tr_page("FAQ", faq),
        "/about": _tr_page("Our story", about),
        "/contact": _tr_page("Find us", contact),
    }
    items = (
        [ItemLabel(s, "FEATURE") for s in _TR_MENU]
        + [ItemLabel("Winter menu 2023", "FEATURE", current=False)]
        + [ItemLabel("Private dining", "FEATURE"), ItemLabel("Catering", "FEATURE")]
        + [ItemLabel(t, "POLICY") for t in ("Reservation policy", "Cancellation policy", "Dress code")]
        + [ItemLabel(q, "FAQ") for q, _ in _TR_FAQ]
        + [ItemLabel("Our story", "ABOUT"), ItemLabel("Chef Marco Rossi", "ABOUT")]
        + [
            ItemLabel("Address", "CONTACT", key="48 Elm Street"),
            ItemLabel("Opening hours", "CONTACT"),
            ItemLabel("Phone", "CONTACT", key="555-0142"),
            ItemLabel("Email", "CONTACT", key="ciao@bellavista-pdx.com"),
        ]
    )
    return BusinessSite(
        key="trattoria",
        name="Trattoria Bella Vista",
        category="Restaurant",
        description="Family-run Italian restaurant in Portland serving handmade pasta and wood-fired dishes.",
        pages=pages,
        items=items,
        main_snippets={
            "/menu": ["All pasta is made by hand every morning.", "Cacio e pepe"],
            "/faq": [a for _, a in _TR_FAQ],
            "/reservations": ["Tables are held for 15 minutes"],
        },
        chrome_snippets=[
            "Follow us on Instagram for daily specials",
            "Buy gift cards online",
            "Bella Vista Hospitality LLC",
        ],
    )


# -- hargrove: law firm ---------------------------------------------------------------

_HP_AREAS = [
    (
        "Wrongful termination",
        "We represent employees who were fired for discriminatory or retaliatory reasons, or in breach of contract.",
    ),
    (
        "Workplace discrimination",
        "Claims based on race, sex, age, disability, religion or national origin under state and federal law.",
    ),
    (
        "Wage and hour claims",
        "Unpaid overtime, misclassification as a contractor and withheld final paychecks.",
    ),
    ("Severance negotiation", "We review severance agreements and negotiate better terms before you sign."),
]
_HP_FAQ = [
    (
        "How much does a consultation cost?",
        "Your first 30-minute consultation is free for employees; a full case review costs $250.",
    ),
    (
        "Do you work on contingency?",
        "For most wrongful termination and discrimination cases we work on a 33% contingency fee.",
    ),
    (
        "How long do I have to file a claim?",
        "Deadlines can be as short as 180 days, so contact us as soon as possible.",
    ),
]


def _hp_page(title: str, main: str) -> str:
    header = """<header><div class="brand">Hargrove &amp; Pike</div><nav><a href="/">Home</a> <a href="/practice-areas">Practice areas</a>
<a href="/attorneys">Attorneys</a> <a href="/fees">Fees</a> <a href="/faq">FAQ</a> <a href="/contact">Contact</a>
<a href="/client-portal">Secure client portal sign-in</a></nav></header>"""
    footer = """<footer><p>Hargrove &amp; Pike LLP · 1600 Stout Street, Suite 900, Denver, CO 80202</p>
<p>Attorney advertising. Prior results do not guarantee a similar outcome.</p>
<p>© 2025 Hargrove &amp; Pike LLP</p><p><a href="/privacy">Privacy policy</a> · <a href="/disclaimer">Disclaimer</a></p></footer>"""
    banner = """<div class="consent-notice" role="dialog"><p>This site uses cookies for analytics only. Choose
your preferences.</p></div>"""
    return _doc(f"{title} | Hargrove & Pike LLP", banner + header + f"<main>{main}</main>" + footer)


def _hargrove() -> BusinessSite:
    home = """<h1>Employment lawyers for Colorado workers</h1><p>Hargrove &amp; Pike LLP is a Denver law firm that represents employees in
wrongful termination, discrimination and wage disputes. We have recovered more than $40 million for our clients.</p>"""
    areas = "<h1>Practice areas</h1><p>We only represent employees, never employers.</p>" + "".join(
        f"<h2>{t}</h2><p>{d}</p>" for t, d in _HP_AREAS
    )
    areas += """<h2>Immigration law (discontinued)</h2><p>We no longer accept new immigration matters; please contact the
Colorado Bar referral service.</p>"""
    attorneys = """<h1>Our attorneys</h1><div class="team">
<div class="attorney"><p><strong>Eleanor Hargrove</strong></p><p>Founding partner. Eleanor has tried more than 60 employment cases to verdict.</p></div>
<div class="attorney"><p><strong>Daniel Pike</strong></p><p>Partner. Daniel leads the firm's wage and hour class actions.</p></div>
<div class="attorney"><p><strong>Priya Raman</strong></p><p>Associate. Priya focuses on discrimination and retaliation claims.</p></div></div>"""
    fees = """<h1>Fees</h1><p>We are transparent about what our work costs.</p><table>
<tr><th>Service</th><th>Fee</th><th>Notes</th></tr>
<tr><td>Case review consultation</td><td>$250</td><td>Credited toward your case if you hire us</td></tr>
<tr><td>Severance agreement review</td><td>$1,500 flat fee</td><td>Includes one round of negotiation</td></tr>
<tr><td>Litigation</td><td>33% contingency</td><td>No fee unless we recover money for you</td></tr>
<tr><td>Hourly advice</td><td>$425 per hour</td><td>Billed in 6-minute increments</td></tr></table>"""
    faq = (
        "<h1>FAQ</h1><div class='accordion'>"
        + "".join(
            f"<div class='acc-item'><button aria-expanded='false' aria-controls='faq{i}'>{q}</button><div id='faq{i}' hidden><p>{a}</p></div></div>"
            for i, (q, a) in enumerate(_HP_FAQ)
        )
        + "</div>"
    )
    contact = """<h1>Contact</h1><p>Tell us about your situation; we reply within one business day.</p>
<p>Phone: <a href="tel:+13035550199">(303) 555-0199</a></p><p>Email: <a href="mailto:intake@hargrovepike.law">intake@hargrovepike.law</a></p>
<address>1600 Stout Street, Suite 900, Denver, CO 80202</address>"""
    privacy = """<h1>Privacy policy</h1><p>We collect only the information you send us through this website and use it to
evaluate your matter.</p>"""
    disclaimer = """<h1>Disclaimer</h1><p>Information on this website is not legal advice and does not create an attorney-client
relationship.</p>"""
    pages = {
        "/": _hp_page("Employment Lawyers in Denver", home),
        "/practice-areas": _hp_page("Practice areas", areas),
        "/attorneys": _hp_page("Attorneys", attorneys),
        "/fees": _hp_page("Fees", fees),
        "/faq": _hp_page("FAQ", faq),
        "/contact": _hp_page("Contact", contact),
        "/privacy": _hp_page("Privacy policy", privacy),
        "/disclaimer": _hp_page("Disclaimer", disclaimer),
    }
    items = (
        [ItemLabel(t, "FEATURE") for t, _ in _HP_AREAS]
        + [ItemLabel("Immigration law", "FEATURE", current=False)]
        + [ItemLabel(n, "ABOUT") for n in ("Eleanor Hargrove", "Daniel Pike", "Priya Raman")]
        + [
            ItemLabel(n, "PRICING")
            for n in ("Case review consultation", "Severance agreement review", "Litigation", "Hourly advice")
        ]
        + [ItemLabel(q, "FAQ") for q, _ in _HP_FAQ]
        + [
            ItemLabel("Phone", "CONTACT", key="555-0199"),
            ItemLabel("Email", "CONTACT", key="intake@hargrovepike.law"),
            ItemLabel("Office address", "CONTACT", key="1600 Stout Street"),
        ]
        + [ItemLabel("Privacy policy", "POLICY"), ItemLabel("Disclaimer", "POLICY")]
    )
    return BusinessSite(
        key="hargrove",
        name="Hargrove & Pike LLP",
        category="Law Firm",
        description="Denver law firm representing employees in wrongful termination, discrimination and wage disputes.",
        pages=pages,
        items=items,
        main_snippets={
            "/practice-areas": [d for _, d in _HP_AREAS],
            "/faq": [a for _, a in _HP_FAQ],
            "/attorneys": ["Founding partner."],
        },
        chrome_snippets=[
            "Secure client portal sign-in",
            "Prior results do not guarantee a similar outcome",
            "This site uses cookies for analytics only",
        ],
    )


# -- brightsmile: dental clinic ---------------------------------------------------------

_BS_SERVICES = [
    (
        "Check-ups and cleaning",
        "A full exam, X-rays when needed and a professional cleaning, every six months.",
    ),
    (
        "Teeth whitening",
        "In-office whitening that lightens teeth by up to eight shades in one 90-minute visit.",
    ),
    ("Dental implants", "Permanent replacement teeth placed by our in-house oral surgeon."),
    ("Invisalign", "Clear aligners to straighten teeth without metal braces."),
]
_BS_FAQ = [
    ("Do you accept my insurance?", "We accept most PPO plans, including Delta Dental, Cigna and MetLife."),
    ("Do you see children?", "Yes, we treat patients of all ages from their first tooth."),
    ("What if I have a dental emergency?", "Call us; we keep same-day slots for emergencies every weekday."),
]


def _bs_page(title: str, main: str) -> str:
    head = (
        '<meta property="og:site_name" content="BrightSmile Dental">'
        '<meta property="og:description" content="Friendly family and cosmetic dentistry in Austin, Texas.">'
        + _jsonld(
            {
                "@context": "https://schema.org",
                "@type": "Dentist",
                "name": "BrightSmile Dental",
                "telephone": "+1-512-555-0133",
                "email": "hello@brightsmile.dental",
                "address": {
                    "@type": "PostalAddress",
                    "streetAddress": "210 Congress Ave",
                    "addressLocality": "Austin",
                },
            }
        )
    )
    top = """<div class="topbar announcement">Now welcoming new patients — book online 24/7</div>
<header><nav class="menu"><a href="/">Home</a><a href="/services">Services</a><a href="/plans">Membership plans</a><a href="/contact">Contact</a></nav></header>"""
    footer = """<footer><p>BrightSmile Dental PLLC · 210 Congress Ave, Austin, TX</p><p>Call <a href="tel:+15125550133">512-555-0133</a>
or email <a href="mailto:hello@brightsmile.dental">hello@brightsmile.dental</a></p><p>Website by Pixelworks Studio</p></footer>"""
    return _doc(f"{title} - BrightSmile Dental", top + f"<main>{main}</main>" + footer, head=head)


def _brightsmile() -> BusinessSite:
    faq = "".join(f"<h3>{q}</h3><p>{a}</p>" for q, a in _BS_FAQ)
    home = f"""<h1>Family and cosmetic dentistry in Austin</h1><p>BrightSmile Dental is a friendly dental practice offering
check-ups, whitening, implants and Invisalign for the whole family.</p>
<h2>Frequently asked questions</h2>{faq}"""
    services = (
        "<h1>Our services</h1><div class='services'>"
        + "".join(f"<div class='service'><h3>{t}</h3><p>{d}</p></div>" for t, d in _BS_SERVICES)
        + "</div>"
    )
    plans = """<h1>Membership plans</h1><p>No insurance? Join our in-house plan.</p><table>
<thead><tr><th></th><th>Basic</th><th>Family</th></tr></thead>
<tbody><tr><td>Price</td><td>$29/month</td><td>$79/month</td></tr>
<tr><td>Cleanings</td><td>2 per year</td><td>2 per year for up to 4 people</td></tr>
<tr><td>Discount on treatment</td><td>15%</td><td>20%</td></tr></tbody></table>"""
    contact = """<h1>Contact us</h1><p>Call <a href="tel:+15125550133">512-555-0133</a> or email
<a href="mailto:hello@brightsmile.dental">hello@brightsmile.dental</a>.</p>
<h2>Office hours</h2><p>Monday to Friday, 8 am to 6 pm. Saturday 9 am to 1 pm.</p>
<h2>Location</h2><address>210 Congress Ave, Austin, TX 78701</address>"""
    pages = {
        "/": _bs_page("Dentist in Austin, TX", home),
        "/services": _bs_page("Services", services),
        "/plans": _bs_page("Membership plans", plans),
        "/contact": _bs_page("Contact", contact),
    }
    items = (
        [ItemLabel(t, "FEATURE") for t, _ in _BS_SERVICES]
        + [ItemLabel(q, "FAQ") for q, _ in _BS_FAQ]
        + [ItemLabel("Basic", "PRICING"), ItemLabel("Family", "PRICING")]
        + [
            ItemLabel("Phone", "CONTACT", key="555-0133"),
            ItemLabel("Email", "CONTACT", key="hello@brightsmile.dental"),
            ItemLabel("Office hours", "CONTACT"),
            ItemLabel("Location", "CONTACT", key="210 Congress Ave"),
        ]
    )
    return BusinessSite(
        key="brightsmile",
        name="BrightSmile Dental",
        category="Healthcare Provider",
        description="Family and cosmetic dentist in Austin, Texas, for check-ups, whitening, implants and Invisalign.",
        pages=pages,
        items=items,
        main_snippets={"/services": [d for _, d in _BS_SERVICES], "/": [a for _, a in _BS_FAQ]},
        chrome_snippets=["Now welcoming new patients", "Website by Pixelworks Studio"],
    )


# -- northwind: online shop -------------------------------------------------------------

_NW_PRODUCTS = [
    (
        "Ethiopia Yirgacheffe",
        "$18.50",
        "Floral, bright light roast with notes of jasmine and lemon. 340 g bag.",
    ),
    ("Colombia Huila", "$16.00", "Balanced medium roast with caramel and red apple. 340 g bag."),
    ("House Espresso Blend", "$17.00", "Chocolatey dark roast made for espresso machines. 340 g bag."),
    ("Decaf Peru", "$17.50", "Swiss Water decaf with cocoa and almond. 340 g bag."),
]


def _nw_page(title: str, main: str) -> str:
    head = (
        '<meta property="og:site_name" content="Northwind Coffee Roasters">'
        '<meta name="description" content="Small-batch specialty coffee, roasted to order in Leeds and shipped across the UK.">'
    )
    nav = """<div id="header"><a href="/">Northwind Coffee Roasters</a><ul class="main-nav"><li><a href="/shop">Shop coffee</a></li>
<li><a href="/subscriptions">Subscriptions</a></li><li><a href="/shipping">Shipping</a></li><li><a href="/returns">Returns</a></li>
<li><a href="/cart">View your basket</a></li></ul></div>"""
    footer = """<footer><p>Northwind Coffee Roasters Ltd, Unit 4 Canal Wharf, Leeds LS11 5PY</p><p>Email <a href="mailto:orders@northwind.coffee">orders@northwind.coffee</a></p>
<div class="newsletter"><p>Get 10% off your first order when you join our list.</p></div></footer>"""
    return _doc(f"{title} · Northwind Coffee Roasters", nav + f"<main>{main}</main>" + footer, head=head)


def _northwind() -> BusinessSite:
    grid = "".join(
        f'<div class="product-card"><a href="/shop/{t.lower().replace(" ", "-")}">{t}</a><span class="price">{p}</span><p>{d}</p></div>'
        for t, p, d in _NW_PRODUCTS
    )
    grid += """<div class="product-card sold-out retired"><a href="/shop/kenya-aa">Kenya AA</a><span class="badge">Discontinued</span>
<span class="price">$19.00</span><p>This coffee has been discontinued.</p></div>"""
    shop = f"<h1>Shop coffee</h1><p>Every bag is roasted to order and shipped within two days.</p><div class='grid'>{grid}</div>"
    home = """<h1>Specialty coffee, roasted to order</h1><p>Northwind Coffee Roasters is an online coffee shop roasting small batches
in Leeds and shipping fresh beans across the UK.</p>"""
    subs = """<h1>Coffee subscriptions</h1><p>Fresh coffee on your schedule.</p><h2>Weekly subscription</h2><p>One 340 g bag every week for £15.00, free delivery.</p>
<h2>Monthly subscription</h2><p>Two bags every month for £29.00; skip or cancel any time.</p>"""
    shipping = """<h1>Shipping policy</h1><p>UK orders over £30 ship free by Royal Mail Tracked 48. Orders under £30 pay £3.95.
We ship Monday to Friday.</p>"""
    returns = """<h1>Returns and refunds</h1><p>Unopened bags can be returned within 30 days for a full refund. Opened coffee that
you do not enjoy can be exchanged once.</p>"""
    pages = {
        "/": _nw_page("Fresh specialty coffee", home),
        "/shop": _nw_page("Shop", shop),
        "/subscriptions": _nw_page("Subscriptions", subs),
        "/shipping": _nw_page("Shipping", shipping),
        "/returns": _nw_page("Returns", returns),
    }
    items = (
        [ItemLabel(t, "FEATURE") for t, _, _ in _NW_PRODUCTS]
        + [ItemLabel("Kenya AA", "FEATURE", current=False)]
        + [ItemLabel("Weekly subscription", "PRICING"), ItemLabel("Monthly subscription", "PRICING")]
        + [ItemLabel("Shipping policy", "POLICY"), ItemLabel("Returns and refunds", "POLICY")]
        + [ItemLabel("Email", "CONTACT", key="orders@northwind.coffee")]
    )
    return BusinessSite(
        key="northwind",
        name="Northwind Coffee Roasters",
        category="E-commerce",
        description="Online coffee shop roasting small batches in Leeds and shipping across the UK.",
        pages=pages,
        items=items,
        main_snippets={
            "/shop": [d for _, _, d in _NW_PRODUCTS],
            "/returns": ["Unopened bags can be returned"],
        },
        chrome_snippets=["View your basket", "Get 10% off your first order"],
    )


def business_sites() -> list[BusinessSite]:
    """All fixture businesses, freshly built."""
    return [_flowboard(), _trattoria(), _hargrove(), _brightsmile(), _northwind()]


def business_site(key: str) -> BusinessSite:
    return next(s for s in business_sites() if s.key == key)

"""The business-category taxonomy and the classifier that picks one category with a confidence.

The taxonomy is a fixed, documented list (``TAXONOMY``): each entry names schema.org
types that prove it and weighted keyword phrases that suggest it. A site is scored from
its evidence, strongest first:

- a JSON-LD ``@type`` of the category (``Restaurant``, ``Dentist``, ``LegalService`` …): +8;
- phrases in the home page's title, meta/JSON-LD description and h1/hero (weight x3);
- phrases in other pages' titles and headings (x1) and in body text (x0.25, capped).

``confidence`` = share of the winner in the top-two score mass, damped when the
evidence is thin; a site with no evidence at all gets ``Other`` with confidence 0.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Category:
    name: str
    keywords: dict[str, float]
    schema_types: frozenset[str] = field(default_factory=frozenset)


def _cat(name: str, keywords: dict[str, float], *types: str) -> Category:
    return Category(name=name, keywords=keywords, schema_types=frozenset(t.lower() for t in types))


TAXONOMY: tuple[Category, ...] = (
    _cat(
        "Project Management",
        {
            "project management": 4,
            "sprint": 2,
            "sprints": 2,
            "kanban": 2,
            "roadmap": 1.5,
            "roadmaps": 1.5,
            "issue tracking": 3,
            "backlog": 1.5,
            "task management": 3,
            "gantt": 2,
            "product teams": 1,
        },
    ),
    _cat(
        "Accounting Software",
        {
            "accounting software": 4,
            "bookkeeping": 3,
            "invoicing": 2.5,
            "invoices": 1.5,
            "expenses": 1.5,
            "general ledger": 3,
            "reconciliation": 2,
            "payroll": 1,
            "tax returns": 1.5,
            "balance sheet": 2,
        },
    ),
    _cat(
        "CRM & Sales Software",
        {
            "crm": 4,
            "customer relationship": 4,
            "sales pipeline": 3,
            "leads": 1.5,
            "deals": 1.5,
            "prospects": 1.5,
        },
    ),
    _cat(
        "Marketing Software",
        {
            "email marketing": 4,
            "marketing automation": 4,
            "campaigns": 1.5,
            "seo": 2,
            "social media scheduling": 3,
            "landing pages": 2,
            "newsletters": 1,
        },
    ),
    _cat(
        "Customer Support Software",
        {
            "help desk": 4,
            "helpdesk": 4,
            "customer support software": 4,
            "ticketing": 2.5,
            "live chat": 2,
            "knowledge base": 2,
            "support tickets": 3,
        },
    ),
    _cat(
        "HR & Recruiting Software",
        {
            "applicant tracking": 4,
            "recruiting": 2.5,
            "hiring": 1.5,
            "onboarding employees": 3,
            "hr software": 4,
            "performance reviews": 2.5,
            "payroll software": 3,
        },
    ),
    _cat(
        "Developer Tools",
        {
            "developers": 1.5,
            "api": 1,
            "sdk": 2,
            "ci/cd": 3,
            "deploy": 1.5,
            "deployments": 1.5,
            "code review": 2.5,
            "observability": 3,
            "open source": 1,
            "infrastructure": 1.5,
            "hosting": 1.5,
        },
    ),
    _cat(
        "Analytics & BI",
        {
            "analytics": 2,
            "business intelligence": 4,
            "dashboards": 1.5,
            "data warehouse": 3,
            "reporting": 1.5,
            "product analytics": 4,
        },
    ),
    _cat(
        "Communication & Collaboration",
        {
            "team chat": 4,
            "video conferencing": 4,
            "messaging": 2,
            "collaboration": 1.5,
            "whiteboard": 2.5,
            "documents": 0.5,
            "wiki": 2,
        },
    ),
    _cat(
        "Cybersecurity",
        {
            "cybersecurity": 4,
            "threat detection": 4,
            "endpoint protection": 4,
            "vulnerability": 2.5,
            "penetration testing": 3,
            "zero trust": 3,
            "password manager": 4,
        },
    ),
    _cat(
        "Payments & Fintech",
        {
            "payments": 2.5,
            "payment processing": 4,
            "banking": 2.5,
            "card issuing": 3,
            "checkout": 1.5,
            "investing": 2.5,
            "lending": 2.5,
            "fintech": 4,
        },
        "BankOrCreditUnion",
        "FinancialService",
    ),
    _cat(
        "E-commerce",
        {
            "online shop": 4,
            "online store": 4,
            "shop": 1.5,
            "basket": 1.5,
            "cart": 1.5,
            "add to cart": 3,
            "free shipping": 2,
            "shipping": 1.5,
            "returns": 1,
            "order": 0.5,
            "orders": 1,
            "in stock": 2,
            "products": 1,
        },
        "Store",
        "OnlineStore",
        "OnlineBusiness",
        "ClothingStore",
    ),
    _cat(
        "Restaurant",
        {
            "restaurant": 4,
            "menu": 2,
            "reservations": 2,
            "dinner": 2,
            "lunch": 1.5,
            "brunch": 2,
            "chef": 2,
            "cuisine": 2.5,
            "dishes": 1.5,
            "pasta": 1,
            "pizza": 1.5,
            "trattoria": 4,
            "bistro": 4,
            "dining": 2,
            "takeout": 2,
            "wine list": 2,
        },
        "Restaurant",
        "FoodEstablishment",
    ),
    _cat(
        "Cafe & Bakery",
        {
            "cafe": 3,
            "café": 3,
            "coffee shop": 3,
            "bakery": 4,
            "pastries": 2.5,
            "espresso bar": 3,
            "croissant": 2,
        },
        "CafeOrCoffeeShop",
        "Bakery",
    ),
    _cat(
        "Hotel & Lodging",
        {
            "hotel": 4,
            "rooms": 1.5,
            "suites": 2,
            "check-in": 2,
            "guesthouse": 4,
            "bed and breakfast": 4,
            "resort": 3,
            "stay with us": 2,
        },
        "Hotel",
        "LodgingBusiness",
        "Resort",
        "BedAndBreakfast",
    ),
    _cat(
        "Law Firm",
        {
            "law firm": 5,
            "lawyer": 3,
            "lawyers": 3,
            "attorney": 3,
            "attorneys": 3,
            "legal": 1.5,
            "litigation": 2.5,
            "practice areas": 3,
            "counsel": 2,
            "llp": 1.5,
            "legal advice": 3,
            "attorney-client": 3,
        },
        "LegalService",
        "Attorney",
        "Notary",
    ),
    _cat(
        "Accounting & Tax Services",
        {
            "accountants": 3,
            "cpa": 3,
            "tax preparation": 4,
            "tax advice": 3,
            "audit services": 3,
            "bookkeeping services": 4,
        },
        "AccountingService",
    ),
    _cat(
        "Healthcare Provider",
        {
            "clinic": 3,
            "patients": 2.5,
            "patient": 1.5,
            "doctor": 3,
            "physician": 3,
            "dentist": 4,
            "dental": 4,
            "dentistry": 4,
            "medical": 2.5,
            "healthcare": 3,
            "appointment": 1,
            "therapy": 2,
            "physiotherapy": 4,
            "pediatric": 2.5,
            "treatment": 1.5,
            "insurance": 0.5,
            "orthodontist": 4,
            "optometrist": 4,
        },
        "MedicalBusiness",
        "MedicalClinic",
        "Dentist",
        "Physician",
        "Hospital",
        "MedicalOrganization",
        "Optician",
        "Pharmacy",
    ),
    _cat(
        "Veterinary",
        {"veterinary": 5, "vet": 3, "pets": 2.5, "pet": 1.5, "animal hospital": 5, "dogs and cats": 3},
        "VeterinaryCare",
    ),
    _cat(
        "Fitness & Wellness",
        {
            "gym": 4,
            "fitness": 3,
            "personal training": 3,
            "yoga": 3,
            "pilates": 3,
            "classes": 1,
            "membership": 1,
            "spa": 2.5,
            "massage": 2.5,
            "wellness": 2,
        },
        "ExerciseGym",
        "SportsActivityLocation",
        "HealthClub",
        "DaySpa",
    ),
    _cat(
        "Beauty & Personal Care",
        {
            "hair salon": 4,
            "salon": 3,
            "haircut": 3,
            "barber": 4,
            "nails": 3,
            "manicure": 3,
            "beauty": 2.5,
            "skincare": 2,
            "facials": 3,
        },
        "BeautySalon",
        "HairSalon",
        "NailSalon",
    ),
    _cat(
        "Real Estate",
        {
            "real estate": 5,
            "homes for sale": 4,
            "property": 2,
            "properties": 2,
            "listings": 2,
            "realtor": 4,
            "mortgage": 2,
            "rentals": 2,
            "buy or sell": 2,
        },
        "RealEstateAgent",
    ),
    _cat(
        "Construction & Home Services",
        {
            "plumbing": 4,
            "plumber": 4,
            "electrician": 4,
            "roofing": 4,
            "renovation": 3,
            "remodeling": 3,
            "construction": 3,
            "hvac": 4,
            "contractor": 3,
            "landscaping": 3,
            "cleaning services": 3,
        },
        "HomeAndConstructionBusiness",
        "Plumber",
        "Electrician",
        "RoofingContractor",
        "GeneralContractor",
        "HousePainter",
    ),
    _cat(
        "Automotive",
        {
            "car repair": 4,
            "auto repair": 4,
            "mechanic": 3,
            "dealership": 4,
            "used cars": 3,
            "oil change": 3,
            "tyres": 2.5,
            "tires": 2.5,
            "vehicle": 1.5,
        },
        "AutomotiveBusiness",
        "AutoRepair",
        "AutoDealer",
    ),
    _cat(
        "Education & Training",
        {
            "courses": 2.5,
            "students": 2.5,
            "school": 2.5,
            "learning": 1.5,
            "tutoring": 4,
            "curriculum": 3,
            "enroll": 2.5,
            "university": 3,
            "training": 1.5,
            "lessons": 2,
        },
        "EducationalOrganization",
        "School",
        "CollegeOrUniversity",
    ),
    _cat(
        "Travel & Tourism",
        {
            "tours": 3,
            "travel": 2.5,
            "itinerary": 3,
            "vacation": 3,
            "holiday packages": 4,
            "flights": 2.5,
            "booking": 1,
            "excursions": 3,
        },
        "TravelAgency",
        "TouristAttraction",
    ),
    _cat(
        "Marketing & Creative Agency",
        {
            "agency": 3,
            "branding": 3,
            "web design": 3,
            "digital marketing": 3,
            "our clients": 1.5,
            "case studies": 1.5,
            "creative studio": 4,
        },
    ),
    _cat(
        "Consulting & Professional Services",
        {"consulting": 4, "consultants": 3, "advisory": 3, "strategy": 1.5, "management consulting": 4},
        "ProfessionalService",
    ),
    _cat(
        "Insurance",
        {
            "insurance": 2.5,
            "insurance policies": 3,
            "coverage": 2.5,
            "claims": 1.5,
            "premium": 1.5,
            "insurer": 4,
        },
        "InsuranceAgency",
    ),
    _cat(
        "Logistics & Delivery",
        {
            "logistics": 4,
            "freight": 4,
            "shipping services": 3,
            "courier": 4,
            "warehousing": 3,
            "delivery service": 3,
        },
        "MovingCompany",
    ),
    _cat(
        "Nonprofit",
        {
            "nonprofit": 4,
            "non-profit": 4,
            "charity": 4,
            "donate": 3,
            "donation": 2.5,
            "volunteer": 2.5,
            "our mission": 1,
        },
        "NGO",
        "NonprofitOrganization",
    ),
    _cat(
        "Media & Publishing",
        {"news": 2, "magazine": 3, "podcast": 3, "journalism": 4, "subscribe to read": 3, "publishing": 3},
        "NewsMediaOrganization",
    ),
    _cat(
        "Events & Venues",
        {"event venue": 5, "weddings": 3, "conferences": 2.5, "venue hire": 4, "tickets": 2},
        "EventVenue",
    ),
)

OTHER = "Other"


@dataclass
class CategoryGuess:
    category: str
    confidence: float
    scores: dict[str, float]


@dataclass
class CategoryEvidence:
    """Text and types gathered from a site, strongest first."""

    schema_types: list[str] = field(default_factory=list)
    strong_text: list[str] = field(default_factory=list)  # home title, descriptions, hero
    medium_text: list[str] = field(default_factory=list)  # page titles and headings
    body_text: list[str] = field(default_factory=list)


def _phrase_re(phrase: str) -> re.Pattern[str]:
    return re.compile(r"(?<![\w])" + re.escape(phrase) + r"(?![\w])", re.I)


_PATTERNS = {c.name: [(_phrase_re(p), w) for p, w in c.keywords.items()] for c in TAXONOMY}


def _score_text(texts: Iterable[str], weight: float, cap: float) -> dict[str, float]:
    blob = "\n".join(texts)
    scores: dict[str, float] = {}
    if not blob:
        return scores
    for name, patterns in _PATTERNS.items():
        total = 0.0
        for pattern, w in patterns:
            hits = len(pattern.findall(blob))
            if hits:
                # Diminishing returns: a word repeated fifty times is not fifty times the evidence.
                total += w * min(hits, 3) ** 0.5
        if total:
            scores[name] = min(total * weight, cap)
    return scores


def classify_business(evidence: CategoryEvidence) -> CategoryGuess:
    """Pick the taxonomy category best supported by ``evidence``, with a confidence in [0, 1]."""
    scores: dict[str, float] = {}
    types = {t.lower() for t in evidence.schema_types}
    for category in TAXONOMY:
        if types & category.schema_types:
            scores[category.name] = scores.get(category.name, 0.0) + 8.0
    for part, weight, cap in (
        (evidence.strong_text, 3.0, 40.0),
        (evidence.medium_text, 1.0, 15.0),
        (evidence.body_text, 0.25, 5.0),
    ):
        for name, value in _score_text(part, weight, cap).items():
            scores[name] = scores.get(name, 0.0) + value
    if not scores:
        return CategoryGuess(OTHER, 0.0, {})
    ranked = sorted(scores.items(), key=lambda kv: kv[1], reverse=True)
    best, top = ranked[0]
    second = ranked[1][1] if len(ranked) > 1 else 0.0
    margin = top / (top + second)
    strength = min(1.0, top / 12.0)
    confidence = round(max(0.05, min(0.99, margin * (0.5 + 0.5 * strength))), 2)
    return CategoryGuess(best, confidence, {k: round(v, 2) for k, v in ranked[:5]})

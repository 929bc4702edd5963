"""Knowledge-job benchmark: profile accuracy, item recall, category accuracy on labelled fixture sites.

    .venv/bin/python bench/knowledge.py            # pure core on the fixture HTML
    .venv/bin/python bench/knowledge.py --crawl    # through the crawler + job pipeline (real HTTP)

Also compares main-content extraction by our rules against trafilatura on the same
pages: share of labelled main-content snippets kept, share of chrome snippets
(navigation, footer, cookie banner) leaked, and time per page.

Matching an output item to a label: same normalised title, or title word overlap
>= 0.6, or the label's key string (an email, a street) in the item's title or content.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from docharvest.knowledge import KnowledgeItem, build_knowledge, extract_page
from docharvest.knowledge.crosspage import normalize_title
from docharvest.knowledge.profile import BusinessProfile, name_key

from tests.support.business_sites import BusinessSite, ItemLabel, business_sites

BASE = "http://127.0.0.1:8000"


def _words(text: str) -> set[str]:
    return set(normalize_title(text).split())


def matches(label: ItemLabel, item: KnowledgeItem) -> bool:
    if label.key and label.key.lower() in (item.title + " " + item.content).lower():
        return True
    a, b = _words(label.title), _words(item.title)
    if a and a == b:
        return True
    return bool(a and b) and len(a & b) / len(a | b) >= 0.6


def description_ok(expected: str, got: str) -> bool:
    want = {w for w in re.findall(r"\w+", expected.lower()) if len(w) > 3}
    have = {w for w in re.findall(r"\w+", got.lower()) if len(w) > 3}
    return bool(want) and len(want & have) / len(want) >= 0.4


def score_site(
    site: BusinessSite, profile: BusinessProfile, items: list[KnowledgeItem], domain: str
) -> dict[str, float]:
    fields = {
        "name": name_key(profile.name) == name_key(site.name),
        "domain": profile.domain == domain,
        "category": profile.category == site.category,
        "description": description_ok(site.description, profile.description),
    }
    current = [label for label in site.items if label.current]
    matched = 0
    right_category = 0
    duplicates = 0
    misses: list[str] = []
    wrong: list[str] = []
    for label in current:
        hits = [i for i in items if matches(label, i)]
        if not hits:
            misses.append(label.title)
            continue
        matched += 1
        duplicates += len(hits) > 1
        if any(h.category == label.category for h in hits):
            right_category += 1
        else:
            wrong.append(f"{label.title}: {hits[0].category} (want {label.category})")
    leaked = [
        label.title for label in site.items if not label.current and any(matches(label, i) for i in items)
    ]
    used = {id(i) for label in site.items for i in items if matches(label, i)}
    extra = [i.title for i in items if id(i) not in used]
    print(
        f"{site.key:12} profile {sum(fields.values())}/4 {'' if all(fields.values()) else fields} "
        f"items {len(items)} recall {matched}/{len(current)} category {right_category}/{matched} "
        f"dupes {duplicates} discontinued-leaked {len(leaked)} unlabelled {len(extra)}"
    )
    print(f"{'':12} category={profile.category} ({profile.category_confidence}) name={profile.name!r}")
    for text in misses:
        print(f"{'':12} MISS {text}")
    for text in wrong:
        print(f"{'':12} WRONG {text}")
    for text in leaked:
        print(f"{'':12} LEAKED {text}")
    if extra:
        print(f"{'':12} unlabelled: {extra}")
    return {
        "profile_ok": sum(fields.values()),
        "profile_n": len(fields),
        "matched": matched,
        "current": len(current),
        "right": right_category,
        "leaked": len(leaked),
        "dupes": duplicates,
    }


def run_pure(site: BusinessSite) -> tuple[BusinessProfile, list[KnowledgeItem], str]:
    pages = [extract_page(BASE + p, h, depth=0 if p == "/" else 1) for p, h in site.pages.items()]
    result = build_knowledge(pages, BASE + "/")
    return result.profile, result.items, "127.0.0.1"


def run_crawl(site: BusinessSite) -> tuple[BusinessProfile, list[KnowledgeItem], str]:
    import tempfile

    from docharvest.config import Settings
    from docharvest.pipeline.knowledge import run_knowledge_inline

    from tests.support.siteserver import SiteServer

    with tempfile.TemporaryDirectory() as tmp, SiteServer("127.0.0.1") as server:
        site.serve(server)
        settings = Settings(
            data_dir=Path(tmp),
            allow_private_networks=True,
            crawl={"min_delay_seconds": 0, "unsafe_unthrottled": True},
        )
        result = run_knowledge_inline(settings, server.url("/"), max_pages=50)
        return result.profile, result.items, "127.0.0.1"


def bench_content(sites: list[BusinessSite]) -> None:
    import trafilatura

    methods = {
        "rules (docharvest)": lambda html: extract_page(BASE, html).main_text(),
        "trafilatura default": lambda html: trafilatura.extract(html, include_tables=True) or "",
        "trafilatura favor_recall": lambda html: (
            trafilatura.extract(html, include_tables=True, favor_recall=True) or ""
        ),
    }
    print("\nmain-content extraction on fixture pages (higher kept, lower leaked is better)")
    for name, method in methods.items():
        kept = total = leaked = chrome_total = 0
        started = time.perf_counter()
        pages = 0
        for site in sites:
            for path, page_html in site.pages.items():
                pages += 1
                text = re.sub(r"\s+", " ", method(page_html))
                for snippet in site.main_snippets.get(path, []):
                    total += 1
                    kept += snippet in text
                for snippet in site.chrome_snippets:
                    if snippet in re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", page_html)):
                        chrome_total += 1
                        leaked += snippet in text
        elapsed = (time.perf_counter() - started) / pages * 1000
        print(
            f"  {name:26} main kept {kept}/{total} = {kept / total:.2f}   "
            f"chrome leaked {leaked}/{chrome_total} = {leaked / chrome_total:.2f}   {elapsed:.1f} ms/page"
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--crawl", action="store_true", help="run each site through the crawler and job pipeline"
    )
    args = parser.parse_args()
    sites = business_sites()
    totals: dict[str, float] = {}
    started = time.perf_counter()
    for site in sites:
        profile, items, domain = run_crawl(site) if args.crawl else run_pure(site)
        for key, value in score_site(site, profile, items, domain).items():
            totals[key] = totals.get(key, 0) + value
    elapsed = time.perf_counter() - started
    print(
        f"\nsites {len(sites)}  pages {sum(len(s.pages) for s in sites)}  {elapsed:.2f} s total"
        f"\nprofile accuracy  {totals['profile_ok'] / totals['profile_n']:.3f}  (name, domain, category, description)"
        f"\nitem recall       {totals['matched'] / totals['current']:.3f}  ({int(totals['matched'])}/{int(totals['current'])})"
        f"\ncategory accuracy {totals['right'] / totals['matched']:.3f}"
        f"\ndiscontinued leaked {int(totals['leaked'])}   labels matched by >1 item {int(totals['dupes'])}"
    )
    bench_content(sites)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

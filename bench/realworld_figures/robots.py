"""robots/: google/robotstxt's allow/disallow expectations through the crawler's own robots check.

RFC 9309 cases (``ID_*``), Google-only cases (``GoogleOnly_*``) and the corpus's extra cases are
scored apart; protego (the parser DocHarvest used before) is the reference on the same cases.
Each case is parsed from the bytes a server would send (the text as UTF-8).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from docharvest.crawl.robots_rules import parse_robots

from bench.realworld_figures import Figure

CORPUS = "robots"

Check = Callable[[bytes, str, str], bool]


def _docharvest(body: bytes, agent: str, url: str) -> bool:
    return parse_robots(body).allowed(url, agent)


def _protego() -> Check | None:
    try:
        from protego import Protego
    except ImportError:
        return None

    def check(body: bytes, agent: str, url: str) -> bool:
        return bool(Protego.parse(body.decode("utf-8", errors="replace")).can_fetch(url, agent))

    return check


def _family(test: str) -> str:
    if test.startswith("ID_"):
        return "RFC 9309 (ID_*)"
    if test.startswith("GoogleOnly_"):
        return "Google-only"
    return "extra"


def _score(cases: list[dict[str, object]], check: Check) -> dict[str, tuple[int, int]]:
    scores: dict[str, tuple[int, int]] = {}
    for case in cases:
        family = _family(str(case["source_test"]))
        try:
            ok = check(str(case["robots"]).encode("utf-8"), str(case["user_agent"]), str(case["url"]))
            passed = ok == case["allowed"]
        except Exception:  # a crash is a failed case
            passed = False
        done, total = scores.get(family, (0, 0))
        scores[family] = (done + passed, total + 1)
    return scores


def measure(corpus: Path, quick: bool) -> list[Figure]:
    cases = json.loads((corpus / "robots_cases.json").read_text(encoding="utf-8"))
    ours = _score(cases, _docharvest)
    protego = _protego()
    theirs = _score(cases, protego) if protego is not None else {}
    figures = []
    for family in ("RFC 9309 (ID_*)", "extra", "Google-only"):
        done, total = ours.get(family, (0, 0))
        ref = theirs.get(family)
        note = "protego 0.7 as reference" if family == "RFC 9309 (ID_*)" else ""
        if family == "Google-only":
            note = "Google extensions, followed on purpose (docs/robots.md)"
        figures.append(
            Figure(
                CORPUS, f"{family} cases passed", f"{done}/{total}", f"{ref[0]}/{ref[1]}" if ref else "", note
            )
        )
    return figures

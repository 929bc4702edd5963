"""Main-content extraction on real news/blog pages (articles/): DocHarvest's page reader beside trafilatura.

Scored as the article-extraction benchmark describes it (its MANIFEST.md): word tokens (runs of
Unicode word characters), 4-token shingles matched as multisets, tp/fp/fn normalised per page so
long pages do not weigh more, averaged over pages; precision and recall from the averages, F1
their harmonic mean. DocHarvest's text is ``docharvest.text.html.read_html_text`` — the reader of
``docharvest read`` and of HTML documents, built on the same main-content rules as the knowledge
jobs' page reader. Both tools run on the same pages in the same call.
"""

from __future__ import annotations

import gzip
import json
import re
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from bench.realworld_figures import Figure, fmt

CORPUS = "articles"
QUICK_PAGES = 12
_TOKEN_RE = re.compile(r"\w+")


@dataclass
class Score:
    tp: float = 0.0
    fp: float = 0.0
    fn: float = 0.0

    def add(self, other: Score) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def shingles(text: str, n: int = 4) -> Counter[tuple[str, ...]]:
    tokens = _TOKEN_RE.findall(text or "")
    return Counter(tuple(tokens[i : i + n]) for i in range(max(len(tokens) - n + 1, 1)) if tokens)


def score_page(truth: str, predicted: str) -> Score:
    """Normalised tp/fp/fn of one page (they sum to 1 unless both texts are empty)."""
    want, got = shingles(truth), shingles(predicted)
    tp = sum((want & got).values())
    fp = sum((got - want).values())
    fn = sum((want - got).values())
    total = tp + fp + fn
    return Score(tp / total, fp / total, fn / total) if total else Score()


def load(corpus: Path, quick: bool) -> list[tuple[str, str, str]]:
    """(url, html, truth) per page, sorted by id; ``quick`` takes an even spread of pages."""
    truth = json.loads((corpus / "ground-truth.json").read_text(encoding="utf-8"))
    ids = sorted(truth)
    if quick:
        step = max(len(ids) // QUICK_PAGES, 1)
        ids = ids[::step][:QUICK_PAGES]
    pages = []
    for page_id in ids:
        path = corpus / "html" / f"{page_id}.html.gz"
        if path.exists():
            html = gzip.decompress(path.read_bytes()).decode("utf-8", errors="replace")
            pages.append((truth[page_id].get("url") or "", html, truth[page_id]["articleBody"]))
    return pages


def docharvest_text(url: str, html: str) -> str:
    from docharvest.text.html import read_html_text

    return read_html_text(html, url=url).text


def page_reader_text(url: str, html: str) -> str:
    from docharvest.knowledge.page import extract_page

    return extract_page(url, html).main_text()


def trafilatura_text(url: str, html: str) -> str:
    import trafilatura

    return trafilatura.extract(html, url=url or None) or ""


def run(
    pages: list[tuple[str, str, str]], extract: Callable[[str, str], str]
) -> tuple[Score, list[Score], float]:
    total, per_page = Score(), []
    started = time.perf_counter()
    for url, html, truth in pages:
        try:
            text = extract(url, html)
        except Exception:  # a crash scores as an empty page; counted by the caller
            text = ""
        page = score_page(truth, text)
        per_page.append(page)
        total.add(page)
    return total, per_page, time.perf_counter() - started


def measure(corpus: Path, quick: bool) -> list[Figure]:
    pages = load(corpus, quick)
    ours, our_pages, our_s = run(pages, docharvest_text)
    ref, ref_pages, ref_s = run(pages, trafilatura_text)
    rules, rules_pages, _ = run(pages, page_reader_text)
    n = len(pages)
    note = f"{n} pages{' (quick sample)' if quick else ''}; 4-word shingles"

    def low(scores: list[Score]) -> str:
        return str(sum(1 for s in scores if s.recall < 0.5))

    return [
        Figure(
            CORPUS, "main-content F1", fmt(ours.f1), fmt(ref.f1), note + "; reference = trafilatura 2.3.1"
        ),
        Figure(CORPUS, "main-content precision", fmt(ours.precision), fmt(ref.precision)),
        Figure(CORPUS, "main-content recall", fmt(ours.recall), fmt(ref.recall)),
        Figure(CORPUS, "pages with recall < 0.5", low(our_pages), low(ref_pages)),
        Figure(
            CORPUS,
            "F1 of the structural reader alone",
            fmt(rules.f1),
            note=f"knowledge jobs' page reader; P {fmt(rules.precision)} R {fmt(rules.recall)}, "
            f"{low(rules_pages)} pages with recall < 0.5",
        ),
        Figure(CORPUS, "ms per page", f"{1000 * our_s / max(n, 1):.1f}", f"{1000 * ref_s / max(n, 1):.1f}"),
    ]

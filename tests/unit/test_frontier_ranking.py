"""The frontier ranks queued pages by the pre-score once their order can change what is fetched."""

from __future__ import annotations

import asyncio
import time

from docharvest.config import CrawlSettings
from docharvest.crawl.frontier import Entry, Frontier
from docharvest.models import Candidate

TEXTS = ["contact us", "news", "council minutes", "parks", "meeting minutes archive", "events"]


class Scores:
    """A pre-score that likes 'minutes', counting its calls."""

    def __init__(self) -> None:
        self.calls = 0

    def __call__(self, candidate: Candidate) -> float:
        self.calls += 1
        return 0.9 if "minutes" in candidate.link_text else 0.1


class Crawl:
    """A frontier and the link texts of the pages taken from it, in order (its pages done)."""

    def __init__(self, max_pages: int, scores: Scores) -> None:
        self.taken: list[str] = []
        settings = CrawlSettings(max_pages=max_pages, max_depth=5)
        self.frontier = Frontier(settings, scores, lambda: len(self.taken))


def _queue(crawl: Crawl) -> None:
    for i, text in enumerate(TEXTS):
        crawl.frontier.enqueue(
            Entry(url=f"https://example.org/p{i}", depth=1, source="https://example.org/", text=text)
        )


def _order(crawl: Crawl) -> list[str]:
    async def drain() -> list[str]:
        while (entry := await crawl.frontier.next_entry()) is not None:
            crawl.taken.append(entry.text)  # the page is done: pages_done counts it
            await crawl.frontier.done_with()
        return crawl.taken

    return asyncio.run(drain())


def test_pages_that_will_all_be_fetched_are_not_scored() -> None:
    scores = Scores()
    crawl = Crawl(max_pages=100, scores=scores)
    _queue(crawl)
    assert _order(crawl) == TEXTS  # breadth first, in the order found
    assert scores.calls == 0 and not crawl.frontier.ranking


def test_more_pages_than_max_pages_ranks_the_queue_best_first() -> None:
    scores = Scores()
    crawl = Crawl(max_pages=4, scores=scores)
    _queue(crawl)
    assert crawl.frontier.ranking
    assert scores.calls == len(TEXTS)  # the queued pages scored once when it began to matter
    assert _order(crawl) == ["council minutes", "meeting minutes archive", "contact us", "news"]


def test_a_near_deadline_ranks_the_queue_though_max_pages_is_far() -> None:
    scores = Scores()
    crawl = Crawl(max_pages=100, scores=scores)
    _queue(crawl)
    crawl.frontier.rank_before(time.monotonic() + 0.02)
    time.sleep(0.01)  # past a quarter of the time to the deadline
    taken = _order(crawl)
    assert taken[:2] == ["council minutes", "meeting minutes archive"]
    assert crawl.frontier.ranking and scores.calls == len(TEXTS)


def test_a_far_deadline_does_not_rank() -> None:
    scores = Scores()
    crawl = Crawl(max_pages=100, scores=scores)
    crawl.frontier.rank_before(time.monotonic() + 3600)
    _queue(crawl)
    assert _order(crawl) == TEXTS and scores.calls == 0

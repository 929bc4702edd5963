"""Crawl checkpoints: the frontier, what was seen and the candidates, saved as the crawl goes.

A crawl killed mid-way (a ``kill -9`` of the CLI, a lost Airflow worker) resumes from its
last checkpoint instead of starting over: pages it fetched are not fetched again, candidates
it found are kept. Pages that were being fetched when the checkpoint was written go back to
the frontier (they may not have finished). Written atomically (temp file, fsync, rename),
at most every ``every`` seconds, and once more when the crawl ends.
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path
from typing import Any

from docharvest.crawl.links import Link
from docharvest.crawl.report import PageRecord
from docharvest.errors import JobIssue
from docharvest.models import Candidate

VERSION = 1


def save(path: Path, state: dict[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(path.suffix + ".tmp")
    # json.dumps, not json.dump: only the one-shot encoder is the C one (~10x faster on big states).
    text = json.dumps({"version": VERSION, **state}, default=str)
    with tmp.open("w") as fh:
        fh.write(text)
        fh.flush()
        os.fsync(fh.fileno())
    tmp.replace(path)


def load(path: Path | None) -> dict[str, Any] | None:
    """The checkpoint at ``path``; None when there is none or it is not one we can read."""
    if path is None or not path.exists():
        return None
    try:
        state = json.loads(path.read_text())
    except (OSError, ValueError):
        return None
    return state if isinstance(state, dict) and state.get("version") == VERSION else None


def snapshot(crawl: Any, *, done: bool) -> dict[str, Any]:
    """What a ``_Crawl`` needs to go on: its frontier (in-flight entries included) and its findings."""
    frontier = crawl.frontier
    entries = [e for *_, e in frontier.heap] + list(crawl.active.values())
    return {
        "start_url": crawl.start_url,
        "done": done,
        "frontier": [_entry(e) for e in entries],
        "seen": sorted(frontier.seen),
        "fetched": sorted(frontier.fetched),
        "query_variants": frontier.query_variants,
        "calendar_steps": frontier.calendar_steps,
        "candidates": {k: c.model_dump(mode="json") for k, c in crawl.candidates.found.items()},
        "pages": [_flat(p) for p in crawl.pages],
        "pages_crawled": crawl.pages_crawled,
        "in_scope_seen": frontier.in_scope_seen,
        "issues": [_flat(i) for i in crawl.issues.issues],
        "issue_counts": crawl.issues.counts,
        "skipped": frontier.skipped,
        "skip_examples": frontier.skip_examples,
        "hosts": sorted(crawl.scope.hosts),
    }


def _flat(record: Any) -> dict[str, Any]:
    """A dataclass of plain values as a dict (``dataclasses.asdict`` deep-copies every value,
    ~10x slower: a big site's checkpoint holds thousands of these)."""
    return {name: getattr(record, name) for name in record.__dataclass_fields__}


def _entry(entry: Any) -> dict[str, Any]:
    """A frontier entry as a dict: plain values and the link that led to it."""
    return _flat(entry) | {"link": _flat(entry.link) if entry.link is not None else None}


def restore(crawl: Any, state: dict[str, Any], entry_type: Any) -> list[Any]:
    """Put ``state`` back into ``crawl``; returns the frontier entries to queue again."""
    frontier = crawl.frontier
    frontier.seen = set(state["seen"])
    frontier.fetched = set(state["fetched"])
    frontier.query_variants = dict(state["query_variants"])
    frontier.calendar_steps = dict(state.get("calendar_steps", {}))
    crawl.candidates.found = {k: Candidate.model_validate(c) for k, c in state["candidates"].items()}
    crawl.pages = [PageRecord(**p) for p in state["pages"]]
    crawl.pages_crawled = int(state["pages_crawled"])
    frontier.in_scope_seen = int(state["in_scope_seen"])
    crawl.issues.issues = [JobIssue(**i) for i in state["issues"]]
    crawl.issues.counts = dict(state["issue_counts"])
    frontier.skipped = dict(state["skipped"])
    frontier.skip_examples = dict(state["skip_examples"])
    for host in state.get("hosts", []):
        crawl.scope.add_host(host)
    # An entry keeps the link that led to it (its evidence if the URL turns out to be a document).
    return [
        entry_type(**{**e, "link": Link(**e["link"])} if isinstance(e.get("link"), dict) else e)
        for e in state["frontier"]
    ]


class Throttle:
    """True at most every ``every`` seconds."""

    def __init__(self, every: float) -> None:
        self.every = every
        self.last = time.monotonic()

    def due(self) -> bool:
        now = time.monotonic()
        if now - self.last >= self.every:
            self.last = now
            return True
        return False

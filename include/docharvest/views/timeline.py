"""The crawl timeline: ``<work_dir>/timeline.jsonl`` samples (time, pages) read back for the report.

The crawl step appends the samples (``pipeline.progress_log.Timeline``); this module owns the
file's name and reads it, so the job page does not reach into the steps.
"""

from __future__ import annotations

import json
from pathlib import Path

TIMELINE_FILE = "timeline.jsonl"


def read_timeline(work_dir: Path) -> list[tuple[float, int]]:
    """The crawl's samples as (seconds since the first sample, pages crawled), oldest first."""
    path = work_dir / TIMELINE_FILE
    if not path.exists():
        return []
    samples: list[tuple[float, int]] = []
    for line in path.read_text().splitlines():
        try:
            item = json.loads(line)
            samples.append((float(item["t"]), int(item["pages"])))
        except (ValueError, KeyError, TypeError):
            continue
    samples.sort()
    if not samples:
        return []
    start = samples[0][0]
    return [(t - start, pages) for t, pages in samples]

"""Warm parse workers: reused across calls inside ``keep_warm()``, never after a limit hit, gone after."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest
from docharvest.pipeline import isolation, read_ahead
from docharvest.pipeline.isolation import ParseFailure, ParseLimits, keep_warm, run_isolated
from docharvest.text.document import DocumentText

from tests.support import parse_fns
from tests.unit.test_isolation import _children

LIMITS = ParseLimits(seconds=2, memory_mb=512, max_text_chars=10_000)
# For tests that count reads: a worker slow to start on a loaded machine must not time out.
SLOW_OK = ParseLimits(seconds=60, memory_mb=512, max_text_chars=10_000)


def _children_now() -> set[int]:
    """This process's children, once multiprocessing's resource tracker (a child too) is running."""
    run_isolated(parse_fns.echo, [("a", "x")], workers=1, limits=LIMITS)
    return _children()


def _pids(results: list[DocumentText | ParseFailure]) -> set[str]:
    return {r.pages[0] for r in results if isinstance(r, DocumentText)}


def test_batches_reuse_warm_workers_and_the_block_stops_them() -> None:
    before = _children_now()
    jobs = [(str(i), "x") for i in range(4)]
    with keep_warm():
        first = _pids(run_isolated(parse_fns.pid, jobs, workers=2, limits=LIMITS))
        assert _children() - before  # kept alive between batches
        second = _pids(run_isolated(parse_fns.pid, jobs, workers=2, limits=LIMITS))
        other_limits = _pids(run_isolated(parse_fns.pid, jobs[:1], workers=1, limits=ParseLimits(seconds=5)))
    assert second == first and len(first) == 2
    assert not other_limits & first  # a worker runs under the limits it was spawned with
    assert _children() == before


def test_a_timed_out_or_dead_worker_is_never_reused() -> None:
    before = _children_now()
    with keep_warm():
        warm = _pids(run_isolated(parse_fns.pid, [("a", "x")], workers=1, limits=LIMITS))
        hung = run_isolated(parse_fns.sleep_forever, [("a", "x")], workers=1, limits=LIMITS)[0]
        assert isinstance(hung, ParseFailure) and hung.error_type == "document_timeout"
        crashed = run_isolated(parse_fns.crash, [("a", "x")], workers=1, limits=LIMITS)[0]
        assert isinstance(crashed, ParseFailure) and crashed.error_type == "parse_worker_died"
        after = _pids(run_isolated(parse_fns.pid, [("a", "x")], workers=1, limits=LIMITS))
    assert after and not after & warm
    assert _children() == before


def test_a_prespawned_worker_reads_the_first_document() -> None:
    before = _children_now()
    with keep_warm(prespawn=LIMITS):
        spawned = _children() - before
        assert len(spawned) == 1  # started before any document is asked for
        used = _pids(run_isolated(parse_fns.pid, [("a", "x")], workers=1, limits=LIMITS))
    assert used == {str(pid) for pid in spawned}
    assert _children() == before


def test_a_worker_that_served_its_share_is_retired(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(isolation, "RECYCLE_AFTER", 3)
    jobs = [(str(i), "x") for i in range(3)]
    with keep_warm():
        first = _pids(run_isolated(parse_fns.pid, jobs, workers=1, limits=LIMITS))
        second = _pids(run_isolated(parse_fns.pid, jobs[:1], workers=1, limits=LIMITS))
        third = _pids(run_isolated(parse_fns.pid, jobs[:1], workers=1, limits=LIMITS))
    assert len(first) == 1 and not second & first  # three documents: retired, not kept
    assert third == second  # one document: kept warm


def _read_ahead_idle() -> None:
    ahead = isolation._warm.ahead if isolation._warm is not None else None
    deadline = time.monotonic() + 60
    while ahead is not None and (ahead.queue or ahead.running) and time.monotonic() < deadline:
        time.sleep(0.05)


def test_documents_read_ahead_are_taken_not_read_again(tmp_path: Path) -> None:
    calls = tmp_path / "calls.txt"
    jobs = [(f"doc{i}", str(calls)) for i in range(5)]
    ticks: list[int] = []
    with keep_warm():
        assert isolation.parse_ahead(parse_fns.count_calls, jobs[:3], workers=2, limits=SLOW_OK)
        _read_ahead_idle()
        assert sorted(calls.read_text().split()) == ["doc0", "doc1", "doc2"]  # read in the background
        results = run_isolated(
            parse_fns.count_calls, jobs, workers=2, limits=SLOW_OK, on_result=lambda: ticks.append(1)
        )
    assert [r.pages[0] for r in results if isinstance(r, DocumentText)] == [f"read doc{i}" for i in range(5)]
    assert sorted(calls.read_text().split()) == [f"doc{i}" for i in range(5)]  # each read once
    assert len(ticks) == 5  # the job's heartbeat moves for documents read ahead too


def test_reading_ahead_does_nothing_outside_a_warm_block_and_keeps_failures(tmp_path: Path) -> None:
    assert not isolation.parse_ahead(parse_fns.echo, [("a", "x")], workers=1, limits=SLOW_OK)
    before = _children_now()
    with keep_warm():
        isolation.parse_ahead(parse_fns.crash, [("a", "x")], workers=1, limits=SLOW_OK)
        _read_ahead_idle()
        (crashed,) = run_isolated(parse_fns.crash, [("a", "x")], workers=1, limits=SLOW_OK)
    assert isinstance(crashed, ParseFailure) and crashed.error_type == "parse_worker_died"
    assert _children() == before  # the block stops the read-ahead thread's workers too


def test_reading_ahead_stops_at_its_text_budget(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(read_ahead, "AHEAD_MAX_CHARS", 1)
    calls = tmp_path / "calls.txt"
    jobs = [(f"doc{i}", str(calls)) for i in range(6)]
    with keep_warm():
        isolation.parse_ahead(parse_fns.count_calls, jobs, workers=1, limits=SLOW_OK)
        _read_ahead_idle()
        ahead_reads = len(calls.read_text().split())
        results = run_isolated(parse_fns.count_calls, jobs, workers=1, limits=SLOW_OK)
    assert ahead_reads == 1  # one document's text reached the budget: the rest left to the step
    assert all(isinstance(r, DocumentText) for r in results)
    assert len(calls.read_text().split()) == 6


def test_workers_the_read_ahead_thread_spawned_survive_its_idle_spells() -> None:
    """A worker dies with the thread that spawned it (PR_SET_PDEATHSIG). The read-ahead thread
    used to end whenever its queue ran dry, killing the warm workers it had spawned: one a step
    took in that moment died mid-document ("parse worker died (killed by signal 9)")."""
    before = _children_now()
    with keep_warm():
        assert isolation.parse_ahead(parse_fns.pid, [("a", "x"), ("b", "x")], workers=2, limits=SLOW_OK)
        _read_ahead_idle()
        assert isolation._warm is not None
        spawned = {w.process.pid for w in isolation._warm.idle}
        time.sleep(0.5)  # an ended thread's workers are SIGKILLed at once
        assert len(spawned) == 2 and all(w.process.is_alive() for w in isolation._warm.idle)
        results = run_isolated(parse_fns.pid, [("c", "x"), ("d", "x")], workers=2, limits=SLOW_OK)
    assert all(isinstance(r, DocumentText) for r in results)
    assert _pids(results) == {str(p) for p in spawned}  # the same warm workers read the next batch
    assert _children() == before


def test_a_worker_of_a_thread_that_ends_is_not_kept_warm() -> None:
    """The kernel kills it when its thread ends: kept, it would die while idle or mid-document."""
    before = _children_now()
    with keep_warm():
        thread = threading.Thread(
            target=run_isolated, args=(parse_fns.pid, [("a", "x")]), kwargs={"workers": 1, "limits": SLOW_OK}
        )
        thread.start()
        thread.join()
        assert isolation._warm is not None and isolation._warm.idle == []
        (result,) = run_isolated(parse_fns.pid, [("b", "x")], workers=1, limits=SLOW_OK)
        assert isinstance(result, DocumentText)
    assert _children() == before

"""Per-document isolation: every limit hit, exception or worker death is that document's failure."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from docharvest.pipeline.isolation import (
    PARSE_NICENESS,
    ParseFailure,
    ParseLimits,
    read_text,
    run_isolated,
)
from docharvest.samples.hostile import write_hostile_set
from docharvest.text.document import DocumentText

from tests.support import parse_fns

LIMITS = ParseLimits(seconds=3, memory_mb=512, max_text_chars=10_000)


def test_a_hung_a_greedy_a_crashing_and_a_raising_document_cost_only_themselves() -> None:
    jobs = [("a", "x"), ("b", "x"), ("c", "x"), ("d", "x"), ("e", "x")]
    fns = [
        parse_fns.sleep_forever,
        parse_fns.allocate,
        parse_fns.crash,
        parse_fns.raise_error,
        parse_fns.echo,
    ]
    started = time.monotonic()
    results = [
        run_isolated(fn, [job], workers=1, limits=LIMITS)[0] for fn, job in zip(fns, jobs, strict=True)
    ]
    elapsed = time.monotonic() - started
    hung, greedy, crashed, raised, fine = results
    assert isinstance(hung, ParseFailure) and hung.error_type == "document_timeout"
    assert "parse.timeout_seconds" in hung
    assert isinstance(greedy, ParseFailure) and greedy.error_type == "document_limit"
    assert "parse.memory_mb" in greedy
    assert isinstance(crashed, ParseFailure) and crashed.error_type == "parse_worker_died"
    assert "signal 11" in crashed
    assert isinstance(raised, ParseFailure) and "RuntimeError" in raised and len(raised) < 400
    assert isinstance(fine, DocumentText) and fine.pages == ["e x"]
    assert elapsed < 30


def test_results_keep_job_order_and_workers_are_replaced_after_a_death() -> None:
    jobs = [(str(i), "x") for i in range(6)]
    results = run_isolated(parse_fns.echo, jobs, workers=2, limits=LIMITS)
    assert [r.pages[0] for r in results if isinstance(r, DocumentText)] == [f"{i} x" for i in range(6)]
    mixed = run_isolated(parse_fns.crash, [("a", "x")], workers=2, limits=LIMITS)
    assert isinstance(mixed[0], ParseFailure)


def test_parse_workers_yield_the_cpu_to_the_crawl() -> None:
    (result,) = run_isolated(parse_fns.niceness, [("a", "x")], workers=1, limits=LIMITS)
    assert isinstance(result, DocumentText)
    assert int(result.text) == min(19, os.nice(0) + PARSE_NICENESS)


def test_no_worker_outlives_the_call() -> None:
    before = _children()
    run_isolated(parse_fns.sleep_forever, [("a", "x"), ("b", "x")], workers=2, limits=ParseLimits(seconds=1))
    assert _children() == before


def test_the_hostile_set_gives_one_failure_each_and_a_capped_text(tmp_path: Path) -> None:
    names = write_hostile_set(tmp_path, bomb_entry_mb=1024, text_mb=2)
    jobs = [(str(tmp_path / n), n.rsplit(".", 1)[1]) for n in names]
    results = dict(zip(names, run_isolated(read_text, jobs, workers=2, limits=LIMITS), strict=True))
    for name in ("minutes-not-xml.docx", "minutes-bomb.docx", "minutes-loop.pdf", "minutes-truncated.pdf"):
        assert isinstance(results[name], ParseFailure), name
    assert results["minutes-bomb.docx"].error_type == "document_limit"
    assert "parse.max_zip_uncompressed_mb" in results["minutes-bomb.docx"]
    text = results["minutes-huge.txt"]
    assert isinstance(text, DocumentText) and text.text_length == 10_000
    assert int(text.extra["truncated_from"]) > 2_000_000


def _children() -> set[int]:
    me = str(os.getpid())
    found = set()
    for proc in Path("/proc").iterdir():
        if proc.name.isdigit():
            try:
                stat = (proc / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if stat[1] == me and stat[0] != "Z":
                found.add(int(proc.name))
    return found


pytestmark = pytest.mark.skipif(not Path("/proc").exists(), reason="needs Linux /proc")


def test_parse_workers_die_with_a_killed_parent() -> None:
    """kill -9 of the process that runs the parse (the CLI, a task) leaves no parse worker behind."""
    import signal
    import subprocess
    import sys

    script = (
        "from docharvest.pipeline.isolation import ParseLimits, run_isolated\n"
        "from tests.support import parse_fns\n"
        "run_isolated(parse_fns.sleep_forever, [('a', 'x'), ('b', 'x')], workers=2, limits=ParseLimits(seconds=600))\n"
    )
    parent = subprocess.Popen([sys.executable, "-c", script], env=os.environ.copy())
    workers: set[int] = set()
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and len(workers) < 2:
        workers = {p for p in _children_of(parent.pid) if "spawn_main" in _cmdline(p)}
        time.sleep(0.1)
    assert len(workers) == 2, "the parse workers did not start"
    os.kill(parent.pid, signal.SIGKILL)
    parent.wait(timeout=10)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and any(_alive(p) for p in workers):
        time.sleep(0.1)
    assert not [p for p in workers if _alive(p)], "orphaned parse workers"


def _children_of(pid: int) -> set[int]:
    found = set()
    for proc in Path("/proc").iterdir():
        if proc.name.isdigit():
            try:
                if (proc / "stat").read_text().rsplit(")", 1)[1].split()[1] == str(pid):
                    found.add(int(proc.name))
            except OSError:
                continue
    return found


def _cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    except OSError:
        return ""


def _alive(pid: int) -> bool:
    try:
        return (Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]) != "Z"
    except OSError:
        return False


def _parse_in_this_process(path: str) -> str:
    outcome = run_isolated(read_text, [(path, "txt")], workers=1, limits=LIMITS)[0]
    return outcome.text if isinstance(outcome, DocumentText) else f"failed: {outcome}"


def test_a_celery_prefork_worker_can_parse_in_isolation(tmp_path: Path) -> None:
    """Celery runs tasks in billiard pool processes: daemonic, with billiard's own authkey."""
    billiard = pytest.importorskip("billiard", reason="billiard comes with the Celery provider")
    path = tmp_path / "minutes.txt"
    path.write_text("Council minutes")
    pool = billiard.Pool(1)
    try:
        assert pool.apply(_parse_in_this_process, (str(path),)) == "Council minutes"
    finally:
        pool.close()
        pool.join()

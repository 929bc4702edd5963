"""``docharvest scrape`` at a terminal, as a person runs it (a real process, a real pseudo-terminal).

* On a TTY, stderr shows a live progress display that changes while the job runs.
* Off a TTY, stderr gets a plain progress line at least every 5 s, nothing else of Airflow's;
  stdout gets the one-screen summary; the discover task's log (kept in a file) shows progress.
* ``--quiet`` shows no progress; a failed job ends with one line saying why, no traceback.
"""

from __future__ import annotations

import os
import pty
import re
import select
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.support.siteserver import SiteServer, html

pytestmark = pytest.mark.slow

DOCHARVEST = str(Path(sys.executable).with_name("docharvest"))
PAGES = 24
PROMPT = "board meeting minutes 2024"


@pytest.fixture(scope="module")
def env(tmp_path_factory: pytest.TempPathFactory, database_url: str) -> dict[str, str]:
    root = tmp_path_factory.mktemp("terminal")
    values = {k: v for k, v in os.environ.items() if not k.startswith("DOCHARVEST_")}
    values.update(
        {
            "DOCHARVEST_DATA_DIR": str(root / "data"),
            "DOCHARVEST_AIRFLOW_HOME": str(root / "airflow"),
            "DOCHARVEST_DATABASE_URL": database_url,
            "DOCHARVEST_CRAWL__MIN_DELAY_SECONDS": "0",
            "DOCHARVEST_CRAWL__RETRY_BACKOFF_SECONDS": "0.05",
            # A user's default: through the warm local runner, which goes soon after these tests.
            "DOCHARVEST_DAEMON_IDLE_SECONDS": "30",
        }
    )
    # The CLI sets up its own Airflow (home, DB) as a user's run does.
    for key in [k for k in values if k.startswith("AIRFLOW")]:
        del values[key]
    return values


@pytest.fixture(scope="module")
def slow_site() -> Iterator[str]:
    """A small site whose pages answer slowly, so the crawl runs for several seconds."""
    with SiteServer("127.0.0.1") as site:
        links = "".join(f'<a href="/p{i}">minutes page {i}</a>' for i in range(PAGES))
        site.add("/", html(f"<h1>Board minutes</h1>{links}"))
        for i in range(PAGES):
            site.add(f"/p{i}", html(f"<p>Board meeting minutes {i}</p><a href='/m{i}.txt'>minutes {i}</a>"))
            site.routes[f"/p{i}"].delay = 0.8  # type: ignore[union-attr]
            site.add(
                f"/m{i}.txt",
                html(
                    f"Board meeting minutes number {i}, 2024-0{1 + i % 9}-10",
                    headers={"Content-Type": "text/plain"},
                ),
            )
        yield site.url("/")


def _scrape(url: str, *flags: str) -> list[str]:
    return [DOCHARVEST, "scrape", url, "--prompt", PROMPT, "--allow-private-network", *flags]


def test_progress_is_live_on_a_terminal(env: dict[str, str], slow_site: str) -> None:
    master, slave = pty.openpty()
    proc = subprocess.Popen(
        _scrape(slow_site), env=env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=slave
    )
    os.close(slave)
    chunks: list[bytes] = []
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        ready, _, _ = select.select([master], [], [], 1.0)
        if ready:
            try:
                data = os.read(master, 65536)
            except OSError:  # the child closed the terminal
                break
            if not data:
                break
            chunks.append(data)
        elif proc.poll() is not None:
            break
    stdout = proc.communicate(timeout=60)[0].decode()
    os.close(master)
    screen = b"".join(chunks).decode(errors="replace")
    assert proc.returncode == 0, screen[-2000:]
    crawled = [int(n) for n in re.findall(r"(\d+) crawled", screen)]
    assert len(crawled) >= 3, screen[-2000:]
    assert len(set(crawled)) >= 2, f"the display never changed: {sorted(set(crawled))}"
    assert "\x1b[" in screen, "a live display redraws with terminal control sequences"
    assert "documents" in screen and "elapsed" in screen and "deadline" in screen
    assert "Job job_" in stdout and "completed" in stdout


def test_off_a_terminal_a_progress_line_every_few_seconds(env: dict[str, str], slow_site: str) -> None:
    proc = subprocess.Popen(
        _scrape(slow_site), env=env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    lines: list[tuple[float, str]] = []
    out: list[tuple[float, str]] = []

    def read(stream: Any, into: list[tuple[float, str]]) -> None:
        for raw in stream:
            into.append((time.monotonic(), raw.decode(errors="replace").rstrip("\n")))

    readers = [
        threading.Thread(target=read, args=(proc.stderr, lines)),
        threading.Thread(target=read, args=(proc.stdout, out)),
    ]
    for reader in readers:
        reader.start()
    proc.wait(timeout=300)
    for reader in readers:
        reader.join(timeout=10)
    stdout = "\n".join(line for _, line in out)
    text = "\n".join(line for _, line in lines)
    assert proc.returncode == 0, text
    assert lines and all(line.startswith("docharvest: ") for _, line in lines), text
    assert "Traceback" not in text and "[warning" not in text
    stamps = [t for t, _ in lines]
    gaps = [b - a for a, b in zip(stamps, stamps[1:], strict=False)]
    assert max(gaps) <= 5.0, f"gaps between progress lines: {[round(g, 1) for g in gaps]}"
    assert out[0][0] - stamps[-1] <= 5.0, "the summary follows the last progress line"
    assert any("crawled" in line and "navigator" in line for _, line in lines), text
    # One screen of summary, not the JSON.
    assert stdout.startswith("Job job_") and not stdout.lstrip().startswith("{")
    assert len(stdout.splitlines()) < 60
    job_id = re.search(r"Job (job_\w+)", stdout).group(1)  # type: ignore[union-attr]
    task_log = (Path(env["DOCHARVEST_DATA_DIR"]) / "logs" / f"{job_id}.log").read_text()
    progress = re.findall(r"discover (\d+)/(\d+) pages", task_log)
    assert progress, "the discover task logs its progress while it crawls"


def test_quiet_shows_no_progress_and_a_failure_is_one_line(env: dict[str, str]) -> None:
    result = subprocess.run(
        _scrape("http://127.0.0.1:9/", "--quiet"), env=env, capture_output=True, timeout=300, check=False
    )
    err = result.stderr.decode()
    assert result.returncode == 1
    assert len(err.strip().splitlines()) == 1, err
    assert err.startswith("docharvest: Job failed: Failed to scrape URL") and "Traceback" not in err
    assert "details:" in err
    log_file = Path(err.rsplit("details: ", 1)[1].rstrip(")\n"))
    assert "Traceback" in log_file.read_text(), "the full story is kept in the log file"
    verbose = subprocess.run(
        _scrape("http://127.0.0.1:9/", "--quiet", "-v"),
        env=env,
        capture_output=True,
        timeout=300,
        check=False,
    )
    assert "Traceback" in verbose.stderr.decode(), "-v shows Airflow's log and the traceback"

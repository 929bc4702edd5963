"""``docharvest airflow --port N`` started as a user starts it, on a port other than 8080.

The workers must be told where the execution API is: a scrape job triggered through
Airflow's REST API (as the UI's trigger form does) has to run to ``success``.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote

import httpx
import pytest
from docharvest.samples.demo_site import DEMO_PROMPT, build_demo_site, serve_folder

pytestmark = pytest.mark.slow

DOCHARVEST_BIN = str(Path(sys.executable).with_name("docharvest"))
STARTUP_SECONDS = 150


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = int(sock.getsockname()[1])
    assert port != 8080
    return port


class Standalone:
    """``docharvest airflow --port N`` in its own session, from a fresh working directory."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.home = root / ".airflow"
        self.log_path = root / "airflow.log"
        env = {k: v for k, v in os.environ.items() if not k.startswith(("AIRFLOW", "DOCHARVEST_"))}
        # What a user would export for a local site; no AIRFLOW__* at all.
        env.update(
            {
                "DOCHARVEST_ALLOW_PRIVATE_NETWORKS": "true",
                "DOCHARVEST_CRAWL__MIN_DELAY_SECONDS": "0",
                "PYTHONPATH": os.environ.get("PYTHONPATH", ""),
            }
        )
        log = open(self.log_path, "wb")  # noqa: SIM115 - closed with the process
        self.proc = subprocess.Popen(
            [DOCHARVEST_BIN, "airflow", "--port", str(self.port)],
            cwd=root,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def stop(self) -> None:
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(timeout=60)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(timeout=5)

    def log_tail(self) -> str:
        return self.log_path.read_text(errors="replace")[-3000:]

    def token(self) -> str:
        passwords = json.loads((self.home / "simple_auth_manager_passwords.json.generated").read_text())
        response = httpx.post(
            f"{self.url}/auth/token", json={"username": "admin", "password": passwords["admin"]}, timeout=60
        )
        return str(response.json()["access_token"])

    def client(self) -> httpx.Client:
        return httpx.Client(
            base_url=self.url, headers={"Authorization": f"Bearer {self.token()}"}, timeout=60
        )

    def wait_ready(self) -> str | None:
        deadline = time.monotonic() + STARTUP_SECONDS
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                return f"docharvest airflow exited with {self.proc.returncode}"
            try:
                with self.client() as client:
                    if client.get("/api/v2/dags/docharvest_scrape").status_code == 200:
                        return None
            except (OSError, KeyError, ValueError, httpx.HTTPError):
                pass
            time.sleep(2)
        return f"not ready after {STARTUP_SECONDS} s"


@pytest.fixture(scope="module")
def standalone(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Standalone]:
    server = Standalone(tmp_path_factory.mktemp("user-dir"))
    problem = server.wait_ready()
    if problem:
        tail = server.log_tail()
        server.stop()
        pytest.skip(f"docharvest airflow cannot start here: {problem}\n{tail}")
    yield server
    server.stop()


def test_scrape_job_succeeds_on_a_non_default_port(standalone: Standalone, tmp_path: Path) -> None:
    site = serve_folder(build_demo_site(tmp_path / "site"))
    try:
        website = f"http://127.0.0.1:{site.server_address[1]}/"
        with standalone.client() as client:
            assert client.patch("/api/v2/dags/docharvest_scrape", json={"is_paused": False}).is_success
            created = client.post(
                "/api/v2/dags/docharvest_scrape/dagRuns",
                json={
                    "logical_date": None,
                    "conf": {"website": website, "prompt": DEMO_PROMPT, "max_file_size_mb": 1},
                },
            )
            assert created.status_code == 200, created.text
            run_id = created.json()["dag_run_id"]
            deadline = time.monotonic() + 400
            state = "queued"
            while time.monotonic() < deadline and state not in ("success", "failed"):
                time.sleep(2)
                try:  # a busy machine can make one poll slow; the next one decides
                    state = client.get(f"/api/v2/dags/docharvest_scrape/dagRuns/{run_id}").json()["state"]
                except httpx.TimeoutException:
                    continue
            tasks = client.get(f"/api/v2/dags/docharvest_scrape/dagRuns/{run_id}/taskInstances").json()
    finally:
        site.shutdown()
        site.server_close()
    states = {t["task_id"]: t["state"] for t in tasks["task_instances"]}
    assert state == "success", f"run ended {state}: {states}\n{standalone.log_tail()}"
    assert "localhost:8080" not in standalone.log_tail()
    standalone.finished_run = run_id  # type: ignore[attr-defined]


def test_out_of_range_values_are_refused_naming_the_bound(standalone: Standalone) -> None:
    """What the trigger form submits: no clamping anywhere, a 400 that names the bound."""
    with standalone.client() as client:
        for field, value, bound in (
            ("timeout", 5, "minimum of 60"),
            ("confidence_threshold", 1.5, "maximum of 1"),
        ):
            conf = {"website": "https://example.org/", "prompt": "minutes", field: value}
            refused = client.post(
                "/api/v2/dags/docharvest_scrape/dagRuns", json={"logical_date": None, "conf": conf}
            )
            assert refused.status_code == 400, refused.text
            assert bound in refused.json()["detail"] and field in refused.json()["detail"]
        params = client.get("/api/v2/dags/docharvest_scrape/details").json()["params"]
    assert list(params)[:2] == ["website", "prompt"] and "job_id" not in params


def test_dag_run_view_needs_an_airflow_login(standalone: Standalone) -> None:
    run_id = getattr(standalone, "finished_run", None)
    if run_id is None:
        pytest.skip("needs the finished run of the previous test")
    path = f"/docharvest/ui/dag-runs/docharvest_scrape/{run_id}"
    anonymous = httpx.get(standalone.url + path, timeout=60)
    assert anonymous.status_code == 401 and "documents" not in anonymous.text
    forged = httpx.get(standalone.url + path, cookies={"_token": "not-a-jwt"}, timeout=60)
    assert forged.status_code == 401
    page = httpx.get(standalone.url + path, cookies={"_token": standalone.token()}, timeout=60)
    assert page.status_code == 200, page.text[:500]
    assert "id='documents'" in page.text and "completed" in page.text
    with standalone.client() as client:
        plugins = client.get("/api/v2/plugins").json()["plugins"]
    views = [v for p in plugins for v in p.get("external_views", [])]
    assert any(v["destination"] == "dag_run" and "{RUN_ID}" in v["href"] for v in views), views


def _browser(tmp_path: Path) -> Any:
    """Headless Debian Chromium through chromedriver; skip where either (or selenium) is missing."""
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    driver_bin = shutil.which("chromedriver")
    if not chromium or not driver_bin:
        pytest.skip(
            "Chromium and chromedriver are not installed (apt-get install -y chromium chromium-driver)"
        )
    webdriver = pytest.importorskip(
        "selenium.webdriver", reason="selenium is not installed (requirements-dev)"
    )
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service

    options = Options()
    options.binary_location = chromium
    for arg in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--window-size=1400,1100",
    ):
        options.add_argument(arg)
    driver = webdriver.Chrome(service=Service(driver_bin), options=options)
    driver.implicitly_wait(10)
    return driver


def _wait_for(predicate: Any, timeout: float, what: str) -> Any:
    """``predicate()`` once truthy; the React UI re-renders, so stale elements are simply retried."""
    from selenium.common.exceptions import StaleElementReferenceException, WebDriverException

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            value = predicate()
        except (StaleElementReferenceException, WebDriverException):
            value = None
        if value:
            return value
        time.sleep(0.5)
    raise AssertionError(f"timed out waiting for {what}")


def _click(driver: Any, selector: str, text: str, what: str) -> None:
    """Click the element matching ``selector`` whose text is ``text`` (retried across re-renders)."""
    from selenium.webdriver.common.by import By

    def attempt() -> bool:
        for element in driver.find_elements(By.CSS_SELECTOR, selector):
            if element.text.strip() == text and element.is_enabled():
                # A script click: the error toast may still lie over the button after a refusal.
                driver.execute_script("arguments[0].scrollIntoView(); arguments[0].click();", element)
                return True
        return False

    _wait_for(attempt, 60, what)


def test_browser_trigger_form_refuses_then_runs_and_shows_the_docharvest_tab(
    standalone: Standalone, tmp_path: Path
) -> None:
    """A person in the real UI: log in, trigger from the form, see the refusal, open the run's DocHarvest tab."""
    driver = _browser(tmp_path)
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    site = serve_folder(build_demo_site(tmp_path / "site"))
    try:
        passwords = json.loads((standalone.home / "simple_auth_manager_passwords.json.generated").read_text())
        driver.get(standalone.url + "/")
        driver.find_element(By.CSS_SELECTOR, "input[name=username]").send_keys("admin")
        password = driver.find_element(By.CSS_SELECTOR, "input[name=password]")
        password.send_keys(passwords["admin"])
        password.send_keys(Keys.ENTER)
        _wait_for(lambda: "/auth/login" not in driver.current_url, 60, "the login")

        driver.get(f"{standalone.url}/dags/docharvest_scrape")
        _click(driver, "button", "Trigger", "the Trigger button")
        _wait_for(lambda: driver.find_elements(By.ID, "element_website"), 60, "the form")[0].send_keys(
            f"http://127.0.0.1:{site.server_address[1]}/"
        )
        driver.find_element(By.ID, "element_prompt").send_keys(DEMO_PROMPT)
        timeout = driver.find_element(By.NAME, "element_timeout")
        timeout.send_keys(Keys.CONTROL, "a")
        timeout.send_keys("5")
        timeout.send_keys(Keys.TAB)
        assert timeout.get_attribute("value") == "5", "the form must not clamp what was typed"
        _click(driver, "[role=dialog] button", "Trigger", "the form's Trigger button")
        refusal = _wait_for(
            lambda: "5 is less than the minimum of 60" in driver.find_element(By.TAG_NAME, "body").text,
            60,
            "the refusal naming the bound",
        )
        driver.save_screenshot(str(tmp_path / "refused.png"))
        assert refusal and "/runs/" not in driver.current_url

        timeout.send_keys(Keys.CONTROL, "a")
        timeout.send_keys("600")
        timeout.send_keys(Keys.TAB)
        _click(driver, "[role=dialog] button", "Trigger", "the form's Trigger button")
        _wait_for(lambda: "/runs/" in driver.current_url, 60, "the new run's page")
        run_id = unquote(driver.current_url.split("/runs/", 1)[1].split("/", 1)[0])
        state, deadline = "queued", time.monotonic() + 400
        with standalone.client() as client:
            while state not in ("success", "failed") and time.monotonic() < deadline:
                time.sleep(2)
                try:
                    state = client.get(f"/api/v2/dags/docharvest_scrape/dagRuns/{run_id}").json()["state"]
                except httpx.TimeoutException:
                    continue
        assert state == "success"

        driver.get(f"{standalone.url}/dags/docharvest_scrape/runs/{quote(run_id, safe='')}")
        _click(driver, "a", "DocHarvest", "the run's DocHarvest tab")
        frame = _wait_for(lambda: driver.find_elements(By.TAG_NAME, "iframe"), 60, "the view's frame")[0]
        driver.save_screenshot(str(tmp_path / "docharvest-tab.png"))
        driver.switch_to.frame(frame)
        rows = _wait_for(
            lambda: driver.find_elements(By.CSS_SELECTOR, "#documents tr[data-status='extracted']"),
            60,
            "documents",
        )
        assert len(rows) >= 5 and "Minutes" in rows[0].text
        assert "completed" in driver.find_element(By.ID, "job-status").text
    finally:
        driver.quit()
        site.shutdown()
        site.server_close()

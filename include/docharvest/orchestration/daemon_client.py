"""The command's side of the warm local runner (``docharvest.orchestration.daemon``).

``cli.main`` asks ``wanted(argv)``; if so, ``run_via_daemon`` connects to the runner of this
user, Python, Airflow environment and code version (starting it when there is none), hands it
the command and its stdio, and waits for the exit code. None means: run in this process.
Light on purpose: no Airflow here, the command starts fast.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import signal
import socket
import struct
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

JOB_COMMANDS = ("scrape", "extract", "knowledge")
# A client waits this long for a starting daemon to take its job before running in-process.
START_TIMEOUT_SECONDS = 120.0
_LEN = struct.Struct("!I")
# The settings runner.airflow_environment reads: the runner's Airflow is configured from them.
_AIRFLOW_SETTINGS = ("DOCHARVEST_AIRFLOW_HOME", "DOCHARVEST_DAGS_FOLDER")


# -- who may use it -----------------------------------------------------------------------


def wanted(argv: Sequence[str], environ: dict[str, str] | None = None) -> bool:
    """True when this command line should run through the daemon."""
    env = os.environ if environ is None else environ
    if not sys.platform.startswith("linux") or not hasattr(socket, "send_fds"):
        return False
    if env.get("DOCHARVEST_DAEMON", "1").strip().lower() in ("0", "false", "no", "off"):
        return False
    args = list(argv)
    if not args or args[0] not in JOB_COMMANDS:
        return False
    return not any(a in ("--no-daemon", "-h", "--help") for a in args[1:])


def _code_fingerprint() -> str:
    """Changes whenever a source file of the package or a DAG file changes, or a package is
    installed or removed (a site-packages folder changes its modification time)."""
    package = Path(__file__).resolve().parents[1]
    roots = [package, package.parents[1] / "dags"]  # config.REPO_ROOT, without importing config
    h = hashlib.sha256()
    for entry in sys.path:  # where installs go; not a folder a run may write into (the cwd)
        if not entry.endswith(("site-packages", "dist-packages")):
            continue
        with contextlib.suppress(OSError):
            h.update(f"{entry}:{os.stat(entry or '.').st_mtime_ns}\n".encode())
    for root in roots:
        for path in sorted(root.rglob("*.py")):
            with contextlib.suppress(OSError):
                st = path.stat()
                h.update(f"{path}:{st.st_mtime_ns}:{st.st_size}\n".encode())
    return h.hexdigest()


def address(environ: dict[str, str] | None = None) -> str:
    """The daemon's abstract socket name for this user, Python, environment and code.

    The runner configured Airflow once, from the settings it started with (``runner.
    airflow_environment``): what those come from is part of the name, that is the ``AIRFLOW*``
    variables, ``DOCHARVEST_AIRFLOW_HOME`` and ``DOCHARVEST_DAGS_FOLDER``, and the working
    directory that their relative defaults (``./.airflow``) resolve against. Every other setting
    reaches the job's fork in its environment. Reading the variables, not ``Settings()``, keeps
    pydantic out of the command's start (~0.25 s).
    """
    env = dict(os.environ if environ is None else environ)
    identity = {
        "uid": os.getuid(),
        "python": sys.executable,
        "path": sys.path,
        "cwd": os.getcwd(),
        "airflow": sorted(
            (k, v) for k, v in env.items() if k.startswith("AIRFLOW") or k in _AIRFLOW_SETTINGS
        ),
        "python_env": sorted((k, v) for k, v in env.items() if k.startswith("PYTHON")),
        "code": _code_fingerprint(),
    }
    digest = hashlib.sha256(json.dumps(identity, sort_keys=True).encode()).hexdigest()[:24]
    return f"\0docharvest-daemon-{os.getuid()}-{digest}"


# -- messages -------------------------------------------------------------------------------


def send_message(sock: socket.socket, message: dict[str, Any], fds: Sequence[int] = ()) -> None:
    body = json.dumps(message).encode()
    data = _LEN.pack(len(body)) + body
    if fds:
        socket.send_fds(sock, [data], list(fds))
    else:
        sock.sendall(data)


def _recv_exact(sock: socket.socket, size: int) -> bytes:
    chunks, left = [], size
    while left:
        chunk = sock.recv(left)
        if not chunk:
            raise EOFError
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


def recv_message(sock: socket.socket, with_fds: int = 0) -> tuple[dict[str, Any], list[int]]:
    fds: list[int] = []
    if with_fds:
        head, fds, _, _ = socket.recv_fds(sock, _LEN.size, with_fds)
        if not head:
            raise EOFError
        head += _recv_exact(sock, _LEN.size - len(head))
    else:
        head = _recv_exact(sock, _LEN.size)
    (size,) = _LEN.unpack(head)
    return json.loads(_recv_exact(sock, size)), fds


# -- client ---------------------------------------------------------------------------------


def _connect(name: str) -> socket.socket | None:
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        sock.connect(name)
    except OSError:
        sock.close()
        return None
    return sock


def _start_daemon(name: str) -> subprocess.Popen[bytes]:
    from docharvest.config import Settings

    home = Path(os.environ.get("AIRFLOW_HOME") or Settings().airflow_home).resolve()
    home.mkdir(parents=True, exist_ok=True)
    with open(home / "docharvest-daemon.log", "ab") as out:
        return subprocess.Popen(
            [sys.executable, "-m", "docharvest.orchestration.daemon", name.encode().hex()],
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=out,
            start_new_session=True,  # not in the terminal's process group: Ctrl-C is the client's
            close_fds=True,
        )


def run_via_daemon(argv: Sequence[str]) -> int | None:
    """Run the command in a fork of the warm daemon; its exit code, or None to run in-process."""
    try:
        return _run_via_daemon(argv)
    except KeyboardInterrupt:  # Ctrl-C before the job started: nothing ran
        return 130


def _run_via_daemon(argv: Sequence[str]) -> int | None:
    try:
        name = address()
    except Exception:  # settings that do not read: the in-process run reports them
        return None
    sock = _connect(name)
    if sock is None:
        starter = _start_daemon(name)
        deadline = time.monotonic() + START_TIMEOUT_SECONDS
        while sock is None and time.monotonic() < deadline:
            if starter.poll() is not None and starter.returncode != 0:
                return None
            time.sleep(0.05)
            sock = _connect(name)
        if sock is None:
            return None
    with sock:
        try:
            request = {"argv": list(argv), "cwd": os.getcwd(), "env": dict(os.environ)}
            send_message(sock, request, fds=[0, 1, 2])
            started, _ = recv_message(sock)  # {"pid": child}: the job is the child's from here on
        except (OSError, EOFError, ValueError):
            return None  # the daemon went away before taking the job: nothing ran
        return _wait_for_child(sock, int(started["pid"]))


def _wait_for_child(sock: socket.socket, pid: int) -> int:
    interrupts = 0
    while True:
        try:
            message, _ = recv_message(sock)
            return int(message["exit"])
        except KeyboardInterrupt:
            interrupts += 1
            with contextlib.suppress(OSError):
                send_message(sock, {"signal": int(signal.SIGINT)})
            if interrupts >= 2:  # a second Ctrl-C: stop waiting (the child is told by the EOF)
                return 130
        except (OSError, EOFError, ValueError):
            sys.stderr.write(
                f"docharvest: the job process (pid {pid}) ended without reporting; "
                "its job is marked failed by the next command\n"
            )
            return 1

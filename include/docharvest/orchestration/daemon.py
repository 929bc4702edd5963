"""A warm local runner for job commands: Airflow imported once, each job in a fork of it.

A job command (``docharvest scrape|extract|knowledge``) spends most of a small job's wall time
starting up: importing Airflow, building the in-process Execution API (Cadwyn's versioned
routers), parsing the DAG. The first job command starts this daemon, which does that once and
then waits on a local socket; each command (the *client*) hands it its argv, environment,
working directory and its stdin/stdout/stderr (``SCM_RIGHTS``), and the daemon forks a child
that runs the command exactly as the client would have, in-process, and reports its exit code.

- One daemon per user, Python, Airflow environment and code version (the socket's name is a
  hash of them): a changed setting or an edited source file gets a fresh daemon.
- Each job runs in its own forked child: concurrent commands run concurrently, a crash costs
  that job only, and the child owns its job row (``liveness.this_owner()`` is the child's pid),
  so a child that dies is reaped as dead by the next command, as an in-process run would be.
- The client's Ctrl-C reaches the child as SIGINT; a client that dies (its socket closes)
  interrupts the child the same way, which exits if the interrupt is not honoured in time.
- The daemon exits after ``DOCHARVEST_DAEMON_IDLE_SECONDS`` (default 600) with no job running.
- ``--no-daemon`` or ``DOCHARVEST_DAEMON=0`` runs in-process; a daemon that cannot start (or
  dies before taking the job) also falls back to an in-process run.

The socket is in Linux's abstract namespace (no file to clean up); only the daemon's own user
may connect (``SO_PEERCRED``). Other platforms run in-process.
"""

from __future__ import annotations

import contextlib
import errno
import gc
import importlib
import logging
import os
import signal
import socket
import struct
import sys
import threading
import time
from collections.abc import Sequence
from typing import Any

from docharvest.orchestration.daemon_client import recv_message, send_message

log = logging.getLogger(__name__)

JOB_DAGS = ("docharvest_scrape", "docharvest_extract", "docharvest_knowledge")
DEFAULT_IDLE_SECONDS = 600.0
# After its client went away, a child interrupted by SIGINT gets this long to end by itself.
ORPHAN_GRACE_SECONDS = 20.0


# -- daemon ---------------------------------------------------------------------------------


def warm_up() -> None:
    """Import and build everything a job needs before its first task (in the daemon, once)."""
    from docharvest.config import Settings
    from docharvest.orchestration import dag_sync, runner

    settings = Settings()
    # Airflow configures its logging when imported, here: at the level a command sets before
    # importing it when its run log goes to a file (its default), so the run log is the same.
    os.environ.setdefault("AIRFLOW__LOGGING__LOGGING_LEVEL", "INFO")
    runner.prepare_environment(settings)
    runner.ensure_airflow_db()
    for dag_id in JOB_DAGS:
        if (settings.dags_folder / f"{dag_id}.py").exists():
            runner.load_dag(settings, dag_id)
    dag_sync.sync_dags(settings.dags_folder)
    # The in-process Execution API builds Cadwyn's routers for every API version on its first
    # request (~2-4 s). Built here, every forked job finds them built; the API's event-loop
    # thread is started lazily, so it is the child's own.
    from airflow.sdk.execution_time.supervisor import in_process_api_server

    app = in_process_api_server().app
    initialize = getattr(app, "_cadwyn_initialize", None)
    if callable(initialize) and not getattr(app, "_cadwyn_initialized", True):
        initialize()
    # What the job steps import when they run (the CLI's own modules, the pipeline, Parquet).
    import docharvest.commands.extract
    import docharvest.commands.knowledge
    import docharvest.commands.scrape
    import docharvest.pipeline.extract
    import docharvest.pipeline.knowledge
    import docharvest.pipeline.scrape
    import docharvest.relevance
    import docharvest.store.datasets  # noqa: F401

    _warm_lazy_loads()


def _warm_lazy_loads() -> None:
    """What the first use in a process loads, done here once instead of in every job: pyarrow
    imports pandas on the first ``Table.from_pylist`` (~0.2 s of each job's publish), and
    Airflow's metrics read their YAML registry on the first counter (~0.05 s). Best effort."""
    with contextlib.suppress(ImportError):
        import pandas  # noqa: F401
    for module in (
        "airflow._shared.observability.metrics.stats",
        "airflow.sdk._shared.observability.metrics.stats",
    ):
        with contextlib.suppress(Exception):
            importlib.import_module(module)._get_registry()


def serve(name: str, idle_seconds: float) -> int:
    """Bind ``name``, warm up, then fork one child per client until idle for ``idle_seconds``."""
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        listener.bind(name)
    except OSError as exc:
        if exc.errno == errno.EADDRINUSE:
            return 0  # another daemon of the same identity won the start race
        raise
    listener.listen(64)  # clients queue here during the warm-up
    started = time.monotonic()
    warm_up()
    log.warning("daemon %d ready in %.1f s", os.getpid(), time.monotonic() - started)
    gc.collect()
    gc.freeze()  # the warm heap is shared with every child copy-on-write; keep the collector off it
    children: set[int] = set()
    idle_since = time.monotonic()
    listener.settimeout(1.0)
    while True:
        _reap(children)
        if children:
            idle_since = time.monotonic()
        elif time.monotonic() - idle_since > idle_seconds:
            log.warning("daemon %d idle for %.0f s: exiting", os.getpid(), idle_seconds)
            return 0
        try:
            conn, _ = listener.accept()
        except TimeoutError:
            continue
        with conn:
            pid = _take(conn, listener)
        if pid:
            children.add(pid)
            idle_since = time.monotonic()


def _reap(children: set[int]) -> None:
    for pid in list(children):
        with contextlib.suppress(ChildProcessError):
            done, _ = os.waitpid(pid, os.WNOHANG)
            if not done:
                continue
        children.discard(pid)


def _take(conn: socket.socket, listener: socket.socket) -> int | None:
    """Receive one client's request and fork its child; the child's pid (None if refused)."""
    creds = conn.getsockopt(socket.SOL_SOCKET, socket.SO_PEERCRED, struct.calcsize("3i"))
    _, uid, _ = struct.unpack("3i", creds)
    if uid != os.getuid():
        log.warning("refused a connection from uid %d", uid)
        return None
    conn.settimeout(10.0)
    try:
        request, fds = recv_message(conn, with_fds=3)
    except (OSError, EOFError, ValueError):
        return None
    conn.settimeout(None)
    sys.stdout.flush()
    sys.stderr.flush()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - runs in the child, measured through the CLI tests
        code = 1
        try:
            listener.close()
            code = _child(conn, fds, request)
        finally:  # never back into the daemon's loop, whatever happened
            os._exit(code)
    for fd in fds:
        os.close(fd)
    return pid


def _child(conn: socket.socket, fds: list[int], request: dict[str, Any]) -> int:  # pragma: no cover
    """Become the client's command: its stdio, directory and environment; run it; report."""
    for target, fd in enumerate(fds[:3]):
        os.dup2(fd, target)
        os.close(fd)
    os.chdir(request["cwd"])
    os.environ.clear()
    os.environ.update(request["env"])
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    # Airflow's logging is configured here already (INFO, to stderr); before the command sends
    # its output to the run log, a first run's migration steps would print on the terminal,
    # which an in-process command (Airflow not yet imported) does not show.
    logging.getLogger("alembic").setLevel(logging.WARNING)
    try:
        send_message(conn, {"pid": os.getpid()})
    except OSError:
        return 1
    threading.Thread(target=_watch_client, args=(conn,), daemon=True, name="client-watch").start()
    argv = list(request["argv"])
    sys.argv = ["docharvest", *argv]
    code = 1
    try:
        from docharvest.cli import main

        code = main(argv)
    except SystemExit as exc:  # argparse: bad flags
        code = exc.code if isinstance(exc.code, int) else 1
    except KeyboardInterrupt:
        code = 130
    except BaseException:  # what the command would have printed before dying
        import traceback

        traceback.print_exc()
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the client may close now: no interrupt past here
    with contextlib.suppress(Exception):
        sys.stdout.flush()
        sys.stderr.flush()
        logging.shutdown()
    with contextlib.suppress(OSError):
        send_message(conn, {"exit": code})
    return code


def _watch_client(conn: socket.socket) -> None:  # pragma: no cover - a thread of the child
    """Forward the client's Ctrl-C; when the client is gone, interrupt the job, then end it."""
    while True:
        try:
            message, _ = recv_message(conn)
        except (OSError, EOFError, ValueError):
            break
        if message.get("signal"):
            os.kill(os.getpid(), signal.SIGINT)
    os.kill(os.getpid(), signal.SIGINT)
    time.sleep(ORPHAN_GRACE_SECONDS)
    os._exit(1)


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    name = bytes.fromhex(args[0]).decode()
    idle = float(os.environ.get("DOCHARVEST_DAEMON_IDLE_SECONDS", DEFAULT_IDLE_SECONDS))
    return serve(name, idle)


if __name__ == "__main__":
    sys.exit(main())

"""A real HTTP server on 127.0.0.x for tests: routes in a dict, every request logged.

    site = SiteServer(host="127.0.0.1")
    site.add("/", html("<a href='/a.pdf'>minutes</a>"))
    site.add("/a.pdf", Route(body=pdf_bytes, headers={"Content-Type": "application/pdf"}))
    with site:
        httpx.get(site.url("/"))
    assert ("GET", "/") in site.requests

A route may be a ``Route`` (static answer, optional delay, optional chunked streaming)
or a callable ``(RequestInfo) -> Route`` for dynamic answers (429 then 200, redirects,
conditional requests).
"""

from __future__ import annotations

import sys
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit


@dataclass
class Route:
    body: bytes | str = b""
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0
    # When set, the body is sent in chunks of this size with `chunk_delay` between them,
    # without a Content-Length (chunked transfer), to test streaming caps and slow reads.
    chunk_size: int | None = None
    chunk_delay: float = 0.0
    chunks: Iterable[bytes] | None = None

    def body_bytes(self) -> bytes:
        return self.body.encode("utf-8") if isinstance(self.body, str) else self.body


@dataclass
class RequestInfo:
    method: str
    path: str  # path + query, as requested
    headers: dict[str, str]
    at: float


Handler = Route | Callable[[RequestInfo], Route]


def html(body: str, status: int = 200, headers: dict[str, str] | None = None) -> Route:
    hdrs = {"Content-Type": "text/html; charset=utf-8"}
    hdrs.update(headers or {})
    return Route(body=body, status=status, headers=hdrs)


class SiteServer:
    """A threaded HTTP/1.1 server bound to ``host`` on a free port."""

    def __init__(self, host: str = "127.0.0.1", port: int = 0) -> None:
        self.routes: dict[str, Handler] = {}
        self.log: list[RequestInfo] = []
        self.default: Handler = Route(body=b"not found", status=404, headers={"Content-Type": "text/plain"})
        self._lock = threading.Lock()
        # Requests being answered right now, and the most ever answered at once (politeness tests).
        self.inflight = 0
        self.peak_inflight = 0
        self._server = _QuietServer((host, port), self._handler_class())
        self._server.daemon_threads = True
        self._thread: threading.Thread | None = None

    # -- routes ---------------------------------------------------------------
    def add(self, path: str, handler: Handler) -> None:
        """Register ``path`` (with query string if it matters; else the path alone)."""
        self.routes[path] = handler

    @property
    def host(self) -> str:
        return str(self._server.server_address[0])

    @property
    def port(self) -> int:
        return int(self._server.server_address[1])

    @property
    def base_url(self) -> str:
        return f"http://{self.host}:{self.port}"

    def url(self, path: str = "/") -> str:
        return self.base_url + path

    @property
    def requests(self) -> list[tuple[str, str]]:
        with self._lock:
            return [(r.method, r.path) for r in self.log]

    def requested_paths(self) -> list[str]:
        return [p for _, p in self.requests]

    # -- lifecycle ------------------------------------------------------------
    def start(self) -> SiteServer:
        # A short poll interval makes stop() (and so each test's teardown) ~10x faster.
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def __enter__(self) -> SiteServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # -- internals ------------------------------------------------------------
    def _resolve(self, info: RequestInfo) -> Route:
        handler = self.routes.get(info.path)
        if handler is None:
            handler = self.routes.get(urlsplit(info.path).path, self.default)
        return handler(info) if callable(handler) else handler

    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class _Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: object) -> None:  # quiet
                return

            def _serve(self, send_body: bool) -> None:
                info = RequestInfo(self.command, self.path, dict(self.headers.items()), time.monotonic())
                with server._lock:
                    server.log.append(info)
                    server.inflight += 1
                    server.peak_inflight = max(server.peak_inflight, server.inflight)
                try:
                    self._answer(info, send_body)
                finally:
                    with server._lock:
                        server.inflight -= 1

            def _answer(self, info: RequestInfo, send_body: bool) -> None:
                route = server._resolve(info)
                if route.delay:
                    time.sleep(route.delay)
                body = route.body_bytes()
                streaming = route.chunk_size is not None or route.chunks is not None
                try:
                    self.send_response(route.status)
                    for name, value in route.headers.items():
                        self.send_header(name, value)
                    if streaming:
                        self.send_header("Transfer-Encoding", "chunked")
                    elif "Content-Length" not in route.headers:
                        self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    if not send_body:
                        return
                    if streaming:
                        parts = (
                            route.chunks if route.chunks is not None else _split(body, route.chunk_size or 1)
                        )
                        for part in parts:
                            self.wfile.write(b"%x\r\n%s\r\n" % (len(part), part))
                            self.wfile.flush()
                            if route.chunk_delay:
                                time.sleep(route.chunk_delay)
                        self.wfile.write(b"0\r\n\r\n")
                    else:
                        self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):
                    self.close_connection = True

            def do_GET(self) -> None:
                self._serve(send_body=True)

            def do_HEAD(self) -> None:
                self._serve(send_body=False)

        return _Handler


class _QuietServer(ThreadingHTTPServer):
    """Clients closing keep-alive connections (resets) are normal; other errors still print."""

    def handle_error(self, request: object, client_address: object) -> None:
        if isinstance(sys.exc_info()[1], ConnectionError):
            return
        super().handle_error(request, client_address)  # type: ignore[arg-type]


def _split(body: bytes, size: int) -> Iterable[bytes]:
    for i in range(0, len(body), size):
        yield body[i : i + size]

"""A loopback HTTP server that speaks each provider's documented API: the demo account's backend and the test double.

One server serves every provider at once, each under its documented paths (they do not collide; customersms and
the sandbox's own API have distinct paths). Provider modules under smsdesk/sandbox/ register their routes with
`route()`; this module does the plumbing they share: threading, latency, hanging, injected 5xx, recording what was
accepted, and credits.

Start in-process:        with SandboxServer() as server: server.url
Start as its own process: python -m smsdesk.sandbox --port 8765   (prints the URL, serves until killed)
"""

from __future__ import annotations

import importlib
import itertools
import json
import re
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

# Provider modules that register routes (smsdesk/sandbox/<name>.py).
PROVIDER_MODULES = ("demo", "cpsms", "txty", "customersms", "ugsms", "ip1")

# Credentials the sandbox accepts, per provider: (username, secret). Username None: the API has none.
DEFAULT_CREDENTIALS: dict[str, tuple[str | None, str]] = {
    "sandbox": (None, "sandbox"),
    "cpsms": ("demo", "cpsms-demo-key"),
    "txty": ("demo", "txty-demo-token"),
    "customersms": (None, "cspro_demo_key"),
    "ugsms": ("demo", "ugsms-demo-key"),  # v2: the key alone; v1: username "demo" + password = the key
    "ip1": (None, "ip1-demo-key"),
}


@dataclass
class Request:
    method: str
    path: str
    query: dict[str, list[str]]
    headers: dict[str, str]  # lower-case names
    body: bytes
    match: re.Match[str] | None = None

    def json(self) -> Any:
        """The body as JSON; None if empty or broken (handlers answer 400 then)."""
        try:
            return json.loads(self.body) if self.body.strip() else None
        except (ValueError, UnicodeDecodeError):
            return None

    def q(self, name: str) -> str | None:
        values = self.query.get(name)
        return values[0] if values else None

    def form(self) -> dict[str, str]:
        """Query and urlencoded/JSON body merged (UGSMS v1 takes credentials in either)."""
        merged = {k: v[0] for k, v in self.query.items() if v}
        content_type = self.headers.get("content-type", "")
        if "json" in content_type:
            data = self.json()
            if isinstance(data, dict):
                merged.update({k: v if isinstance(v, str) else json.dumps(v) for k, v in data.items()})
        elif self.body:
            merged.update({k: v[0] for k, v in parse_qs(self.body.decode("utf-8", "replace")).items() if v})
        return merged


@dataclass
class Response:
    status: int = 200
    body: Any = None  # dict/list -> JSON; str -> text; bytes as is
    headers: dict[str, str] = field(default_factory=dict)
    content_type: str | None = None

    def encode(self) -> tuple[bytes, str]:
        if isinstance(self.body, bytes):
            return self.body, self.content_type or "application/octet-stream"
        if isinstance(self.body, str):
            return self.body.encode("utf-8"), self.content_type or "text/plain; charset=utf-8"
        if self.body is None:
            return b"", self.content_type or "text/plain"
        return json.dumps(self.body).encode("utf-8"), self.content_type or "application/json"


@dataclass
class Accepted:
    """One message the sandbox accepted: what tests and the crash test count."""

    provider: str
    to: str  # digits as the provider received them, normalised to E.164 with "+"
    text: str
    message_id: str
    reference: str | None
    at: float
    segments: int = 1
    delivery: str = "pending"  # pending -> delivered / failed, advanced by the delivery simulation


@dataclass
class Faults:
    """Faults to inject. Counters count down as they fire. All may be changed while the server runs."""

    latency: float = 0.0  # seconds added to every request
    # The next N requests answer the provider's own documented "server error, nothing sent" (before touching any
    # state): CPSMS's 500 body, Txty's INTERNAL_ERROR, the sandbox's envelope, a 503 with Retry-After elsewhere
    # (server_error()). fail_status: the status of the generic answer for a route without one.
    fail_next: int = 0
    fail_status: int = 500
    hang_next: int = 0  # the next N requests hang for `hang_seconds` then drop the connection
    hang_seconds: float = 30.0
    rate_limit_next: int = 0  # the next N requests answer 429 with Retry-After
    retry_after: float = 1.0
    reject_numbers: set[str] = field(default_factory=set)  # E.164 numbers the provider rejects as invalid
    credit_messages: int | None = None  # None: unlimited; else messages that can still be afforded
    wrong_credentials: bool = False  # every auth check fails
    html_error_next: int = 0  # the next N requests answer 502 with an HTML page (a proxy in the way)
    # The next N requests are handled (messages accepted, credit taken) and then answered with a gateway's HTML
    # page, as a proxy in front of a slow provider does: `gateway_status` 504 (timeout) or 502.
    accept_then_gateway_error_next: int = 0
    gateway_status: int = 504
    # customersms: answer "success": false at the top whenever any number of the request failed, with the
    # per-number results still saying which ones were sent (what real gateways of that kind do).
    customersms_top_level_false: bool = False
    # One fault per request, in order, taken before the counters above: "ok", "fail" (the documented server
    # error), "gateway" (accept, then the gateway page), "rate" (429), "hang" (hang_seconds, then drop).
    script: list[str] = field(default_factory=list)
    enforce_rate_limits: bool = True  # apply each provider's documented requests/minute (customersms, ugsms)
    deliver_after: float = 0.5  # seconds after acceptance when a message reports delivered
    undeliverable_numbers: set[str] = field(
        default_factory=set
    )  # accepted, but delivery fails on the handset


Handler = Callable[[Request, "SandboxState"], Response]


class SandboxState:
    """Everything the handlers share. Thread-safe through one lock."""

    def __init__(self) -> None:
        self.lock = threading.RLock()
        self.faults = Faults()
        self.credentials: dict[str, tuple[str | None, str]] = dict(DEFAULT_CREDENTIALS)
        self.accepted: list[Accepted] = []
        self.requests: list[
            tuple[str, str, str]
        ] = []  # (provider, method, path) of every request that arrived
        self.batches: dict[str, list[str]] = {}  # batch id -> message ids (iP.1)
        self._windows: dict[str, list[float]] = {}  # provider -> request times in the last minute
        self._ids = itertools.count(1)

    # -- used by handlers ------------------------------------------------------------------------------------------

    def check_secret(self, provider: str, secret: str | None, username: str | None = None) -> bool:
        if self.faults.wrong_credentials:
            return False
        expected_user, expected_secret = self.credentials[provider]
        if secret != expected_secret:
            return False
        return expected_user is None or username is None or username == expected_user

    def new_id(self, prefix: str = "") -> str:
        return f"{prefix}{next(self._ids):08d}-{uuid.uuid4().hex[:8]}"

    def take_credit(self, count: int = 1) -> bool:
        """False when the account cannot afford `count` more messages (then nothing is taken)."""
        with self.lock:
            if self.faults.credit_messages is None:
                return True
            if self.faults.credit_messages < count:
                return False
            self.faults.credit_messages -= count
            return True

    def credit_left(self) -> float:
        with self.lock:
            return 10_000.0 if self.faults.credit_messages is None else float(self.faults.credit_messages)

    def is_rejected(self, e164: str) -> bool:
        return e164 in self.faults.reject_numbers

    def accept(
        self, provider: str, to: str, text: str, reference: str | None = None, segments: int = 1
    ) -> Accepted:
        e164 = to if to.startswith("+") else "+" + to
        record = Accepted(provider, e164, text, self.new_id(), reference, time.time(), segments)
        with self.lock:
            self.accepted.append(record)
        return record

    def rate_check(self, provider: str, per_minute: int) -> tuple[bool, int, float]:
        """Sliding one-minute window: (allowed, remaining, seconds until a slot frees)."""
        now = time.monotonic()
        with self.lock:
            window = [t for t in self._windows.get(provider, []) if now - t < 60.0]
            if self.faults.enforce_rate_limits and len(window) >= per_minute:
                self._windows[provider] = window
                return False, 0, max(0.0, 60.0 - (now - window[0]))
            window.append(now)
            self._windows[provider] = window
            return True, max(0, per_minute - len(window)), 0.0

    def delivery_of(self, record: Accepted) -> str:
        """Simulated delivery: undeliverable numbers fail, others are delivered after `deliver_after` seconds."""
        if record.to in self.faults.undeliverable_numbers:
            return "failed"
        return "delivered" if time.time() - record.at >= self.faults.deliver_after else "pending"

    # -- used by tests ---------------------------------------------------------------------------------------------

    def accepted_numbers(self) -> list[str]:
        with self.lock:
            return [a.to for a in self.accepted]

    def reset(self) -> None:
        with self.lock:
            self.faults = Faults()
            self.credentials = dict(DEFAULT_CREDENTIALS)
            self.accepted.clear()
            self.requests.clear()
            self.batches.clear()
            self._windows.clear()


_ROUTES: list[tuple[str, str, re.Pattern[str], Handler]] = []  # (provider, method, path pattern, handler)
_SERVER_ERRORS: dict[str, Callable[[], Response]] = {}  # provider -> its documented "server error" answer


def server_error(provider: str) -> Callable[[Callable[[], Response]], Callable[[], Response]]:
    """Register a provider's own documented "server error, nothing was sent" answer, used by Faults.fail_next."""

    def decorate(make: Callable[[], Response]) -> Callable[[], Response]:
        _SERVER_ERRORS[provider] = make
        return make

    return decorate


def gateway_page(status: int) -> Response:
    words = {502: "Bad Gateway", 504: "Gateway Time-out"}.get(status, "Error")
    page = (
        f"<html>\r\n<head><title>{status} {words}</title></head>\r\n<body>\r\n"
        f"<center><h1>{status} {words}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n"
    )
    return Response(status, page, content_type="text/html")


def route(provider: str, method: str, path_pattern: str) -> Callable[[Handler], Handler]:
    """Register a handler: @route("cpsms", "POST", r"/v2/send")."""

    def decorate(handler: Handler) -> Handler:
        _ROUTES.append((provider, method.upper(), re.compile(path_pattern + r"/?$"), handler))
        return handler

    return decorate


def _load_provider_modules() -> None:
    for name in PROVIDER_MODULES:
        importlib.import_module(f"smsdesk.sandbox.{name}")


class _HTTPHandler(BaseHTTPRequestHandler):
    server: _Server
    protocol_version = "HTTP/1.1"
    # Headers and body go out in separate writes; with Nagle on, delayed ACKs stall each answer ~40 ms.
    disable_nagle_algorithm = True

    def log_message(self, format: str, *args: Any) -> None:  # quiet: tests and the demo need no access log
        pass

    def parse_request(self) -> bool:  # the request line and headers: work too (see _handle)
        with self.server.one_at_a_time:
            return super().parse_request()

    def _handle(self) -> None:
        # One request's work at a time, as a one-core server would; the latency and hang waits overlap freely.
        # The sandbox has one GIL: two requests read, parsed and answered interleaved cost it about twice the CPU
        # of the same two one after the other (measured at 500 messages per request), a slowdown no real
        # provider shows when requests overlap.
        with self.server.one_at_a_time:
            received = self._receive()
        request, found, latency, hang, fail, html, rate, gateway = received
        if latency:
            time.sleep(latency)
        if hang:
            time.sleep(self.server.state.faults.hang_seconds)
            self.close_connection = True
            return
        with self.server.one_at_a_time:
            self._answer(request, found, fail, html, rate, gateway)

    def _receive(
        self,
    ) -> tuple[Request, tuple[str, Any] | None, float, bool, bool, bool, bool, bool]:
        state = self.server.state
        parts = urlsplit(self.path)
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        request = Request(
            method=self.command,
            path=parts.path,
            query=parse_qs(parts.query, keep_blank_values=True),
            headers={k.lower(): v for k, v in self.headers.items()},
            body=body,
        )
        found = None
        for provider, method, pattern, handler in _ROUTES:
            match = pattern.match(parts.path)
            if match and method == self.command:
                request.match = match
                found = (provider, handler)
                break
        with state.lock:
            state.requests.append((found[0] if found else "?", self.command, parts.path))
            faults = state.faults
            latency = faults.latency
            hang = fail = html = rate = gateway = False
            step = faults.script.pop(0) if faults.script and found and found[0] != "_control" else None
            if step is not None:
                hang, fail, rate, gateway = step == "hang", step == "fail", step == "rate", step == "gateway"
            elif faults.hang_next > 0:
                faults.hang_next -= 1
                hang = True
            elif faults.fail_next > 0:
                faults.fail_next -= 1
                fail = True
            elif faults.html_error_next > 0:
                faults.html_error_next -= 1
                html = True
            elif faults.rate_limit_next > 0:
                faults.rate_limit_next -= 1
                rate = True
            elif faults.accept_then_gateway_error_next > 0 and found and found[0] != "_control":
                faults.accept_then_gateway_error_next -= 1
                gateway = True
        return request, found, latency, hang, fail, html, rate, gateway

    def _answer(
        self,
        request: Request,
        found: tuple[str, Any] | None,
        fail: bool,
        html: bool,
        rate: bool,
        gateway: bool = False,
    ) -> None:
        state = self.server.state
        faults = state.faults
        if found is None:
            response = Response(404, {"error": "not found", "path": request.path})
        elif fail:
            documented = _SERVER_ERRORS.get(found[0])
            response = (
                documented()
                if documented is not None
                else Response(faults.fail_status, {"error": "Internal server error (injected)"})
            )
        elif html:
            response = Response(
                502, "<html><body><h1>502 Bad Gateway</h1></body></html>", content_type="text/html"
            )
        elif rate:
            response = Response(
                429,
                {"error": "Too many requests"},
                headers={"Retry-After": f"{faults.retry_after:g}", "X-RateLimit-Remaining": "0"},
            )
        else:
            try:
                response = found[1](request, state)
            except Exception as exc:  # a sandbox bug must look like a provider 500, not hang the client
                response = Response(500, {"error": f"sandbox error: {type(exc).__name__}: {exc}"})
            if gateway:
                response = gateway_page(faults.gateway_status)  # handled (accepted), then the proxy's page
        payload, content_type = response.encode()
        self.send_response(response.status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(payload)))
        for name, value in response.headers.items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(payload)

    do_GET = do_POST = do_PUT = do_DELETE = _handle


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    state: SandboxState
    one_at_a_time: threading.Lock  # see _HTTPHandler._handle


class SandboxServer:
    """The sandbox on 127.0.0.1, on a free port unless one is given."""

    def __init__(self, host: str = "127.0.0.1", port: int = 0, state: SandboxState | None = None):
        _load_provider_modules()
        self.state = state or SandboxState()
        self._server = _Server((host, port), _HTTPHandler)
        self._server.state = self.state
        self._server.one_at_a_time = threading.Lock()
        self._thread: threading.Thread | None = None

    @property
    def port(self) -> int:
        return self._server.server_address[1]

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> SandboxServer:
        self._thread = threading.Thread(target=self._server.serve_forever, name="sandbox", daemon=True)
        self._thread.start()
        return self

    def serve_forever(self) -> None:
        self._server.serve_forever()

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        if self._thread:
            self._thread.join(timeout=5)

    def __enter__(self) -> SandboxServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


_shared: SandboxServer | None = None
_shared_lock = threading.Lock()


def shared_sandbox() -> SandboxServer:
    """The in-process sandbox behind the built-in demo account, started on first use."""
    global _shared
    with _shared_lock:
        if _shared is None:
            _shared = SandboxServer().start()
        return _shared


# -- control API, for a sandbox running in its own process (benchmarks, crash test) ---------------------------------


@route("_control", "GET", r"/_sandbox/accepted")
def _control_accepted(request: Request, state: SandboxState) -> Response:
    with state.lock:
        items = [
            {
                "provider": a.provider,
                "to": a.to,
                "text": a.text,
                "message_id": a.message_id,
                "reference": a.reference,
            }
            for a in state.accepted
        ]
        requests = len(state.requests)
    return Response(200, {"accepted": items, "requests": requests})


@route("_control", "POST", r"/_sandbox/faults")
def _control_faults(request: Request, state: SandboxState) -> Response:
    changes = request.json() or {}
    with state.lock:
        for name, value in changes.items():
            if not hasattr(state.faults, name):
                return Response(400, {"error": f"unknown fault {name!r}"})
            current = getattr(state.faults, name)
            setattr(state.faults, name, set(value) if isinstance(current, set) else value)
    return Response(200, {"ok": True})


@route("_control", "POST", r"/_sandbox/reset")
def _control_reset(request: Request, state: SandboxState) -> Response:
    state.reset()
    return Response(200, {"ok": True})

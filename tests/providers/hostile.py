"""A loopback server that answers badly on purpose, for every adapter (issue: hostile answers).

It speaks raw HTTP/1.1 over a socket, so it can do what no well-behaved framework does: never end a chunked body,
send its headers one byte a second, echo the whole request (Authorization header, query string and body, i.e. the
key in every form the adapter sent it) back in an error body.

    with HostileServer("echo400") as server: server.url
"""

from __future__ import annotations

import json
import socket
import threading
import time

MODES = ("empty200", "false200", "echo400", "endless", "slow_headers", "huge_retry_after", "nan_retry_after")


class HostileServer:
    def __init__(self, mode: str):
        assert mode in MODES, mode
        self.mode = mode
        self._sock = socket.socket()
        self._sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._sock.bind(("127.0.0.1", 0))
        self._sock.listen(16)
        self._sock.settimeout(0.1)  # accept() wakes up to see the stop flag (closing does not wake it)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self.requests: list[bytes] = []

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._sock.getsockname()[1]}"

    def __enter__(self) -> HostileServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join(timeout=5)
        self._sock.close()

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self._sock.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            conn.settimeout(None)
            threading.Thread(target=self._answer, args=(conn,), daemon=True).start()

    def _answer(self, conn: socket.socket) -> None:
        with conn:
            try:
                while not self._stop.is_set():
                    request = _read_request(conn)
                    if request is None:
                        return
                    self.requests.append(request)
                    if not self._reply(conn, request):
                        return
            except OSError:
                return

    def _reply(self, conn: socket.socket, request: bytes) -> bool:
        mode = self.mode
        if mode == "empty200":
            conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n")
        elif mode == "false200":
            _send_json(conn, 200, {"success": False, "message": "Invalid token"})
        elif mode == "echo400":
            echo = request.decode("utf-8", "replace")
            body = {
                "success": False,
                "error": echo,
                "message": echo,
                "errMsg": echo,
                "errorCode": 400,
                "errors": {"request": [echo]},
            }
            _send_json(conn, 400, body)
        elif mode == "endless":
            conn.sendall(
                b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
            )
            chunk = b" " * 65536
            frame = f"{len(chunk):x}\r\n".encode() + chunk + b"\r\n"
            while not self._stop.is_set():
                conn.sendall(frame)  # until the client hangs up
        elif mode == "slow_headers":
            for byte in b"HTTP/1.1 200 OK\r\nX-Slow: " + b"a" * 600:
                if self._stop.is_set():
                    return False
                conn.sendall(bytes([byte]))
                time.sleep(0.05)
            return False
        elif mode in ("huge_retry_after", "nan_retry_after"):
            value = "99999999999999999999" if mode == "huge_retry_after" else "nan"
            _send_json(conn, 429, {"error": "Too many requests"}, {"Retry-After": value})
        return True


def _read_request(conn: socket.socket) -> bytes | None:
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = conn.recv(65536)
        if not chunk:
            return None
        data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    length = 0
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value.strip())
    while len(body) < length:
        chunk = conn.recv(65536)
        if not chunk:
            break
        body += chunk
    return head + b"\r\n\r\n" + body


def _send_json(conn: socket.socket, status: int, body: object, headers: dict[str, str] | None = None) -> None:
    payload = json.dumps(body).replace("/", "\\/").encode()  # as PHP writes JSON: every "/" escaped
    reason = {200: "OK", 400: "Bad Request", 429: "Too Many Requests"}[status]
    lines = [
        f"HTTP/1.1 {status} {reason}",
        "Content-Type: application/json",
        f"Content-Length: {len(payload)}",
    ]
    lines += [f"{name}: {value}" for name, value in (headers or {}).items()]
    conn.sendall(("\r\n".join(lines) + "\r\n\r\n").encode() + payload)

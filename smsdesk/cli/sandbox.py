"""`smsdesk sandbox [--port N] [--latency S]`: run the loopback sandbox provider until interrupted.

Useful to point a real account's base URL at (e.g. `--base-url http://127.0.0.1:8765`) and try every provider's
API without sending real SMS.
"""

from __future__ import annotations

import argparse
import contextlib


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("sandbox", help="run the sandbox provider (no real SMS) on this computer")
    parser.add_argument(
        "--port", type=int, default=8765, help="port on 127.0.0.1 (default 8765; 0 picks a free one)"
    )
    parser.add_argument("--latency", type=float, default=0.0, help="seconds added to every answer")
    parser.set_defaults(handler=_run)


def _run(args: argparse.Namespace) -> int:
    from smsdesk.cli import UsageError
    from smsdesk.sandbox.server import SandboxServer

    try:
        server = SandboxServer(port=args.port)
    except OSError as exc:
        raise UsageError(f"cannot listen on port {args.port}: {exc.strerror or exc}") from None
    server.state.faults.latency = max(0.0, args.latency)
    print(f"Sandbox listening on {server.url} (no real SMS). Press Ctrl+C to stop.", flush=True)
    with contextlib.suppress(KeyboardInterrupt):
        server.serve_forever()
    return 0

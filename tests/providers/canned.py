"""Canned answers for shapes a provider's sandbox handler never gives (HTML pages, broken JSON, odd fields).

An adapter is pointed at <sandbox>/<prefix>/<name> as its base URL, so it still talks real HTTP to its usual paths
below that, and gets `answers[name]` back; `seen` keeps every request that arrived.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from typing import Any

from smsdesk.sandbox.server import Request, Response, SandboxState, route


class CannedAnswers:
    def __init__(self, prefix: str):
        self.prefix = prefix
        self.answers: dict[str, Response] = {}
        self.seen: list[Request] = []
        for method in ("GET", "POST"):
            route(prefix, method, rf"/{prefix}/(?P<name>[\w-]+)/.*")(self._serve)

    def _serve(self, request: Request, state: SandboxState) -> Response:
        self.seen.append(request)
        assert request.match is not None
        return self.answers[request.match.group("name")]

    def clear(self) -> None:
        self.answers.clear()
        self.seen.clear()

    def url(self, sandbox_url: str, name: str) -> str:
        return f"{sandbox_url}/{self.prefix}/{name}"

    @contextlib.contextmanager
    def making(self, sandbox_url: str, build: Callable[[str], Any]) -> Iterator[Callable[..., Any]]:
        """A `make(response, name="answer")` for a test: it serves `response` at `name` and returns an adapter that
        `build(base_url)` makes for it. Every adapter made is closed on the way out."""
        self.clear()
        made: list[Any] = []

        def make(response: Response, name: str = "answer") -> Any:
            self.answers[name] = response
            made.append(build(self.url(sandbox_url, name)))
            return made[-1]

        try:
            yield make
        finally:
            for adapter in made:
                adapter.close()

"""Output to a reader that went away (`smsdesk send --json | head -3`): never a traceback, never a silent success.

Python ignores SIGPIPE, so a write to a closed pipe raises BrokenPipeError (EPIPE; on Windows often EINVAL). The
documented pattern (https://docs.python.org/3/library/signal.html#note-on-sigpipe) is to point the file descriptor
at os.devnull and carry on, so the interpreter's last flush does not fail again. `guarded()` does that for a
stream, for a whole command: the command goes on (a send keeps recording every result in the journal, where
`campaigns export` finds them) and `lost` says the output was cut, so the exit code can say so.
"""

from __future__ import annotations

import contextlib
import errno
import os
import sys
from collections.abc import Iterator
from typing import Any, TextIO

_CLOSED_PIPE_ERRNOS = {errno.EPIPE, errno.EINVAL}  # EINVAL: a closed pipe on Windows


def is_closed_pipe(exc: BaseException) -> bool:
    return isinstance(exc, BrokenPipeError) or (isinstance(exc, OSError) and exc.errno in _CLOSED_PIPE_ERRNOS)


class GuardedStream:
    """A text stream whose writes never raise for a closed pipe: the first such write silences it for good."""

    def __init__(self, stream: TextIO):
        self._stream = stream
        self.lost = False
        self.lines_written = 0

    def write(self, text: str) -> int:
        if self.lost:
            return len(text)
        try:
            written = self._stream.write(text)
        except OSError as exc:
            self._lose(exc)
            return len(text)
        self.lines_written += text.count("\n")
        return written

    def flush(self) -> None:
        if self.lost:
            return
        try:
            self._stream.flush()
        except OSError as exc:
            self._lose(exc)

    def writelines(self, lines: Any) -> None:
        for line in lines:
            self.write(line)

    def isatty(self) -> bool:
        return not self.lost and self._stream.isatty()

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)

    def _lose(self, exc: OSError) -> None:
        if not is_closed_pipe(exc):
            raise exc
        self.lost = True
        silence(self._stream)


def silence(stream: TextIO) -> None:
    """Point the stream's file descriptor at os.devnull (what is still buffered then goes nowhere, quietly)."""
    try:
        fd = stream.fileno()
    except (AttributeError, OSError, ValueError):
        return  # not a real file (a test's capture): nothing will flush it at exit
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, fd)
    finally:
        os.close(devnull)


def lost(stream: Any) -> bool:
    return bool(getattr(stream, "lost", False))


@contextlib.contextmanager
def guarded() -> Iterator[tuple[GuardedStream, GuardedStream]]:
    """sys.stdout and sys.stderr guarded for the block."""
    stdout, stderr = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = GuardedStream(stdout), GuardedStream(stderr)
    try:
        yield sys.stdout, sys.stderr
    finally:
        with contextlib.suppress(OSError):
            sys.stdout.flush()
        sys.stdout, sys.stderr = stdout, stderr

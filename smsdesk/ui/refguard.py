"""Keeps None, True and False alive under a PySide6 build that drops references to them.

PySide6 6.12 on Python 3.11 gives back None from every void Qt call (setText, addWidget, endResetModel...) and True
from every signal emit without taking the reference it then releases. On Python >= 3.12 those objects are immortal
and nothing happens; on 3.11 their reference counts drift down by a few dozen per keystroke, and when one reaches
zero the interpreter aborts ("Fatal Python error: none_dealloc"). A fresh window starts with about 10,000 references
to None: a few hundred keystrokes.

The guard measures the leak once at start-up (so a fixed PySide makes it a no-op), pins a large cushion of extra
references, and tops the counts back up every half second. Memory cost: 8 bytes per leaked reference. The real fix
is outside this app: Python >= 3.12 (immortal singletons) or a PySide6 build that does not leak.
"""

from __future__ import annotations

import logging
import sys

log = logging.getLogger(__name__)

CUSHION = 200_000  # references pinned up front to each object: far more than can leak between two top-ups
TOP_UP_MS = 500

_pins: list[object] = []
_baseline: dict[int, int] = {}
_installed: bool | None = None
_SINGLETONS = (None, True, False)


def leaks_references() -> bool:
    """Whether this PySide build loses a reference per void call / emit (measured, not guessed from versions)."""
    if sys.version_info >= (3, 12):
        return False
    from PySide6.QtCore import QObject, Signal

    class _Probe(QObject):
        ping = Signal()

    probe = _Probe()
    none_before, true_before = sys.getrefcount(None), sys.getrefcount(True)
    for _ in range(50):
        probe.setObjectName("probe")
        probe.ping.emit()
    lost_none = none_before - sys.getrefcount(None)
    lost_true = true_before - sys.getrefcount(True)
    probe.deleteLater()
    return lost_none >= 40 or lost_true >= 40


def _pin(value: object, count: int) -> None:
    """Hold `count` more references to `value` in a list that is itself never freed, not even while the
    interpreter shuts down (that is when the leaked references would otherwise be missed)."""
    import ctypes

    chunk = [value] * count
    ctypes.pythonapi.Py_IncRef(ctypes.py_object(chunk))
    _pins.append(chunk)


def top_up() -> None:
    if not _baseline:
        return  # not installed (or not needed)
    for value in _SINGLETONS:
        deficit = _baseline[id(value)] - sys.getrefcount(value)
        if deficit > 0:
            _pin(value, deficit)


def install(app) -> bool:
    """Install once per process; returns whether the guard is active."""
    global _installed
    if _installed is not None:
        return _installed
    _installed = leaks_references()
    if not _installed:
        return False
    log.warning("PySide6 drops references to None/True/False on this Python; the reference guard is active")
    for value in _SINGLETONS:
        _pin(value, CUSHION)
        _baseline[id(value)] = sys.getrefcount(value)
    from PySide6.QtCore import QTimer

    timer = QTimer(app)
    timer.setObjectName("smsdesk-refguard")
    timer.setInterval(TOP_UP_MS)
    timer.timeout.connect(top_up)
    timer.start()
    return True

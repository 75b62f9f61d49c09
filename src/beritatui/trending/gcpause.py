"""Pause the cyclic garbage collector while a clustering pass runs.

A pass allocates hundreds of thousands of small containers that live until it
ends (vectors, index lists, edges); each allocation burst sets off collections
that walk the whole heap again and again, which took about half the CPU time
at 20,000 articles. Reference counting still frees everything; the collector
runs normally once the last pass ends. Nested and concurrent passes (threads)
are counted, so the collector is re-enabled only when every one has finished,
and only if it was enabled before the first began.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["collector_paused"]

_lock = threading.Lock()
_active = 0
_was_enabled = False


@contextmanager
def collector_paused() -> Iterator[None]:
    """Run the body with the cyclic collector disabled (reference counting stays on)."""
    global _active, _was_enabled
    with _lock:
        if _active == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _active += 1
    try:
        yield
    finally:
        with _lock:
            _active -= 1
            if _active == 0 and _was_enabled:
                gc.enable()

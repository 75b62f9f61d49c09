"""Worker slots with a queue for the user: an article being opened goes before prefetch pages."""

from __future__ import annotations

import asyncio
from collections import deque
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager


class Hurry:
    """An urgency that can rise while its job waits: a prefetch page the user opens.

    Passed as ``urgent`` (down to :meth:`PrioritySlots.hold`); :meth:`now` moves a job
    already waiting for a slot before the other waiters, and every later wait of the same
    job (the article's further pages) is urgent from then on.
    """

    def __init__(self) -> None:
        self.urgent = False
        self._queued: tuple[PrioritySlots, asyncio.Future[None]] | None = None

    def now(self) -> None:
        """The user waits for this job from now on."""
        self.urgent = True
        if self._queued is not None:
            slots, waiter = self._queued
            slots._promote(waiter)


Urgency = bool | Hurry
"""``True``: the user waits; a :class:`Hurry`: the user may come to wait."""


class PrioritySlots:
    """Like ``asyncio.Semaphore(size)``, but an ``urgent`` waiter is served before every
    other waiter (first come, first served within each kind). One event loop only."""

    def __init__(self, size: int) -> None:
        self._free = size
        self._urgent: deque[asyncio.Future[None]] = deque()
        self._waiting: deque[asyncio.Future[None]] = deque()

    @property
    def free(self) -> int:
        """Slots nobody holds (for tests and reports)."""
        return self._free

    @asynccontextmanager
    async def hold(self, *, urgent: Urgency = False) -> AsyncIterator[None]:
        """Hold one slot for the block."""
        await self._acquire(urgent)
        try:
            yield
        finally:
            self._release()

    async def _acquire(self, urgent: Urgency) -> None:
        if self._free > 0 and not self._urgent and not self._waiting:
            self._free -= 1
            return
        hurry = urgent if isinstance(urgent, Hurry) else None
        first = hurry.urgent if hurry is not None else bool(urgent)
        waiter: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        (self._urgent if first else self._waiting).append(waiter)
        if hurry is not None:
            hurry._queued = (self, waiter)
        try:
            await waiter
        except asyncio.CancelledError:
            if waiter.done() and not waiter.cancelled():
                self._release()  # handed a slot just as the waiter was cancelled: pass it on
            else:
                for queue in (self._urgent, self._waiting):
                    if waiter in queue:
                        queue.remove(waiter)
            raise
        finally:
            if hurry is not None:
                hurry._queued = None

    def _promote(self, waiter: asyncio.Future[None]) -> None:
        """Move a waiting job to the end of the urgent queue (see :class:`Hurry`)."""
        if waiter in self._waiting:
            self._waiting.remove(waiter)
            self._urgent.append(waiter)

    def _release(self) -> None:
        for queue in (self._urgent, self._waiting):
            while queue:
                waiter = queue.popleft()
                if not waiter.done():
                    waiter.set_result(None)  # the slot passes straight to the waiter
                    return
        self._free += 1

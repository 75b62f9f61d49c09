"""Page extraction in worker processes, so a native crash or hang costs one page, not the app.

lxml/libxml2 (and trafilatura's module-level compiled XPath objects) are not safe
in several threads of one process, and a C-level fault cannot be caught in
Python. So every page is extracted in a single-threaded worker process:

- a :class:`concurrent.futures.ProcessPoolExecutor` started lazily on first use,
  ``min(os.cpu_count(), 4)`` workers, forked from a *forkserver* that preloaded
  the extractor (never forked from our threaded process; *spawn* where there is no
  forkserver), each worker recycled after :data:`PAGES_PER_WORKER` pages;
- each page has a time limit (:data:`TIMEOUT_ENV`, default :data:`DEFAULT_TIMEOUT`):
  a hung page gets its pool's workers killed and the pool is rebuilt;
- a broken pool (a worker died) is rebuilt and every page it held is retried once
  alone in a fresh one-page worker, so only the page that really crashes is lost,
  as :class:`ExtractionFailed` with a :class:`~beritatui.feeds.outcomes.Note`.

Test hook: ``BERITATUI_EXTRACT_FAULT=crash:MARK`` (or ``hang:MARK``), read only in
the worker, makes a worker SIGKILL itself (or sleep) on a page containing ``MARK``.
Results travel back as plain picklable dataclasses (:class:`ExtractedArticle`).

Feed parsing runs in the same workers (:meth:`ExtractorPool.parse_feed`, a plain
:class:`~beritatui.models.ParsedFeed` back), so lxml and feedparser never hold the
app's GIL either; so does story clustering (:meth:`ExtractorPool.trending_blocking`,
seconds of pure Python over a big window). Jobs are submitted from a thread: starting the pool or a
recycled worker waits for a process, which an event loop must never do.
"""

from __future__ import annotations

import asyncio
import contextlib
import multiprocessing
import os
import signal
import sys
import threading
import time
import weakref
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import TYPE_CHECKING, Any, TypeVar

from beritatui.feeds.outcomes import Code, Note, note
from beritatui.models import ExtractedArticle

from .slots import PrioritySlots, Urgency

if TYPE_CHECKING:
    from datetime import datetime

    from beritatui.models import ParsedFeed
    from beritatui.trending import Cluster, StoryInput

MAX_WORKERS = 4
PAGES_PER_WORKER = 200
"""A worker is replaced after this many pages (bounds leaks and fragmentation)."""
DEFAULT_TIMEOUT = 30.0
TIMEOUT_ENV = "BERITATUI_EXTRACT_TIMEOUT"
FAULT_ENV = "BERITATUI_EXTRACT_FAULT"
CRASHED = note(Code.EXTRACTOR_CRASHED)

T = TypeVar("T")


class ExtractionFailed(Exception):
    """The extractor crashed or hung on this page; ``note`` says which."""

    def __init__(self, said: Note, *, timed_out: bool = False) -> None:
        super().__init__(said)
        self.note = said
        self.timed_out = timed_out
        """The job ran out of time (else its worker crashed)."""


def _timed_out(seconds: float) -> Note:
    return note(Code.EXTRACTOR_TIMEOUT, seconds=seconds)


# -- in the worker -------------------------------------------------------------


def _test_fault(data: bytes | str) -> None:
    """The documented test hook (see the module docstring); a no-op unless the env var is set."""
    spec = os.environ.get(FAULT_ENV, "")
    kind, _, mark = spec.partition(":")
    if not mark:
        return
    raw = mark.encode() if isinstance(data, bytes) else mark
    if raw not in data:  # type: ignore[operator]
        return
    if kind == "crash":
        os.kill(os.getpid(), signal.SIGKILL)
    elif kind == "hang":
        time.sleep(3600)


def _page(html: bytes | str, url: str, content_type: str | None) -> ExtractedArticle:
    from .article import extract_article

    _test_fault(html)
    return extract_article(html, url, content_type=content_type)


def _fragment(fragment: str, url: str) -> ExtractedArticle:
    from .article import article_from_html_fragment

    _test_fault(fragment)
    return article_from_html_fragment(fragment, url)


def _feed(content: bytes, url: str, content_type: str | None, now: datetime) -> ParsedFeed:
    from beritatui.feeds.parse import parse_feed

    _test_fault(content)
    return parse_feed(content, url, content_type=content_type, now=now)


def _trending(
    items: list[StoryInput], now: datetime, hours: float, category: str | None
) -> list[Cluster]:
    from beritatui.trending import cluster_stories

    return cluster_stories(items, now=now, hours=hours, category=category)


# -- in the app ----------------------------------------------------------------


def _init_worker() -> None:
    """Worker start: die with the parent; trafilatura's warnings stay quiet (we report failures)."""
    import logging

    _die_with_parent()
    logging.getLogger("trafilatura").setLevel(logging.CRITICAL)


def _die_with_parent() -> None:
    """Exit this worker as soon as the app that asked for it is gone (even SIGKILLed).

    Workers keep the forkserver alive and hold their own task queue open, so
    nothing else would ever end them. The watcher thread only waits on the
    parent's sentinel; it never touches lxml.
    """
    parent = multiprocessing.parent_process()
    if parent is None:
        return

    def watch() -> None:
        parent.join()
        os._exit(0)

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()


@contextlib.contextmanager
def _usable_stderr() -> Iterator[None]:
    """A real file as ``sys.stderr`` while helper processes start.

    multiprocessing hands ``sys.stderr.fileno()`` to its resource tracker; under
    Textual, stderr is a capture object without a usable descriptor.
    """
    try:
        usable = sys.stderr is not None and sys.stderr.fileno() >= 0
    except (AttributeError, OSError, ValueError):
        usable = False
    if usable:
        yield
        return
    saved = sys.stderr
    with open(os.devnull, "w") as devnull:
        sys.stderr = devnull
        try:
            yield
        finally:
            sys.stderr = saved


_HELPERS_LOCK = threading.Lock()
_PRELOAD = ["beritatui.extract.article", "beritatui.feeds.parse", "beritatui.trending"]
"""What the forkserver imports before it forks workers (each worker then has it at once)."""


def preload_pages(on: bool) -> None:
    """Whether the forkserver, when it starts, preloads the page extractor (the default).

    A feeds-only CLI refresh turns it off (~0.13 s of imports, trafilatura's
    mostly): its workers only parse feeds, and a page extracted anyway (say, a
    stale body re-extracted) imports the extractor in its worker on first use.
    No effect once the forkserver runs.
    """
    with _HELPERS_LOCK:
        article = "beritatui.extract.article"
        if on and article not in _PRELOAD:
            _PRELOAD.insert(0, article)
        elif not on and article in _PRELOAD:
            _PRELOAD.remove(article)


def _context() -> multiprocessing.context.BaseContext:
    """forkserver (preloaded with the extractor) where there is one, else spawn."""
    from multiprocessing import resource_tracker

    with _HELPERS_LOCK, _usable_stderr():
        resource_tracker.ensure_running()
        if "forkserver" not in multiprocessing.get_all_start_methods():
            return multiprocessing.get_context("spawn")
        from multiprocessing import forkserver

        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload(list(_PRELOAD))
        forkserver.ensure_running()
        return ctx


def _executor(workers: int, max_tasks: int | None = None) -> ProcessPoolExecutor:
    return ProcessPoolExecutor(
        workers, mp_context=_context(), initializer=_init_worker, max_tasks_per_child=max_tasks
    )


def _kill_workers(executor: ProcessPoolExecutor) -> None:
    """SIGKILL the executor's worker processes (the executor has no public way)."""
    processes: dict[int, Any] = getattr(executor, "_processes", None) or {}
    for process in list(processes.values()):
        with contextlib.suppress(OSError, ValueError):  # already gone
            process.kill()


class _Broken(Exception):
    """The pool broke while holding this page; it may not be this page's fault."""


class ExtractorPool:
    """Worker processes for page extraction; one per app process (see :func:`get_pool`)."""

    def __init__(self, workers: int | None = None, *, timeout: float | None = None) -> None:
        self.workers = workers or min(MAX_WORKERS, os.cpu_count() or 1)
        self.timeout = timeout or float(os.environ.get(TIMEOUT_ENV) or DEFAULT_TIMEOUT)
        self.rebuilds = 0
        """How often a broken or hung pool was replaced."""
        self._executor: ProcessPoolExecutor | None = None
        self._lock = threading.Lock()
        self._loop_slots: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, PrioritySlots]
        self._loop_slots = weakref.WeakKeyDictionary()

    async def extract(
        self,
        html: bytes | str,
        url: str,
        content_type: str | None = None,
        *,
        urgent: Urgency = False,
    ) -> ExtractedArticle:
        """The article of one page, extracted in a worker; raises :class:`ExtractionFailed`.

        ``urgent``: the user waits for it (an article being opened): it goes before the
        pages and feeds already waiting for a worker.
        """
        return await self.call(_page, html, url, content_type, urgent=urgent)

    async def extract_fragment(self, fragment: str, url: str) -> ExtractedArticle:
        """Blocks of feed-provided article HTML, in a worker."""
        return await self.call(_fragment, fragment, url)

    async def parse_feed(
        self, content: bytes, url: str, content_type: str | None, now: datetime
    ) -> ParsedFeed:
        """:func:`beritatui.feeds.parse.parse_feed` in a worker.

        Raises its ``FeedParseError`` as is, and :class:`ExtractionFailed` when the parser
        crashes or hangs on this feed (the other feeds carry on).
        """
        return await self.call(_feed, content, url, content_type, now)

    def trending_blocking(
        self, items: list[StoryInput], now: datetime, hours: float, category: str | None
    ) -> list[Cluster]:
        """:func:`beritatui.trending.cluster_stories` in a worker, for code in a thread."""
        return asyncio.run(self.call(_trending, items, now, hours, category))

    def extract_blocking(
        self, html: bytes | str, url: str, content_type: str | None = None
    ) -> ExtractedArticle:
        """:meth:`extract` for code already in a thread (never on an event loop)."""
        return asyncio.run(self.extract(html, url, content_type))

    def fragment_blocking(self, fragment: str, url: str) -> ExtractedArticle:
        """:meth:`extract_fragment` for code already in a thread."""
        return asyncio.run(self.extract_fragment(fragment, url))

    async def call(self, fn: Callable[..., T], *args: Any, urgent: Urgency = False) -> T:
        """``fn(*args)`` in a worker; a pool break is retried once alone in a fresh worker.

        ``urgent`` calls wait for a worker before all others (see :meth:`extract`).
        """
        # At most one page per worker in flight from each event loop, so the time
        # limit measures the extraction, not the wait behind other pages.
        async with self._slots().hold(urgent=urgent):
            try:
                return await self._attempt(None, fn, args)
            except _Broken:
                pass
        solo = await asyncio.to_thread(_executor, 1)
        try:
            return await self._attempt(solo, fn, args)
        except _Broken:
            raise ExtractionFailed(CRASHED) from None
        finally:
            solo.shutdown(wait=False, cancel_futures=True)

    async def _attempt(
        self, solo: ProcessPoolExecutor | None, fn: Callable[..., T], args: tuple[Any, ...]
    ) -> T:
        """One try in ``solo``, or in the shared pool when ``solo`` is ``None``."""
        # Submitted from a thread: starting the pool or a (recycled) worker waits for a
        # process to start, and the event loop must never wait for that.
        executor, future = await asyncio.to_thread(self._submit, solo, fn, args)
        try:
            if future is None:
                raise BrokenProcessPool
            return await asyncio.wait_for(asyncio.wrap_future(future), self.timeout)
        except BrokenProcessPool:
            if solo is None:
                self._discard(executor, kill=False)
            raise _Broken from None
        except TimeoutError:
            if solo is None:
                self._discard(executor, kill=True)
            else:
                _kill_workers(executor)
            raise ExtractionFailed(_timed_out(self.timeout), timed_out=True) from None

    def _submit(
        self, solo: ProcessPoolExecutor | None, fn: Callable[..., T], args: tuple[Any, ...]
    ) -> tuple[ProcessPoolExecutor, Future[T] | None]:
        """(executor, future), the future ``None`` when the executor is already broken."""
        executor = solo or self._shared()
        try:
            return executor, executor.submit(fn, *args)
        except BrokenProcessPool:
            return executor, None

    def start(self) -> None:
        """Start the shared pool and its workers now (blocking: call from a thread).

        The TUI does this while it warms up, so the first feed or page does not wait
        for the forkserver to import the extractor.
        """
        executor = self._shared()
        for future in [executor.submit(os.getpid) for _ in range(self.workers)]:
            with contextlib.suppress(Exception):  # a broken pool is rebuilt on first use
                future.result(timeout=60)

    def _slots(self) -> PrioritySlots:
        loop = asyncio.get_running_loop()
        with self._lock:
            slots = self._loop_slots.get(loop)
            if slots is None:
                slots = self._loop_slots[loop] = PrioritySlots(self.workers)
            return slots

    def _shared(self) -> ProcessPoolExecutor:
        with self._lock:
            if self._executor is None:
                self._executor = _executor(self.workers, PAGES_PER_WORKER)
            return self._executor

    def _discard(self, executor: ProcessPoolExecutor, *, kill: bool) -> None:
        """Replace a broken or hung pool (once, however many pages noticed it)."""
        with self._lock:
            if self._executor is not executor:
                return
            self._executor = None
            self.rebuilds += 1
        if kill:
            _kill_workers(executor)
        executor.shutdown(wait=False, cancel_futures=True)

    def shutdown(self) -> None:
        """Stop the workers (waits for pages in progress)."""
        with self._lock:
            executor, self._executor = self._executor, None
        if executor is not None:
            executor.shutdown(wait=True, cancel_futures=True)


_POOL: ExtractorPool | None = None
_POOL_LOCK = threading.Lock()


def get_pool() -> ExtractorPool:
    """This process's extractor pool (no worker starts before the first page)."""
    global _POOL
    with _POOL_LOCK:
        if _POOL is None:
            _POOL = ExtractorPool()
        return _POOL


def shutdown_pool() -> None:
    """Stop this process's workers, if any were started (app and CLI exit)."""
    global _POOL
    with _POOL_LOCK:
        pool, _POOL = _POOL, None
    if pool is not None:
        pool.shutdown()

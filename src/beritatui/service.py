"""The pipeline shared by the CLI and the TUI: refresh, prefetch, read, trending.

config → fetch feeds → parse (worker process) → store (thread) → fetch and
extract article pages → store bodies. Network work is async over one long-lived
client; SQLite runs in threads via :func:`asyncio.to_thread`, feed parsing and
page extraction in worker processes (:mod:`beritatui.extract.pool`), so an event
loop (the TUI's) never blocks and a native crash costs one feed or one page.
Nothing here imports textual. The fetcher (httpx), the parser (feedparser) and
the extractor (trafilatura) are imported on first use, so start-up does not pay
for them. Split by job: shared state in
:mod:`beritatui.servicecore`, article pages in :mod:`beritatui.pages`, what a
refresh reports in :mod:`beritatui.reports`; this module keeps refresh, marks
and trending, and re-exports the names callers import from here.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from beritatui.feeds.outcomes import NO_NOTE, Code, Note, note
from beritatui.i18n import _
from beritatui.imagefetch import ImagesMixin
from beritatui.models import FeedStatus
from beritatui.pages import PagesMixin, download_article, warm_up
from beritatui.reports import (
    NETWORK_DOWN_STATUSES,
    NOT_CACHED_OFFLINE,
    FeedOutcome,
    OfflineError,
    Progress,
    ProgressCallback,
    RefreshReport,
)
from beritatui.trending import Cluster, StoryInput, TrendingCache
from beritatui.trending.cache import rescore_bucket

if TYPE_CHECKING:
    from beritatui.config import FeedSpec
    from beritatui.extract.pool import ExtractionFailed
    from beritatui.feeds.fetch import Fetcher

__all__ = [
    "NETWORK_DOWN_STATUSES",
    "NOT_CACHED_OFFLINE",
    "FeedOutcome",
    "OfflineError",
    "Progress",
    "ProgressCallback",
    "RefreshReport",
    "Service",
    "download_article",
    "warm_up",
]


def _parser_failed(exc: ExtractionFailed) -> Note:
    """A feed whose parser worker crashed or hung."""
    return note(Code.PARSER_TIMEOUT if exc.timed_out else Code.PARSER_CRASHED)


POOLED_TRENDING_MIN = 1000
"""Windows with this many articles are clustered in a worker process (~0.1 s and up)."""


class Service(ImagesMixin, PagesMixin):
    """The one pipeline: refresh (here), pages (:class:`~beritatui.pages.PagesMixin`),
    pictures (:class:`~beritatui.imagefetch.ImagesMixin`), marks, counts and trending;
    state in :class:`~beritatui.servicecore.ServiceCore`."""

    # -- refresh --------------------------------------------------------------

    async def refresh(
        self,
        *,
        prefetch: bool | None = None,
        on_progress: ProgressCallback | None = None,
    ) -> RefreshReport:
        """Fetch every feed, store new entries, then (optionally) cache their pages."""
        if self.forced_offline:
            raise OfflineError(_("refresh needs the network (beritatui is offline)"))
        if not self.feeds_synced:
            await asyncio.to_thread(self.sync_feeds)
        report = RefreshReport()
        feeds = list(self._feeds_by_id.items())
        done = 0

        def tick(label: str) -> None:
            nonlocal done
            done += 1
            if on_progress:
                on_progress(Progress("feeds", done, len(feeds), label))

        if on_progress:
            on_progress(Progress("feeds", 0, len(feeds)))
        fetcher = await self._fetcher()
        # At most twice as many feeds between fetch and stored as fetches at once (so
        # fetching goes on while a few wait for a parser): a body waiting for a parser
        # worker stays in memory, and 200 fetched feeds waiting for 2 workers were 100 MB.
        in_flight = asyncio.Semaphore(2 * max(1, self.config.settings.max_concurrency))

        async def bounded(feed_id: int, spec: FeedSpec) -> tuple[FeedOutcome, list[int]]:
            async with in_flight:
                return await self._refresh_one(fetcher, feed_id, spec, tick)

        outcomes = await asyncio.gather(*(bounded(fid, spec) for fid, spec in feeds))
        for outcome, new_ids in outcomes:
            report.outcomes.append(outcome)
            report.new_article_ids.extend(new_ids)
        self.network_down = report.network_down
        if report.network_down:
            return report
        if prefetch if prefetch is not None else self.config.settings.prefetch_articles:
            saved, failed = await self.prefetch(on_progress=on_progress)
            report.articles_saved, report.articles_failed = saved, failed
        await asyncio.to_thread(self._maintain)
        return report

    async def refresh_feed(self, url: str) -> FeedOutcome | None:
        """Fetch one configured feed now (the feed screen's retry); ``None`` if not configured."""
        if self.forced_offline:
            raise OfflineError(_("fetching a feed needs the network (beritatui is offline)"))
        if not self.feeds_synced:
            await asyncio.to_thread(self.sync_feeds)
        for feed_id, spec in self._feeds_by_id.items():
            if spec.url == url:
                fetcher = await self._fetcher()
                outcome, _ids = await self._refresh_one(fetcher, feed_id, spec, lambda _l: None)
                return outcome
        return None

    async def _refresh_one(
        self, fetcher: Fetcher, feed_id: int, spec: FeedSpec, tick: Callable[[str], None]
    ) -> tuple[FeedOutcome, list[int]]:
        label = spec.title or spec.url
        try:
            return await self._fetch_and_store(fetcher, feed_id, spec)
        except Exception as exc:  # one feed's bug never stops the others
            detail = note(Code.UNEXPECTED, kind=type(exc).__name__, error=str(exc))
            await asyncio.to_thread(
                self.store.record_fetch, feed_id, FeedStatus.PARSE_ERROR, detail
            )
            outcome = FeedOutcome(
                feed_id, spec.url, label, spec.category, FeedStatus.PARSE_ERROR, detail
            )
            return outcome, []
        finally:
            tick(label)

    async def _fetch_and_store(
        self, fetcher: Fetcher, feed_id: int, spec: FeedSpec
    ) -> tuple[FeedOutcome, list[int]]:
        from beritatui.extract.pool import ExtractionFailed, get_pool
        from beritatui.feeds.outcomes import FeedParseError  # not feeds.parse: no feedparser

        etag, last_modified = await asyncio.to_thread(self.store.feed_cache_headers, feed_id)
        result = await fetcher.fetch(
            spec.url, etag=etag, last_modified=last_modified, user_agent=spec.user_agent or None
        )
        label = spec.title or spec.url

        def outcome(status: FeedStatus, detail: Note, new: int = 0) -> FeedOutcome:
            return FeedOutcome(feed_id, spec.url, label, spec.category, status, detail, new)

        if result.status is FeedStatus.NOT_MODIFIED:
            # The status says it all: no detail to repeat it ("not modified: not modified").
            await asyncio.to_thread(self.store.record_fetch, feed_id, FeedStatus.NOT_MODIFIED)
            return outcome(FeedStatus.NOT_MODIFIED, NO_NOTE), []
        if not result.ok or result.content is None:
            await asyncio.to_thread(self.store.record_fetch, feed_id, result.status, result.note)
            return outcome(result.status, result.note), []
        try:
            parsed = await get_pool().parse_feed(
                result.content, result.final_url, result.content_type, self.clock()
            )
        except (FeedParseError, ExtractionFailed) as exc:
            detail = exc.note if isinstance(exc, FeedParseError) else _parser_failed(exc)
            await asyncio.to_thread(
                self.store.record_fetch, feed_id, FeedStatus.PARSE_ERROR, detail
            )
            return outcome(FeedStatus.PARSE_ERROR, detail), []
        status, detail = self._judge_freshness(parsed.newest, len(parsed.entries))

        def store() -> list[int]:  # both in one trip to a thread
            new_ids = self.store.upsert_entries(feed_id, parsed.entries)
            self.store.record_fetch(
                feed_id,
                status,
                detail,
                etag=result.etag,
                last_modified=result.last_modified,
                title=parsed.title or None,
            )
            return new_ids

        new_ids = await asyncio.to_thread(store)
        return outcome(status, detail, len(new_ids)), new_ids

    def _judge_freshness(self, newest: datetime | None, items: int) -> tuple[FeedStatus, Note]:
        if items == 0:
            return FeedStatus.OK, note(Code.EMPTY_FEED)
        stale_days = self.config.settings.stale_after_days
        if newest and stale_days and newest < self.clock() - timedelta(days=stale_days):
            return FeedStatus.STALE, note(Code.ABANDONED, date=f"{newest:%Y-%m-%d}")
        return FeedStatus.OK, note(Code.ITEMS, count=items)

    def _maintain(self) -> None:
        """After a refresh: retention, re-extraction with a newer extractor, vacuum."""
        settings = self.config.settings
        self.store.prune(
            retention_days=settings.retention_days, per_feed=settings.retention_per_feed
        )
        self.reextract_stale()
        self.store.maybe_vacuum()

    # -- read and bookmark marks (the UI's writes go through here) --------------

    def set_read(self, article_id: int, read: bool) -> None:
        """Mark one article read or unread (blocking)."""
        self.store.set_read(article_id, read)

    def set_bookmark(self, article_id: int, on: bool) -> None:
        """Save or unsave one article (blocking)."""
        self.store.set_bookmark(article_id, on)

    def mark_all_read(self, category: str | None, *, feed_id: int | None = None) -> int:
        """Mark every unread article (of ``category``, or of one feed) read; returns how
        many (blocking)."""
        return self.store.mark_all_read(category, feed_id=feed_id)

    def category_counts(self) -> list[tuple[str, int, int]]:
        """``(category, total, unread)`` for the sidebar (blocking)."""
        return self.store.categories()

    # -- trending -------------------------------------------------------------

    def _cluster_off_the_gil(
        self, items: list[StoryInput], now: datetime, window: float, category: str | None
    ) -> list[Cluster]:
        """Cluster in a worker process (seconds of pure Python would hold the app's GIL);
        here in this thread when the window is small (a worker would cost more than it
        saves) or no worker can do it."""
        from beritatui.extract.pool import ExtractionFailed, get_pool
        from beritatui.trending import cluster_stories  # loads the clusterer on first use

        if len(items) < POOLED_TRENDING_MIN:
            return cluster_stories(items, now=now, hours=window, category=category)
        try:
            return get_pool().trending_blocking(items, now, window, category)
        except (ExtractionFailed, OSError, RuntimeError):
            return cluster_stories(items, now=now, hours=window, category=category)

    def trending(self, *, category: str | None = None, hours: float | None = None) -> list[Cluster]:
        """Story clusters of the window, ranked (blocking; call from a thread)."""
        window = hours if hours is not None else float(self.config.settings.trending_hours)
        now = self.clock()

        def compute() -> list[Cluster]:
            since = now - timedelta(hours=window)
            items = [
                StoryInput(
                    id=row.id,
                    title=row.title,
                    lead=summary,
                    source=row.source,
                    category=row.category,
                    published=row.published,
                    url=row.url,
                )
                for row, summary in self.store.recent_articles(since)
            ]
            return self._cluster_off_the_gil(items, now, window, category)

        # Recompute when articles change, the window changes, or the clock enters a new
        # ten-minute slot (so the recency decay follows the clock).
        version = (self.store.data_version(), window, rescore_bucket(now))
        cache = self._trending_caches.setdefault(category, TrendingCache())
        return cache.get(version, compute)

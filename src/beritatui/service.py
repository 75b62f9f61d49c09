"""The pipeline shared by the CLI and the TUI: refresh, prefetch, read, trending.

config → fetch feeds → parse (thread) → store (thread) → fetch and extract
article pages → store bodies. Network work is async; parsing, extraction and
SQLite run in threads via :func:`asyncio.to_thread` and page extraction in
worker processes (:mod:`beritatui.extract.pool`), so an event loop (the TUI's)
never blocks and a native crash in the extractor costs one page. Nothing here
imports textual. The extractor (trafilatura, ~150 ms to import), the fetcher
(httpx) and the parser (feedparser) are imported on first use, so start-up does
not pay for them.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Literal

from beritatui.clock import Clock
from beritatui.config import Config, FeedSpec
from beritatui.formats import count
from beritatui.models import ArticleDetail, ExtractedArticle, FeedStatus
from beritatui.store import Store
from beritatui.trending import Cluster, StoryInput, TrendingCache, cluster_stories

if TYPE_CHECKING:
    from beritatui.feeds.fetch import Fetcher, FetchResult

NOT_CACHED_OFFLINE = "not cached for offline reading; the full article needs the network"
NETWORK_DOWN_STATUSES = frozenset({FeedStatus.NETWORK_ERROR, FeedStatus.TIMEOUT})


@dataclass(frozen=True, slots=True)
class Progress:
    """How far a refresh or prefetch has got."""

    phase: Literal["feeds", "articles"]
    done: int
    total: int
    label: str = ""


ProgressCallback = Callable[[Progress], None]


@dataclass(frozen=True, slots=True)
class FeedOutcome:
    """What happened to one feed in a refresh."""

    feed_id: int
    url: str
    title: str
    category: str
    status: FeedStatus
    detail: str
    new_articles: int = 0


@dataclass(slots=True)
class RefreshReport:
    """The result of :meth:`Service.refresh`."""

    outcomes: list[FeedOutcome] = field(default_factory=list)
    new_article_ids: list[int] = field(default_factory=list)
    articles_saved: int = 0
    articles_failed: int = 0

    @property
    def feeds_ok(self) -> int:
        return sum(1 for o in self.outcomes if o.status.is_success)

    @property
    def feeds_failed(self) -> list[FeedOutcome]:
        return [o for o in self.outcomes if not o.status.is_success]

    @property
    def network_down(self) -> bool:
        """Every feed failed to connect: the machine is probably offline."""
        return bool(self.outcomes) and all(o.status in NETWORK_DOWN_STATUSES for o in self.outcomes)

    def summary(self) -> str:
        """One plain line, e.g. for ``beritatui refresh`` without a TTY."""
        parts = [
            f"{self.feeds_ok}/{len(self.outcomes)} feeds ok",
            count(len(self.new_article_ids), "new article"),
        ]
        if self.articles_saved or self.articles_failed:
            parts.append(f"{count(self.articles_saved, 'page')} cached")
        if self.articles_failed:
            parts.append(f"{count(self.articles_failed, 'page')} failed")
        failed = self.feeds_failed
        if failed:
            parts.append(f"{count(len(failed), 'feed')} failed")
        return ", ".join(parts)


class OfflineError(Exception):
    """An action needs the network while beritatui is offline."""


async def download_article(
    fetcher: Fetcher, url: str
) -> tuple[FetchResult, ExtractedArticle | None]:
    """Fetch an article page (and its further pages) and extract it.

    The article is ``None`` when the first page could not be had; the fetch
    result says why. Shared by the prefetch and ``beritatui read``.
    """
    from beritatui.extract import extract_with_pages
    from beritatui.feeds.fetch import PAGE_ACCEPT

    result = await fetcher.fetch(url, accept=PAGE_ACCEPT)
    if not result.ok or result.content is None:
        return result, None

    async def fetch_more(page_url: str) -> bytes | None:
        more = await fetcher.fetch(page_url, accept=PAGE_ACCEPT)
        return more.content if more.ok else None

    article = await extract_with_pages(
        result.content, result.final_url, fetch_more, content_type=result.content_type
    )
    return result, article


def warm_up() -> None:
    """Import the network, feed and extraction stack now (the service imports it on first use).

    The TUI calls this in a thread after its first paint, so the ~0.3 s of
    imports stays out of start-up and out of the event loop.
    """
    import beritatui.extract
    import beritatui.feeds.fetch
    import beritatui.feeds.parse  # noqa: F401


class Service:
    """One instance per process; owns no network client between calls."""

    def __init__(
        self,
        config: Config,
        store: Store,
        *,
        offline: bool = False,
    ) -> None:
        self.config = config
        self.store = store
        self.forced_offline = offline
        """``--offline``: never touch the network."""
        self.network_down = False
        """The last refresh could reach no feed; cleared by the next one that can."""
        self._trending_caches: dict[str | None, TrendingCache] = {}
        self._feeds_by_id: dict[int, FeedSpec] = {}

    @property
    def clock(self) -> Clock:
        """The store's clock, the one clock of the process."""
        return self.store.clock

    @property
    def offline(self) -> bool:
        """Offline by choice (``--offline``) or because the network is down."""
        return self.forced_offline or self.network_down

    # -- set-up ---------------------------------------------------------------

    @property
    def feeds_synced(self) -> bool:
        """Whether :meth:`sync_feeds` has run in this process."""
        return bool(self._feeds_by_id)

    def sync_feeds(self) -> None:
        """Make the store's feed table match the config (blocking; call from a thread)."""
        ids = self.store.sync_feeds(self.config.feeds)
        self._feeds_by_id = {ids[f.url]: f for f in self.config.feeds}

    def _fetcher(self) -> Fetcher:
        from beritatui.feeds.fetch import Fetcher  # httpx, lazily

        return Fetcher.from_settings(self.config.settings)

    # -- refresh --------------------------------------------------------------

    async def refresh(
        self,
        *,
        prefetch: bool | None = None,
        on_progress: ProgressCallback | None = None,
    ) -> RefreshReport:
        """Fetch every feed, store new entries, then (optionally) cache their pages."""
        if self.forced_offline:
            raise OfflineError("refresh needs the network (beritatui is offline)")
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
        async with self._fetcher() as fetcher:
            outcomes = await asyncio.gather(
                *(self._refresh_one(fetcher, fid, spec, tick) for fid, spec in feeds)
            )
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
            raise OfflineError("fetching a feed needs the network (beritatui is offline)")
        if not self.feeds_synced:
            await asyncio.to_thread(self.sync_feeds)
        for feed_id, spec in self._feeds_by_id.items():
            if spec.url == url:
                async with self._fetcher() as fetcher:
                    outcome, _ = await self._refresh_one(fetcher, feed_id, spec, lambda _: None)
                return outcome
        return None

    async def _refresh_one(
        self, fetcher: Fetcher, feed_id: int, spec: FeedSpec, tick: Callable[[str], None]
    ) -> tuple[FeedOutcome, list[int]]:
        label = spec.title or spec.url
        try:
            return await self._fetch_and_store(fetcher, feed_id, spec)
        except Exception as exc:  # one feed's bug never stops the others
            detail = f"unexpected error: {type(exc).__name__}: {exc}"
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
        from beritatui.feeds.parse import FeedParseError, parse_feed  # feedparser, lazily

        etag, last_modified = await asyncio.to_thread(self.store.feed_cache_headers, feed_id)
        result = await fetcher.fetch(
            spec.url, etag=etag, last_modified=last_modified, user_agent=spec.user_agent or None
        )
        label = spec.title or spec.url

        def outcome(status: FeedStatus, detail: str, new: int = 0) -> FeedOutcome:
            return FeedOutcome(feed_id, spec.url, label, spec.category, status, detail, new)

        if result.status is FeedStatus.NOT_MODIFIED:
            # The status says it all: no detail to repeat it ("not modified: not modified").
            await asyncio.to_thread(self.store.record_fetch, feed_id, FeedStatus.NOT_MODIFIED)
            return outcome(FeedStatus.NOT_MODIFIED, ""), []
        if not result.ok or result.content is None:
            await asyncio.to_thread(self.store.record_fetch, feed_id, result.status, result.detail)
            return outcome(result.status, result.detail), []
        try:
            parsed = await asyncio.to_thread(
                parse_feed,
                result.content,
                result.final_url,
                content_type=result.content_type,
                now=self.clock(),
            )
        except FeedParseError as exc:
            await asyncio.to_thread(
                self.store.record_fetch, feed_id, FeedStatus.PARSE_ERROR, str(exc)
            )
            return outcome(FeedStatus.PARSE_ERROR, str(exc)), []
        new_ids = await asyncio.to_thread(self.store.upsert_entries, feed_id, parsed.entries)
        status, detail = self._judge_freshness(parsed.newest, len(parsed.entries))
        await asyncio.to_thread(
            self.store.record_fetch,
            feed_id,
            status,
            detail,
            etag=result.etag,
            last_modified=result.last_modified,
            title=parsed.title or None,
        )
        return outcome(status, detail, len(new_ids)), new_ids

    def _judge_freshness(self, newest: datetime | None, items: int) -> tuple[FeedStatus, str]:
        if items == 0:
            return FeedStatus.OK, "the feed is empty"
        stale_days = self.config.settings.stale_after_days
        if newest and stale_days and newest < self.clock() - timedelta(days=stale_days):
            return (
                FeedStatus.STALE,
                f"newest item is from {newest:%Y-%m-%d}: the feed looks abandoned",
            )
        return FeedStatus.OK, count(items, "item")

    def _maintain(self) -> None:
        """After a refresh: retention, re-extraction with a newer extractor, vacuum."""
        settings = self.config.settings
        self.store.prune(
            retention_days=settings.retention_days, per_feed=settings.retention_per_feed
        )
        self.reextract_stale()
        self.store.maybe_vacuum()

    # -- article pages --------------------------------------------------------

    async def prefetch(
        self,
        *,
        ids: Sequence[int] | None = None,
        limit: int = 300,
        on_progress: ProgressCallback | None = None,
    ) -> tuple[int, int]:
        """Download and extract pages of articles without a cached body."""
        if self.forced_offline:
            raise OfflineError("caching articles needs the network (beritatui is offline)")
        todo = await asyncio.to_thread(self.store.articles_needing_body, limit=limit, ids=ids)
        saved = failed = done = 0
        if on_progress:
            on_progress(Progress("articles", 0, len(todo)))
        async with self._fetcher() as fetcher:

            async def one(article_id: int, url: str) -> None:
                nonlocal saved, failed, done
                error = await self._download_body(fetcher, article_id, url)
                if error is None:
                    saved += 1
                else:
                    failed += 1
                done += 1
                if on_progress:
                    on_progress(Progress("articles", done, len(todo), url))

            await asyncio.gather(*(one(aid, url) for aid, url in todo))
        return saved, failed

    async def _download_body(self, fetcher: Fetcher, article_id: int, url: str) -> str | None:
        """Fetch, extract and store one page; returns an error message or None."""
        from beritatui.extract import EXTRACTOR_VERSION
        from beritatui.extract.pool import ExtractionFailed

        try:
            result, article = await download_article(fetcher, url)
            if article is None:
                await asyncio.to_thread(self.store.save_body_error, article_id, result.detail)
                return result.detail
            if not article.blocks:
                message = "no article text found on the page"
                await asyncio.to_thread(self.store.save_body_error, article_id, message)
                return message
            await asyncio.to_thread(
                self.store.save_body, article_id, article, result.content, EXTRACTOR_VERSION
            )
            return None
        except ExtractionFailed as exc:  # the worker crashed or hung on this page
            message = str(exc)
            await asyncio.to_thread(self.store.save_body_error, article_id, message)
            return message
        except Exception as exc:  # extraction bugs on odd pages must not stop the rest
            message = f"could not read the page: {type(exc).__name__}: {exc}"
            await asyncio.to_thread(self.store.save_body_error, article_id, message)
            return message

    async def open_article(self, article_id: int) -> ArticleDetail | None:
        """The article with its body, downloading the page first when not cached.

        Offline, or when the download fails, the article comes back with what
        is known (and ``body_error`` saying why); feed-provided full content is
        used as the body when the page cannot be had.
        """
        detail = await asyncio.to_thread(self.store.get_article, article_id)
        if detail is None or detail.body is not None or not detail.row.url:
            return detail
        error: str | None = None
        if not self.forced_offline:
            # Tried even when the last refresh found no network: it may be back.
            async with self._fetcher() as fetcher:
                error = await self._download_body(fetcher, article_id, detail.row.url)
            detail = await asyncio.to_thread(self.store.get_article, article_id)
        if detail is not None and detail.body is None:
            return await asyncio.to_thread(self._with_feed_content, detail, error)
        return detail

    def _with_feed_content(self, detail: ArticleDetail, error: str | None) -> ArticleDetail:
        from beritatui.extract.pool import ExtractionFailed, get_pool

        error = error or detail.body_error
        if self.forced_offline and error is None:
            error = NOT_CACHED_OFFLINE
        body: ExtractedArticle | None = None
        if detail.content_html:
            try:
                body = get_pool().fragment_blocking(detail.content_html, detail.row.url)
            except ExtractionFailed:
                body = None
            if body is not None and not body.blocks:
                body = None
        return replace(detail, body=body, body_error=error)

    def reextract_stale(self, *, limit: int = 200) -> int:
        """Re-run a newer extractor over stored pages, without refetching (blocking).

        A page that turns out to be the first of several keeps its stitched body:
        re-extracting only the first page would lose the rest.
        """
        from beritatui.extract import EXTRACTOR_VERSION
        from beritatui.extract.pool import ExtractionFailed, get_pool

        redone = 0
        for article_id, url, raw in self.store.stale_bodies(EXTRACTOR_VERSION, limit=limit):
            article: ExtractedArticle | None
            try:
                article = get_pool().extract_blocking(raw, url)
            except ExtractionFailed:
                article = None
            if article is not None and article.blocks and not article.next_pages:
                redone += 1
            else:
                # Keep the stored body, marked current so it is not tried again.
                stored = self.store.get_article(article_id)
                article = stored.body if stored is not None else None
            if article is not None:
                self.store.save_body(article_id, article, None, EXTRACTOR_VERSION)
        return redone

    # -- trending -------------------------------------------------------------

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
            return cluster_stories(items, now=now, hours=window, category=category)

        # Recompute when articles change, the window changes, or every ten minutes
        # so the recency decay follows the clock.
        version = (self.store.data_version(), window, now.strftime("%Y%m%d%H%M")[:-1])
        cache = self._trending_caches.setdefault(category, TrendingCache())
        return cache.get(version, compute)

"""Article pages: download and extract, the offline cache, opening one article.

Page extraction runs in worker processes (:mod:`beritatui.extract.pool`), so a
native crash in the extractor costs one page, never the app.

The extractor (trafilatura, ~150 ms to import), the fetcher (httpx) and the
parser (feedparser) are imported on first use, so start-up does not pay for them.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from beritatui.feeds.outcomes import Code, Note, note
from beritatui.i18n import _
from beritatui.models import ArticleDetail, ExtractedArticle
from beritatui.reports import NOT_CACHED_OFFLINE, OfflineError, Progress, ProgressCallback
from beritatui.servicecore import ServiceCore

if TYPE_CHECKING:
    from beritatui.extract.slots import Urgency
    from beritatui.feeds.fetch import Fetcher, FetchResult


async def download_article(
    fetcher: Fetcher, url: str, *, urgent: Urgency = False
) -> tuple[FetchResult, ExtractedArticle | None]:
    """Fetch an article page (and its further pages) and extract it.

    The article is ``None`` when the first page could not be had; the fetch
    result says why. Shared by the prefetch and ``beritatui read``; ``urgent`` (an
    article being opened) is extracted before the prefetch's pages.
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
        result.content,
        result.final_url,
        fetch_more,
        content_type=result.content_type,
        urgent=urgent,
    )
    return result, article


def warm_up(*, workers: bool = True) -> None:
    """Import the network, feed and extraction stack now (the service imports it on first use),
    and with ``workers`` start the worker processes that parse feeds and extract pages.

    The TUI calls this in a thread after its first paint, so the ~0.3 s of
    imports and the process start-up stay out of start-up and out of the event loop.
    """
    # httpcore imports h11 at the first connection, which would be on the event loop.
    import h11  # noqa: F401

    import beritatui.extract.article
    import beritatui.feeds.fetch
    import beritatui.feeds.parse  # noqa: F401

    if workers:
        from beritatui.extract.pool import get_pool

        get_pool().start()


class PagesMixin(ServiceCore):
    """Prefetch, open and re-extract article pages."""

    async def prefetch(
        self,
        *,
        ids: Sequence[int] | None = None,
        limit: int = 300,
        on_progress: ProgressCallback | None = None,
    ) -> tuple[int, int]:
        """Download and extract pages of articles without a cached body."""
        if self.forced_offline:
            raise OfflineError(_("caching articles needs the network (beritatui is offline)"))
        todo = await asyncio.to_thread(self.store.articles_needing_body, limit=limit, ids=ids)
        saved = failed = done = 0
        if on_progress:
            on_progress(Progress("articles", 0, len(todo)))
        fetcher = await self._fetcher()
        # A few pages at a time (not the whole list waiting at the fetcher), so each page is
        # looked at again when its turn comes: one the user opened meanwhile is not fetched
        # and extracted a second time, and fetched pages do not pile up waiting for a worker.
        turns = asyncio.Semaphore(max(1, self.config.settings.max_concurrency))

        async def one(article_id: int, url: str) -> None:
            nonlocal saved, failed, done
            async with turns:
                # Not when an open fetched it meanwhile, or is fetching it now.
                if await self._still_wanted(article_id):
                    if await self._prefetch_one(fetcher, article_id, url) is None:
                        saved += 1
                    else:
                        failed += 1
            done += 1
            if on_progress:
                on_progress(Progress("articles", done, len(todo), url))

        await asyncio.gather(*(one(aid, url) for aid, url in todo))
        return saved, failed

    async def _prefetch_one(self, fetcher: Fetcher, article_id: int, url: str) -> Note | None:
        """:meth:`_download_body` for the prefetch, which an open of the same article joins."""
        from beritatui.extract.slots import Hurry

        hurry = Hurry()
        finished: asyncio.Future[tuple[bool, Note | None]]
        finished = asyncio.get_running_loop().create_future()
        self._prefetching[article_id] = (hurry, finished)
        try:
            error = await self._download_body(fetcher, article_id, url, urgent=hurry)
        except BaseException:
            finished.set_result((False, None))  # cancelled: an open waiting downloads it itself
            raise
        finally:
            self._prefetching.pop(article_id, None)
        finished.set_result((True, error))
        return error

    async def _joined_prefetch(self, article_id: int) -> tuple[bool, Note | None]:
        """(whether the prefetch had this page in flight and finished it, why it failed)."""
        joined = self._prefetching.get(article_id)
        if joined is None or joined[1].get_loop() is not asyncio.get_running_loop():
            return False, None
        hurry, finished = joined
        hurry.now()  # the user waits for it: it goes before the prefetch's other pages
        return await asyncio.shield(finished)

    async def _still_wanted(self, article_id: int) -> bool:
        """False when an open is downloading the page now or has saved its body already."""
        if article_id in self._opening:
            return False
        still = await asyncio.to_thread(self.store.articles_needing_body, limit=1, ids=[article_id])
        return bool(still) and article_id not in self._opening

    async def _download_body(
        self, fetcher: Fetcher, article_id: int, url: str, *, urgent: Urgency = False
    ) -> Note | None:
        """Fetch, extract and store one page; returns why it failed, or None."""
        from beritatui.extract import EXTRACTOR_VERSION
        from beritatui.extract.pool import ExtractionFailed

        try:
            result, article = await download_article(fetcher, url, urgent=urgent)
            if article is None:
                await asyncio.to_thread(self.store.save_body_error, article_id, result.note)
                return result.note
            if not article.blocks:
                message = note(Code.NO_ARTICLE_TEXT)
                await asyncio.to_thread(self.store.save_body_error, article_id, message)
                return message
            await asyncio.to_thread(
                self.store.save_body, article_id, article, result.content, EXTRACTOR_VERSION
            )
            return None
        except ExtractionFailed as exc:  # the worker crashed or hung on this page
            message = exc.note
            await asyncio.to_thread(self.store.save_body_error, article_id, message)
            return message
        except Exception as exc:  # extraction bugs on odd pages must not stop the rest
            message = note(Code.UNEXPECTED, kind=type(exc).__name__, error=str(exc))
            await asyncio.to_thread(self.store.save_body_error, article_id, message)
            return message

    def article(self, article_id: int) -> ArticleDetail | None:
        """What the store has of one article now (blocking; call from a thread)."""
        return self.store.get_article(article_id)

    def needs_page(self, detail: ArticleDetail) -> bool:
        """True when opening ``detail`` will download its page (no body cached yet)."""
        return detail.body is None and bool(detail.row.url) and not self.forced_offline

    async def open_article(
        self, article_id: int, *, known: ArticleDetail | None = None
    ) -> ArticleDetail | None:
        """The article with its body, downloading the page first when not cached.

        ``known`` is the article as just read from the store (saves a query).
        Offline, or when the download fails, the article comes back with what
        is known (and ``body_error`` saying why); feed-provided full content is
        used as the body when the page cannot be had.
        """
        detail = known or await asyncio.to_thread(self.store.get_article, article_id)
        if detail is None or detail.body is not None or not detail.row.url:
            return detail
        error: Note | None = None
        if self.needs_page(detail):
            # Tried even when the last refresh found no network: it may be back.
            fetcher = await self._fetcher()
            # The prefetch may be downloading it now: one download, hurried, serves both.
            done, error = await self._joined_prefetch(article_id)
            if not done:
                # The user waits for this one: it goes before the prefetch's pages.
                self._opening.add(article_id)  # the prefetch leaves this page alone
                try:
                    error = await self._download_body(
                        fetcher, article_id, detail.row.url, urgent=True
                    )
                finally:
                    self._opening.discard(article_id)
            detail = await asyncio.to_thread(self.store.get_article, article_id)
        if detail is not None and detail.body is None:
            return await asyncio.to_thread(self._with_feed_content, detail, error)
        return detail

    def _with_feed_content(self, detail: ArticleDetail, error: Note | None) -> ArticleDetail:
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

        A body stitched from several pages is kept as it is (only the first page is
        stored: re-extracting it would lose the rest, and its extraction would be wasted);
        so is one whose first page turns out to announce further pages.
        """
        from beritatui.extract import EXTRACTOR_VERSION
        from beritatui.extract.pool import ExtractionFailed, get_pool

        redone = 0
        for article_id, url, raw in self.store.stale_bodies(EXTRACTOR_VERSION, limit=limit):
            stored = self.store.get_article(article_id)
            kept = stored.body if stored is not None else None
            article: ExtractedArticle | None = None
            if kept is None or kept.pages <= 1:  # a stitched body is kept without extracting
                try:
                    article = get_pool().extract_blocking(raw, url)
                except ExtractionFailed:
                    article = None
            if article is not None and article.blocks and not article.next_pages:
                redone += 1
            else:
                # Keep the stored body, marked current so it is not tried again.
                article = kept
            if article is not None:
                self.store.save_body(article_id, article, None, EXTRACTOR_VERSION)
        return redone

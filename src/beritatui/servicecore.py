"""The state every part of :class:`~beritatui.service.Service` shares.

Config, store, the offline flags, the feed ids of this process and the
fetcher factory; :mod:`beritatui.pages` and :mod:`beritatui.service` build on it.
"""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

from beritatui.clock import Clock
from beritatui.config import Config, FeedSpec
from beritatui.imagecache import ImageCache
from beritatui.store import Store
from beritatui.trending import TrendingCache

if TYPE_CHECKING:
    from beritatui.extract.slots import Hurry
    from beritatui.feeds.fetch import Fetcher
    from beritatui.feeds.outcomes import Note
    from beritatui.models import FeedInfo


class ServiceCore:
    """One instance per process; owns one network client per event loop (:meth:`_fetcher`)."""

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
        self._client: Fetcher | None = None
        self._client_loop: asyncio.AbstractEventLoop | None = None
        self._client_opening: asyncio.Task[Fetcher] | None = None
        self._image_cache: ImageCache | None = None
        self._opening: set[int] = set()
        """Articles whose page an open is downloading now (the prefetch skips them)."""
        self._prefetching: dict[int, tuple[Hurry, asyncio.Future[tuple[bool, Note | None]]]] = {}
        """Pages the prefetch is downloading now: an open joins the download (and hurries it)."""
        self._image_failures: set[str] = set()
        """Pictures that could not be had in this process (not tried again)."""

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

    def feed_infos(self, *, include_inactive: bool = False) -> list[FeedInfo]:
        """The feeds with their last outcome, the store synced with the config first
        (blocking); ``include_inactive`` adds feeds no longer configured."""
        if not self.feeds_synced:
            self.sync_feeds()
        return self.store.feeds(active_only=not include_inactive)

    async def _fetcher(self) -> Fetcher:
        """The service's one long-lived fetcher (one ``httpx.AsyncClient``, its connection pool
        and TLS sessions), opened on first use; closed by :meth:`aclose`.

        A client belongs to the event loop it was opened on: when called on another loop
        (the CLI runs one ``asyncio.run`` per command), the old client's loop is gone and a
        new client is opened.
        """
        loop = asyncio.get_running_loop()
        if self._client is not None and self._client_loop is loop:
            return self._client
        opening = self._client_opening
        if opening is None or opening.get_loop() is not loop:
            opening = self._client_opening = loop.create_task(self._open_fetcher())
        return await asyncio.shield(opening)  # one client, whoever asks first

    async def _open_fetcher(self) -> Fetcher:
        """Build the client in a thread: its SSL context loads the CA bundle (tens of ms)."""
        from beritatui.feeds.fetch import Fetcher  # httpx, lazily

        try:
            built = await asyncio.to_thread(Fetcher.from_settings, self.config.settings)
            client = await built.__aenter__()
            self._client, self._client_loop = client, asyncio.get_running_loop()
            return client
        finally:
            self._client_opening = None

    async def aclose(self) -> None:
        """Close the network client (app exit, end of a CLI command); reopened when needed."""
        client, self._client = self._client, None
        loop, self._client_loop = self._client_loop, None
        if client is not None and loop is asyncio.get_running_loop():
            await client.__aexit__(None, None, None)

"""Feed management for the TUI's feed screen: config file first, then store and service follow.

Every edit goes through :class:`~beritatui.config_edit.ConfigEditor` (comments
kept, atomic write, backup), then the service takes the new config and the
store's feed table is synced, so the sidebar and lists follow at once. A
removed feed only becomes inactive in the store: its bookmarks and cached
bodies stay. Blocking methods are for threads; the async ones use the network.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from beritatui.config import FeedSpec

if TYPE_CHECKING:
    from beritatui.config_edit import AddResult, ConfigEditor
    from beritatui.feeds.discover import FoundFeed
    from beritatui.models import FeedInfo
    from beritatui.service import FeedOutcome, Service


class FeedManager:
    """Add (with discovery), remove, rename, move and retry feeds of one config file."""

    def __init__(self, service: Service, path: Path) -> None:
        self.service = service
        self.path = path

    def feeds(self) -> list[FeedInfo]:
        """The configured feeds with their last outcome (blocking)."""
        return self.service.feed_infos()

    async def discover(self, url: str) -> list[FoundFeed]:
        """The feeds ``url`` is or offers; raises ``DiscoveryError``."""
        from beritatui.feeds.discover import discover
        from beritatui.feeds.fetch import Fetcher

        async with Fetcher.from_settings(self.service.config.settings) as fetcher:
            return await discover(fetcher, url, self.service.clock)

    def add(self, specs: Iterable[FeedSpec]) -> AddResult:
        """Add feeds to the config (blocking); the first ones replace the bundled defaults."""
        editor = _open_editor(self.path)
        result = editor.add(specs)
        if result.added:
            self._apply(editor)
        return result

    def remove(self, url: str) -> FeedSpec:
        """Remove the feed (blocking); its articles stay in the store."""
        editor = self._editor()
        spec = editor.remove(url)
        self._apply(editor)
        return spec

    def rename(self, url: str, title: str) -> FeedSpec:
        """Set the configured title (blocking); empty shows the feed's own title."""
        editor = self._editor()
        spec = editor.rename(url, title)
        self._apply(editor)
        return spec

    def move(self, url: str, category: str) -> FeedSpec:
        """Put the feed in ``category`` (blocking)."""
        editor = self._editor()
        spec = editor.move(url, category)
        self._apply(editor)
        return spec

    async def retry(self, url: str) -> FeedOutcome | None:
        """Fetch one feed now; ``None`` when it is not configured."""
        return await self.service.refresh_feed(url)

    def set_language(self, language: str) -> None:
        """Save ``language = "id" | "en"`` in the config file (blocking; call from a thread)."""
        editor = _open_editor(self.path)  # the feeds stay as they are (bundled or not)
        editor.set_setting("language", language)
        self.service.config = editor.save()

    def _editor(self) -> ConfigEditor:
        editor = _open_editor(self.path)
        editor.adopt_defaults()  # editing one bundled feed keeps the others
        return editor

    def _apply(self, editor: ConfigEditor) -> None:
        self.service.config = editor.save()
        self.service.sync_feeds()


def _open_editor(path: Path) -> ConfigEditor:
    """The config file's editor; tomlkit loads on the first edit, not at start-up."""
    from beritatui.config_edit import ConfigEditor

    return ConfigEditor(path)

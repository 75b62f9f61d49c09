"""The feed screen (``f``): every feed's state, and managing feeds from the keyboard.

Shows status, last success, items, newest item age and the problem in plain
words of the interface language. Keys: ``a`` add (with feed discovery), ``d``/``delete``
remove (asks first), ``e`` rename, ``c`` change category, ``r`` retry now.
Network and file work runs in workers through :class:`FeedManager`; the screen
itself only shows. It dismisses with ``True`` when feeds changed.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Sequence
from datetime import datetime

from rich.text import Text
from textual import events, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Static

from beritatui.config import ConfigError, FeedSpec
from beritatui.config_edit import CategoryError, FeedLookupError
from beritatui.feeds.manage import FeedManager
from beritatui.i18n import N_, _
from beritatui.models import DEFAULT_CATEGORY, FeedInfo
from beritatui.sanitize import clean_line
from beritatui.timefmt import relative_time, short_date
from beritatui.ui.bindings import localize_bindings
from beritatui.ui.feedwords import explain
from beritatui.ui.screens.dialogs import ChoiceScreen, ConfirmScreen, PromptScreen
from beritatui.ui.screens.feed_columns import cut, fit_columns
from beritatui.wording import say

SOURCE_WIDTH = 40
"""Characters of a feed's name shown in the table."""

# Every string the screen shows, in one place: catalog messages (N_), translated when shown.
TITLE = N_("Feeds · {total} · {failed} failed")
COLUMNS = (
    N_("Category"),
    N_("Source"),
    N_("Status"),
    N_("Last success"),
    N_("Items"),
    N_("Newest"),
    N_("Detail"),
)
HINT = N_("a add · d remove · e rename · c category · r retry · escape close")
ASK_URL = N_("Address of the site or feed to add:")
ASK_CATEGORY = N_("Category:")
ASK_TITLE = N_("Feed name (leave empty to use the feed's own):")
ASK_REMOVE = N_("Remove the feed {name}? Its bookmarks and saved articles stay.")
ASK_WHICH = N_("{url} offers {n} feeds. Which one to add?")
ALL_FEEDS = N_("All the feeds above")
SEARCHING = N_("Looking for feeds at {url}…")
ADDED = N_("Added: {names}")
REPLACED = N_("The bundled feeds ({n}) were replaced by yours.")
ALREADY = N_("This feed is already there: {url}")
NOT_HTTP = N_("Not an http(s) address: {url}")
UNREACHABLE = N_("Cannot open {url}: {words}")
NO_FEED = N_(
    "No feed at {url}: the page links no RSS/Atom, and /feed, /rss etc. are no feeds either"
)
REMOVED = N_("Removed: {name}. Its bookmarks and saved articles stay.")
RENAMED = N_("Renamed: {name}")
MOVED = N_("{name} moved to the category {category}")
RESERVED = N_("That category name belongs to the all-categories row ('Semua'); choose another.")
NOT_FOUND = N_("That feed is no longer in the config.")
RETRYING = N_("Fetching {name}…")
RETRIED_NEW = N_("{name}: {status}, {n} new articles")
OFFLINE = N_("Offline mode: this needs the network.")
SAVE_FAILED = N_("The config could not be saved: {error}")
NO_FEEDS = N_("No feeds yet. Press a to add one.")
RETRIED = "{name}: {status}"


class FeedStatusScreen(ModalScreen[bool]):
    """A table of feeds with management keys."""

    BINDINGS = [
        Binding("escape,q,f", "close", N_("Close")),
        Binding("a", "add", N_("Add")),
        Binding("d,delete", "remove", N_("Remove")),
        Binding("e", "rename", N_("Rename")),
        Binding("c", "move", N_("Category")),
        Binding("r", "retry", N_("Retry")),
        Binding("j", "step(1)", N_("Down"), show=False),
        Binding("k", "step(-1)", N_("Up"), show=False),
    ]

    def __init__(
        self,
        feeds: Sequence[FeedInfo],
        manager: FeedManager | None = None,
        *,
        clock: Callable[[], datetime],
        offline: bool = False,
    ) -> None:
        super().__init__()
        localize_bindings(self)
        self.feeds = list(feeds)
        self.manager = manager
        self.clock = clock
        self.offline = offline
        self.changed = False

    def compose(self) -> ComposeResult:
        with Vertical(id="feeds-box"):
            yield Static(id="feeds-title")
            yield DataTable(id="feeds-table", cursor_type="row", zebra_stripes=True)
            yield Static(Text(_(HINT), style="dim"))

    def on_mount(self) -> None:
        self._fill()
        self.query_one(DataTable).focus()

    def on_resize(self, event: events.Resize) -> None:
        """The columns follow the width: the table is filled again for it."""
        self.call_after_refresh(self._fill)

    def _table_width(self) -> int:
        """Cells the table's rows have (before layout: from the terminal's width)."""
        table = self.query_one(DataTable)
        width = table.scrollable_content_region.width
        if width <= 0:  # not laid out yet: #feeds-box is 95 % wide, border and padding 4
            width = self.app.size.width * 95 // 100 - 4
        return width

    # -- showing --------------------------------------------------------------

    def _fill(self, keep_url: str | None = None) -> None:
        table = self.query_one(DataTable)
        keep = keep_url or (self.current.url if self.current else None)
        table.clear(columns=True)
        now = self.clock()
        labels = [_(column) for column in COLUMNS]
        rows = [
            [
                feed.category,
                clean_line(feed.title or feed.url, SOURCE_WIDTH),
                feed.status.label,
                short_date(feed.last_ok) if feed.last_ok else "—",
                str(feed.article_count),
                relative_time(feed.newest, now) if feed.newest else "—",
                explain(feed) or "—",
            ]
            for feed in self.feeds
        ]
        columns = fit_columns(labels, rows, self._table_width())
        for index, width in columns:
            table.add_column(cut(labels[index], width), width=width)
        status = COLUMNS.index(N_("Status"))
        for feed, cells in zip(self.feeds, rows, strict=True):
            style = "" if feed.status.is_success else "bold"
            table.add_row(
                *(
                    Text(cut(cells[i], width), style=style if i == status else "")
                    for i, width in columns
                ),
                key=feed.url,
            )
        urls = [f.url for f in self.feeds]
        if keep in urls:
            table.move_cursor(row=urls.index(keep))
        failed = sum(1 for f in self.feeds if not f.status.is_success and f.last_checked)
        title = _(TITLE).format(total=len(self.feeds), failed=failed) if self.feeds else _(NO_FEEDS)
        self.query_one("#feeds-title", Static).update(Text(title, style="bold"))

    @property
    def current(self) -> FeedInfo | None:
        """The highlighted feed."""
        row = self.query_one(DataTable).cursor_row
        return self.feeds[row] if 0 <= row < len(self.feeds) else None

    def _say(self, message: str, *, error: bool = False) -> None:
        self.app.notify(message, severity="error" if error else "information")

    # -- actions --------------------------------------------------------------

    def action_step(self, step: int) -> None:
        table = self.query_one(DataTable)
        table.move_cursor(row=table.cursor_row + step)

    def action_close(self) -> None:
        self.dismiss(self.changed)

    def action_add(self) -> None:
        if self._cannot_edit(network=True):
            return
        default = self.current.category if self.current else DEFAULT_CATEGORY

        def got_url(url: str | None) -> None:
            if not url or not url.strip():
                return

            def got_category(category: str | None) -> None:
                if category:
                    self._add(url.strip(), category)

            self.app.push_screen(PromptScreen(_(ASK_CATEGORY), default), got_category)

        self.app.push_screen(PromptScreen(_(ASK_URL), placeholder="https://"), got_url)

    def action_remove(self) -> None:
        feed = self.current
        if feed is None or self._cannot_edit():
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self._edit("remove", feed)

        question = _(ASK_REMOVE).format(name=feed.title or feed.url)
        self.app.push_screen(ConfirmScreen(question), answered)

    def action_rename(self) -> None:
        feed = self.current
        if feed is None or self._cannot_edit():
            return

        def answered(title: str | None) -> None:
            if title is not None:
                self._edit("rename", feed, title)

        shown = feed.title if feed.title != feed.url else ""
        self.app.push_screen(PromptScreen(_(ASK_TITLE), shown), answered)

    def action_move(self) -> None:
        feed = self.current
        if feed is None or self._cannot_edit():
            return

        def answered(category: str | None) -> None:
            if category:
                self._edit("move", feed, category)

        self.app.push_screen(PromptScreen(_(ASK_CATEGORY), feed.category), answered)

    def action_retry(self) -> None:
        feed = self.current
        if feed is None or self._cannot_edit(network=True):
            return
        self._say(_(RETRYING).format(name=feed.title or feed.url))
        self._retry(feed)

    def _cannot_edit(self, *, network: bool = False) -> bool:
        if self.manager is None:
            return True
        if network and self.offline:
            self._say(_(OFFLINE), error=True)
            return True
        return False

    # -- workers --------------------------------------------------------------

    @work(exclusive=True, group="feed-edit", exit_on_error=False)
    async def _add(self, url: str, category: str) -> None:
        from beritatui.feeds.discover import DiscoveryError

        assert self.manager is not None
        self._say(_(SEARCHING).format(url=url))
        try:
            found = await self.manager.discover(url)
        except DiscoveryError as exc:
            if exc.reason == "unreachable":
                words = say(exc.detail, "page")
                self._say(_(UNREACHABLE).format(url=url, words=words), error=True)
            else:
                self._say(_(NO_FEED).format(url=url), error=True)
            return
        if len(found) > 1:
            labels = [f"{f.title or '—'}  {f.url}" for f in found]
            question = _(ASK_WHICH).format(url=url, n=len(found))
            picked = await self.app.push_screen_wait(ChoiceScreen(question, labels, _(ALL_FEEDS)))
            if not picked:
                return
            found = [found[i] for i in picked]
        specs = [FeedSpec(f.url, category, f.title) for f in found]
        try:
            result = await asyncio.to_thread(self.manager.add, specs)
        except CategoryError:
            self._say(_(RESERVED), error=True)
            return
        except ConfigError as exc:
            self._say(_(SAVE_FAILED).format(error=exc), error=True)
            return
        for known in result.already:
            self._say(_(ALREADY).format(url=known))
        for bad in result.invalid:
            self._say(_(NOT_HTTP).format(url=bad), error=True)
        if not result.added:
            return
        self.changed = True
        names = ", ".join(s.title or s.url for s in result.added)
        self._say(_(ADDED).format(names=names))
        if result.replaced_defaults:
            self._say(_(REPLACED).format(n=result.replaced_defaults))
        await self._reload(keep_url=result.added[0].url)
        for spec in result.added:  # show their status and articles at once
            await self.manager.retry(spec.url)
        await self._reload()

    @work(exclusive=True, group="feed-edit", exit_on_error=False)
    async def _edit(self, action: str, feed: FeedInfo, value: str = "") -> None:
        assert self.manager is not None
        name = feed.title or feed.url
        try:
            if action == "remove":
                await asyncio.to_thread(self.manager.remove, feed.url)
                message = _(REMOVED).format(name=name)
            elif action == "rename":
                spec = await asyncio.to_thread(self.manager.rename, feed.url, value)
                message = _(RENAMED).format(name=spec.title or feed.url)
            else:
                spec = await asyncio.to_thread(self.manager.move, feed.url, value)
                message = _(MOVED).format(name=name, category=spec.category)
        except FeedLookupError:
            self._say(_(NOT_FOUND), error=True)
            return
        except CategoryError:
            self._say(_(RESERVED), error=True)
            return
        except ConfigError as exc:
            self._say(_(SAVE_FAILED).format(error=exc), error=True)
            return
        self.changed = True
        self._say(message)
        await self._reload(keep_url=None if action == "remove" else feed.url)

    @work(exclusive=True, group="feed-edit", exit_on_error=False)
    async def _retry(self, feed: FeedInfo) -> None:
        assert self.manager is not None
        outcome = await self.manager.retry(feed.url)
        if outcome is None:
            self._say(_(NOT_FOUND), error=True)
            return
        self.changed = self.changed or outcome.new_articles > 0
        name = feed.title or feed.url
        status = outcome.status.label
        if outcome.new_articles:
            message = _(RETRIED_NEW).format(name=name, status=status, n=outcome.new_articles)
        else:
            message = RETRIED.format(name=name, status=status)
        self._say(message, error=not outcome.status.is_success)
        await self._reload(keep_url=feed.url)

    async def _reload(self, keep_url: str | None = None) -> None:
        assert self.manager is not None
        self.feeds = await asyncio.to_thread(self.manager.feeds)
        self._fill(keep_url)

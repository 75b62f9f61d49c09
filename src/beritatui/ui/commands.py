"""The command palette's app commands (``ctrl+p``), in the interface language.

:class:`BeritaCommands` offers what the keys do (refresh, search, themes, feeds,
mark read, sidebar) plus what no key reaches directly: a category or a feed by
name, a bookmark, a trending story, exporting the bookmarks, the interface language.
Matching is Textual's fuzzy matcher over the translated titles. Titles of
feeds, bookmarks and stories are feed text: they are shown as plain
:class:`~textual.content.Content` (never markup) and help lines are escaped.

The feeds, bookmarks and stories are read once per palette (``startup``) in threads.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.markup import escape

from beritatui.i18n import _, current_language
from beritatui.listing import Tab, View, load_page
from beritatui.models import FeedInfo, category_label
from beritatui.sanitize import clean_line

if TYPE_CHECKING:
    from beritatui.trending import Cluster
    from beritatui.ui.screens.main import MainScreen

LANGUAGE_NAMES = {"id": "Bahasa Indonesia", "en": "English"}
"""Each language by its own name (the same in both catalogs)."""


@dataclass(frozen=True, slots=True)
class PaletteCommand:
    """One entry: its title (matched), a help line and what it does."""

    title: str
    help: str
    run: Callable[[], object]
    listed: bool = True
    """Offered before anything is typed (bookmarks and stories only when searched)."""


class BeritaCommands(Provider):
    """App commands for the main screen's palette."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self._bookmarks: list[tuple[int, str, str]] = []
        self._stories: list[Cluster] = []
        self._feeds: list[FeedInfo] = []

    @property
    def main(self) -> MainScreen:
        from beritatui.ui.screens.main import MainScreen

        screen = self.screen
        assert isinstance(screen, MainScreen)
        return screen

    async def startup(self) -> None:
        """Read the bookmarks, the trending stories and the feeds (SQLite, in threads)."""
        service = self.main.service
        saved, trending, feeds = await asyncio.gather(
            asyncio.to_thread(load_page, service, View(tab=Tab.SAVED)),
            asyncio.to_thread(load_page, service, View(tab=Tab.TRENDING)),
            asyncio.to_thread(service.feed_infos),
        )
        self._bookmarks = [(row.id, row.title, row.source) for row in saved.rows]
        self._stories = list(trending.clusters or [])
        self._feeds = feeds

    def commands(self) -> Iterator[PaletteCommand]:
        """Every command the palette can offer now."""
        main = self.main
        app = main.berita
        yield PaletteCommand(_("Refresh"), _("fetch every feed now (r)"), main.action_refresh)
        yield PaletteCommand(_("Search articles"), _("full-text search (/)"), main.action_search)
        for name in main.categories_widget.names:
            yield PaletteCommand(
                _("Go to category {name}").format(name=category_label(name)),
                _("show this category's articles"),
                partial(main.go_to_category, name),
            )
        yield PaletteCommand(
            _("Toggle dark/light theme"), _("the other variant of this theme (d)"),
            app.action_toggle_dark,
        )  # fmt: skip
        yield PaletteCommand(_("Choose a theme"), _("every theme, previewed"), app.search_themes)
        yield PaletteCommand(
            _("Feed status"), _("every feed, its last fetch and problems (f)"), main.action_feeds
        )
        yield PaletteCommand(_("Add a feed"), _("by its address or a site's page"), main.add_feed)
        yield PaletteCommand(
            _("Mark category read"), _("every unread article here (M, asks first)"),
            main.action_mark_all_read,
        )  # fmt: skip
        yield PaletteCommand(
            _("Export bookmarks"), _("a JSON backup in the data folder"), main.export_bookmarks
        )
        sidebar = _sidebar_action(main)
        if sidebar is not None:
            yield PaletteCommand(
                _("Toggle sidebar"), _("show or hide the categories"),
                partial(main.run_action, sidebar),
            )  # fmt: skip
        for code, name in LANGUAGE_NAMES.items():
            if code != current_language():
                yield PaletteCommand(
                    _("Language: {name}").format(name=name),
                    _("saved in the config; used from the next start"),
                    partial(main.set_language, code),
                )
        for feed in self._feeds:
            yield PaletteCommand(
                _("Feed: {name}").format(name=clean_line(feed.title, 80)),
                _("this feed's articles, in {category}").format(
                    category=clean_line(category_label(feed.category), 40)
                ),
                partial(main.go_to_feed, feed.id),
                listed=False,
            )
        for article_id, title, source in self._bookmarks:
            yield PaletteCommand(
                _("Bookmark: {title}").format(title=clean_line(title, 100)),
                clean_line(source, 40),
                partial(main.open_bookmark, article_id),
                listed=False,
            )
        for cluster in self._stories:
            yield PaletteCommand(
                _("Trending: {title}").format(title=clean_line(cluster.title, 100)),
                ", ".join(clean_line(s, 30) for s in cluster.sources[:4]),
                partial(main.open_story, cluster),
                listed=False,
            )

    async def discover(self) -> Hits:
        """With an empty query: the app's own commands (not every bookmark and story)."""
        for command in self.commands():
            if not command.listed:
                continue
            yield DiscoveryHit(Content(command.title), command.run, help=escape(command.help))

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for command in self.commands():
            score = matcher.match(command.title)
            if score > 0:
                yield Hit(
                    score,
                    _highlight(command.title, query, matcher),
                    command.run,
                    text=command.title,
                    help=escape(command.help),
                )


def _sidebar_action(main: MainScreen) -> str | None:
    """The layout's sidebar toggle, where the screen or the app has one (else None)."""
    if callable(getattr(main, "action_toggle_sidebar", None)):
        return "toggle_sidebar"
    if callable(getattr(main.app, "action_toggle_sidebar", None)):
        return "app.toggle_sidebar"
    return None


def _highlight(title: str, query: str, matcher: object) -> Content:
    """``title`` as plain content with the matched letters styled (Textual's way, no markup)."""
    from textual.fuzzy import Matcher

    assert isinstance(matcher, Matcher)
    content = Content(title)
    _score, offsets = matcher.fuzzy_search.match(query, title)
    for offset in offsets:
        if not title[offset].isspace():
            content = content.stylize(matcher.match_style, offset, offset + 1)
    return content

"""What the command palette's entries do on the main screen (beyond its keys).

A category or a feed by name, a bookmark, a trending story, exporting the bookmarks to the
data folder, saving the interface language in the config. File and SQLite work
runs in thread workers; the results come back as notifications that name the file.
"""

from __future__ import annotations

from textual import work

from beritatui.config import ConfigError
from beritatui.i18n import _
from beritatui.listing import Tab
from beritatui.paths import data_dir
from beritatui.trending import Cluster
from beritatui.ui.commands import LANGUAGE_NAMES
from beritatui.ui.screens.refreshing import RefreshingScreen


class PaletteScreen(RefreshingScreen):
    """The panes and refresh, plus the targets of :class:`~beritatui.ui.commands.BeritaCommands`."""

    def go_to_category(self, name: str) -> None:
        """Show the articles of category ``name`` (the tab stays, a search ends)."""
        self._set_category(name)
        self.article_list.focus()

    def go_to_feed(self, feed_id: int) -> None:
        """The Latest tab with the articles of one feed (escape or a category ends it)."""
        self._show_tab(Tab.LATEST)
        self.leave_story()
        self.feed_id = feed_id
        self.reload_list()
        self.article_list.focus()

    def _show_tab(self, tab: Tab) -> None:
        self.tab = tab
        self.top_bar.tab = tab
        self.search_query = None
        self.cluster = None
        self.feed_id = None
        self.search_box.display = False

    def open_bookmark(self, article_id: int) -> None:
        """The Saved tab, with the bookmark open in the reader."""
        self._show_tab(Tab.SAVED)
        self.reload_list(keep_id=article_id)
        self.open_article(article_id)
        self.article_list.focus()

    def open_story(self, cluster: Cluster) -> None:
        """The articles of one trending story, listed (as ``v`` lists the one being read)."""
        self._show_tab(Tab.TRENDING)
        self.cluster = cluster
        self.reload_list()
        self.article_list.focus()

    @work(thread=True, group="export", exit_on_error=False)
    def export_bookmarks(self) -> None:
        """Write every bookmark as a JSON backup in the data folder and say where."""
        store = self.berita.store
        path = data_dir() / f"bookmarks-{store.clock():%Y%m%d-%H%M%S}.json"
        from beritatui.backup import export_bookmarks  # not needed to start

        try:
            text = export_bookmarks(store, "json")
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, "utf-8")
        except OSError as exc:
            message = _("Could not export the bookmarks to {path}: {reason}").format(
                path=path, reason=exc.strerror or exc
            )
            self.app.call_from_thread(self.notify, message, severity="error")
            return
        message = _("Bookmarks exported to {path}").format(path=path)
        self.app.call_from_thread(self.notify, message, timeout=10)

    @work(thread=True, group="language", exit_on_error=False)
    def set_language(self, language: str) -> None:
        """Save ``language`` in the config; the running app keeps its language until restarted."""
        manager = self.berita.feed_manager
        try:
            manager.set_language(language)
        except ConfigError as exc:
            self.app.call_from_thread(self.notify, str(exc), severity="error")
            return
        message = _("Language {name} saved in {path}; it is used from the next start.").format(
            name=LANGUAGE_NAMES[language], path=manager.path
        )
        self.berita.config = self.service.config
        self.app.call_from_thread(self.notify, message, timeout=10)

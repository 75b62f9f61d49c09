"""The beritatui Textual app: three panes, keyboard only.

Threading model: widgets never do I/O. Network work runs in async workers (the
service awaits httpx); SQLite, parsing and extraction run in threads (the
service uses ``asyncio.to_thread``; list loading is a thread worker). Workers
post messages from :mod:`beritatui.ui.messages`; the handlers here own state.
"""

from __future__ import annotations

import asyncio
import contextlib
import webbrowser
from collections.abc import Iterable
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import Any

from textual import on, work
from textual.app import App, ComposeResult, SystemCommand
from textual.binding import Binding
from textual.command import CommandPalette
from textual.containers import Horizontal, Vertical
from textual.notifications import SeverityLevel
from textual.screen import Screen
from textual.theme import ThemeProvider
from textual.widgets import ContentSwitcher, Footer, Input, OptionList, Static
from textual.worker import Worker, WorkerState, get_current_worker

from beritatui.config import Config
from beritatui.feeds.manage import FeedManager
from beritatui.i18n import N_, _, ngettext, set_language
from beritatui.listing import Tab, View, load_page, more_rows
from beritatui.models import ArticleDetail, ArticleRow, category_label
from beritatui.paths import config_file, state_file, styles_dir
from beritatui.sanitize import safe_url
from beritatui.service import OfflineError, Progress, Service, warm_up
from beritatui.store import Store, StoreError
from beritatui.themes import DEFAULT_THEME_DARK, ThemePair, toggled_theme
from beritatui.trending import Cluster
from beritatui.ui.bindings import localize_bindings, localized_system_commands
from beritatui.ui.messages import (
    ArticleReady,
    FeedsReady,
    ListLoaded,
    MoreLoaded,
    RefreshFinished,
    RefreshProgress,
    RowChanged,
    TrendingLoaded,
)
from beritatui.ui.pictures import PicturesMixin, detect
from beritatui.ui.screens.dialogs import ConfirmScreen
from beritatui.ui.screens.feeds import FeedStatusScreen
from beritatui.ui.screens.help import HelpScreen
from beritatui.ui.state import UIState
from beritatui.ui.widgets.article_list import ArticleList
from beritatui.ui.widgets.category_list import CategoryList
from beritatui.ui.widgets.cluster_list import ClusterList
from beritatui.ui.widgets.reader import OtherVersion, ReaderPane
from beritatui.ui.widgets.top_bar import TopBar


class BeritaApp(PicturesMixin, App[int]):
    """Category sidebar · article list (Terbaru / Trending / Disimpan) · reader."""

    TITLE = "beritatui"
    CSS_PATH = [str(styles_dir() / "app.tcss")]
    BINDINGS = [
        Binding("q", "quit", N_("Quit")),
        Binding("question_mark", "help", N_("Help")),
        Binding("r", "refresh", N_("Refresh")),
        # A priority binding runs as the app reads the key, before the keys typed after
        # it are handed to the (old) focused widget: fast typing after / is never lost.
        Binding("slash", "search", N_("Search"), priority=True),
        Binding("b", "bookmark", N_("Bookmark")),
        Binding("d", "toggle_dark", N_("Dark/light")),
        Binding("m", "toggle_read", N_("Read/unread"), show=False),
        Binding("M", "mark_all_read", N_("Mark all read"), show=False),
        Binding("h", "toggle_hide_read", N_("Hide/show read"), show=False),
        Binding("1", f"tab('{Tab.LATEST}')", N_("Latest"), show=False),
        Binding("2", f"tab('{Tab.TRENDING}')", N_("Trending"), show=False),
        Binding("3", f"tab('{Tab.SAVED}')", N_("Saved"), show=False),
        Binding("left_square_bracket", "category(-1)", N_("Previous category"), show=False),
        Binding("right_square_bracket", "category(1)", N_("Next category"), show=False),
        Binding("n", "step_article(1)", N_("Next article"), show=False),
        Binding("p", "step_article(-1)", N_("Previous article"), show=False),
        Binding("o", "open_browser", N_("Open in browser"), show=False),
        Binding("y", "copy_link", N_("Copy link"), show=False),
        Binding("f", "feeds", N_("Manage feeds"), show=False),
        Binding("v", "other_versions", N_("Other sources' versions"), show=False),
        Binding("escape", "go_back", N_("Back"), show=False),
    ]
    """Descriptions are catalog messages, translated per instance (``localize_bindings``)."""

    def __init__(
        self,
        config: Config,
        store: Store,
        *,
        offline: bool = False,
        theme: str | None = None,
        state_path: Path | None = None,
        refresh_on_start: bool | None = None,
        language: str | None = None,
    ) -> None:
        if language is not None:
            set_language(language)  # else the process's language (the CLI chose it)
        super().__init__()
        localize_bindings(self)
        self.config = config
        self.store = store
        self.service = Service(config, store, offline=offline)
        self.pictures = detect(config.settings)  # before Textual owns the terminal
        self.feed_manager = FeedManager(self.service, config.path or config_file())
        self.state_path = state_path or state_file()
        self.ui_state = UIState.load(self.state_path)
        self._theme_override = theme
        self._theme_at_start = ""
        self._refreshing = False
        self._refresh_on_start = (
            config.settings.refresh_on_start if refresh_on_start is None else refresh_on_start
        )
        self.category = self.ui_state.category
        self.tab = Tab.parse(self.ui_state.tab)
        self.search_query: str | None = None
        self.hide_read = self.ui_state.hide_read
        self.cluster: Cluster | None = None
        self._clusters_by_article: dict[int, Cluster] = {}
        self._shown: ArticleDetail | None = None
        self._focus_reader_when_shown = False
        self._resume_id = self.ui_state.article_id
        self._resume_scroll = self.ui_state.reader_scroll

    # -- layout ---------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield TopBar(clock=self.now, id="top-bar")
        with Horizontal(id="panes"):
            yield CategoryList(id="categories")
            with Vertical(id="middle"):
                yield Static(id="list-title", markup=False)
                yield Input(placeholder=_("Search articles… (enter)"), id="search")
                with ContentSwitcher(initial="articles", id="switcher"):
                    yield ArticleList(clock=self.now, id="articles")
                    yield ClusterList(clock=self.now, id="clusters")
            yield ReaderPane(id="reader")
        yield Footer()

    def now(self) -> datetime:
        """The current time from the store's clock (the one clock of the process)."""
        return self.store.clock()

    @property
    def article_list(self) -> ArticleList:
        return self.query_one("#articles", ArticleList)

    @property
    def reader(self) -> ReaderPane:
        return self.query_one("#reader", ReaderPane)

    @property
    def top_bar(self) -> TopBar:
        return self.query_one("#top-bar", TopBar)

    def on_mount(self) -> None:
        self.categories_widget = self.query_one("#categories", CategoryList)
        self.categories_widget.border_title = _("Categories")
        self.categories_widget.border_subtitle = _("unread")
        self.reader.border_title = _("Reader")
        self.query_one("#search", Input).display = False
        self.theme = self._start_theme()
        self._theme_at_start = self.theme
        self.top_bar.online = not self.service.offline
        self.top_bar.tab = self.tab
        self.reader.show_welcome()
        self.article_list.focus()
        self._announce_start_problems()
        self.reload_list(keep_id=self._resume_id)
        self._warm_up()
        if not self.service.offline and self._refresh_on_start:
            self.action_refresh()
        minutes = self.config.settings.refresh_interval_minutes
        if minutes:
            self.set_interval(minutes * 60, self._periodic_refresh)

    @work(thread=True, group="warm-up", exit_on_error=False)
    def _warm_up(self) -> None:
        """Import the network and extraction stack and start its workers, off the UI thread."""
        warm_up(workers=not self.service.forced_offline)

    def _announce_start_problems(self) -> None:
        """Say what went wrong before the screen existed (moved database, config warnings)."""
        if self.store.moved_aside is not None:
            rescued = self.store.restored_bookmarks
            text = ngettext(
                "The database was damaged or not beritatui's; it was moved to {path} and a new"
                " one was started ({count} bookmark rescued)."
                " Try: beritatui bookmarks --from-db FILE",
                "The database was damaged or not beritatui's; it was moved to {path} and a new"
                " one was started ({count} bookmarks rescued)."
                " Try: beritatui bookmarks --from-db FILE",
                rescued,
            )
            self.notify(
                text.format(path=self.store.moved_aside, count=rescued),
                severity="error",
                timeout=15,
            )
        for warning in self.config.warnings:
            self.notify(warning, severity="warning", timeout=10)
        if self.service.forced_offline:
            self.notify(_("Offline mode: only saved articles (⤓) can be read in full."))

    # -- loading the list -----------------------------------------------------

    def _view(self) -> View:
        """What the middle pane is meant to show now (category, tab, query, cluster)."""
        key = self.cluster.key if self.cluster is not None else None
        return View(self.category, self.tab, self.search_query, key, self.hide_read)

    def reload_list(self, *, keep_id: int | None = None) -> None:
        """Reload sidebar counts and the middle pane for the current view."""
        self._load_list(self._view(), self.cluster, keep_id)

    @work(thread=True, exclusive=True, group="list", exit_on_error=False)
    def _load_list(self, view: View, cluster: Cluster | None, keep_id: int | None) -> None:
        page = load_page(self.service, view, cluster)
        if get_current_worker().is_cancelled:
            return
        self.post_message(ListLoaded(page, keep_id))
        # The list is on screen first; trending marks follow (cached until articles change).
        trending = self.service.trending()
        if not get_current_worker().is_cancelled:
            self.post_message(TrendingLoaded(trending))

    @on(ArticleList.NeedMore)
    def _on_need_more(self, message: ArticleList.NeedMore) -> None:
        self._load_more(self._view(), message.offset)

    @work(thread=True, exclusive=True, group="more", exit_on_error=False)
    def _load_more(self, view: View, offset: int) -> None:
        rows, more = more_rows(self.service, view, offset)
        self.post_message(MoreLoaded(view, rows, more=more))

    @on(MoreLoaded)
    def _show_more(self, message: MoreLoaded) -> None:
        if message.view == self._view():
            self.article_list.append_rows(message.rows, more=message.more)

    @on(ListLoaded)
    def _show_list(self, message: ListLoaded) -> None:
        page = message.page
        if page.view != self._view():
            return  # an older load finished after the user moved on
        self.categories_widget.set_counts(page.counts, self.category)
        self.query_one("#list-title", Static).update(page.title)
        articles = self.article_list
        switcher = self.query_one("#switcher", ContentSwitcher)
        if page.clusters is not None:
            self.query_one("#clusters", ClusterList).set_clusters(page.clusters)
            switcher.current = "clusters"
        else:
            articles.empty_text = self._empty_text()
            articles.more_available = page.more
            articles.show_category = page.across_categories
            articles.set_rows(page.rows, keep_id=message.keep_id)
            switcher.current = "articles"
        if self._resume_id is not None:
            resume, self._resume_id = self._resume_id, None
            articles.move_to(resume)  # when it is on the first page of the list
            self.open_article(resume, restore_scroll=self._resume_scroll)

    @on(TrendingLoaded)
    def _show_trending_marks(self, message: TrendingLoaded) -> None:
        by_article = {
            aid: cluster
            for cluster in message.clusters
            if len(cluster.sources) > 1
            for aid in cluster.article_ids
        }
        if by_article == self._clusters_by_article:
            return
        self._clusters_by_article = by_article
        self.article_list.set_trending(frozenset(by_article))
        shown = self._shown
        if shown is not None and shown.row.id in by_article:
            self.reader.show_article(shown, others=self._other_versions(shown), keep_scroll=True)

    def _empty_text(self) -> str:
        if self.search_query is not None:
            return _("No results.")
        if self.tab is Tab.SAVED:
            return _("No saved articles yet. Press b on an article to save it.")
        if self._refreshing:
            return _("Loading the news…")
        feeds = _(
            "Your feeds are listed in {path}. Add one with: beritatui feeds add URL"
            " (a feed or a site's homepage), or import a list: beritatui feeds import FILE.opml"
        ).format(path=self.config.path or config_file())
        if self.service.offline:
            return _("No articles saved for offline reading yet.") + "\n\n" + feeds
        return _("No articles yet. Press r to load the news.") + "\n\n" + feeds

    def _set_refreshing(self, refreshing: bool) -> None:
        """Track a running refresh; an empty list says so instead of asking for one."""
        self._refreshing = refreshing
        articles = self.article_list
        if not articles.rows:
            articles.empty_text = self._empty_text()
            articles.refresh()

    # -- opening articles -----------------------------------------------------

    @on(ArticleList.Selected)
    def _on_selected(self, message: ArticleList.Selected) -> None:
        self.open_article(message.row.id)
        # Focus moves once the article is shown: a focus change restyles and repaints
        # the screen (~100 ms), which would otherwise delay the article itself.
        self._focus_reader_when_shown = True

    @on(OptionList.OptionSelected, "#categories")
    def _on_category(self, event: OptionList.OptionSelected) -> None:
        self._set_category(str(event.option.id))

    @on(OptionList.OptionSelected, "#clusters")
    def _on_cluster(self, event: OptionList.OptionSelected) -> None:
        cluster = self.query_one("#clusters", ClusterList).current
        if cluster is not None:
            self.cluster = cluster
            self.reload_list()
            self.article_list.focus()

    @work(exclusive=True, group="article", exit_on_error=False)
    async def open_article(self, article_id: int, restore_scroll: float | None = None) -> None:
        """Show what is known at once, then the full cleaned page when it arrives."""
        service = self.service
        detail = await asyncio.to_thread(service.article, article_id)
        if detail is None:
            return
        loading = service.needs_page(detail)
        self.post_message(ArticleReady(detail, loading=loading, restore_scroll=restore_scroll))
        if not detail.row.is_read:
            await asyncio.to_thread(service.set_read, article_id, True)
            self.post_message(RowChanged(article_id, is_read=True))
        if detail.body is None:
            full = await service.open_article(article_id, known=detail)
            if full is not None:
                self.post_message(ArticleReady(full, restore_scroll=restore_scroll))

    @on(ArticleReady)
    def _show_article(self, message: ArticleReady) -> None:
        detail = message.detail
        self._shown = detail
        self.reader.show_article(
            detail,
            loading=message.loading,
            others=self._other_versions(detail),
            keep_scroll=not message.loading,
        )
        if self._focus_reader_when_shown:
            self._focus_reader_when_shown = False
            self.call_after_refresh(self.reader.focus)
        if message.restore_scroll and not message.loading:
            self.reader.scroll_to(y=message.restore_scroll, animate=False)

    def _other_versions(self, detail: ArticleDetail) -> list[OtherVersion]:
        cluster = self._clusters_by_article.get(detail.row.id)
        if cluster is None:
            return []
        return [
            OtherVersion(a.source, a.title, safe_url(a.url) or "")
            for a in cluster.articles
            if a.id != detail.row.id and a.source != detail.row.source
        ]

    @on(RowChanged)
    def _row_changed(self, message: RowChanged) -> None:
        changes: dict[str, bool] = {}
        if message.is_read is not None:
            changes["is_read"] = message.is_read
        if message.is_bookmarked is not None:
            changes["is_bookmarked"] = message.is_bookmarked
        self.article_list.update_row(message.article_id, **changes)
        shown = self._shown
        if shown is not None and shown.row.id == message.article_id:
            # The reader shows the marks too ("★ disimpan"): show the same article again.
            self._shown = replace(shown, row=replace(shown.row, **changes))  # type: ignore[arg-type]
            self.reader.show_article(
                self._shown, others=self._other_versions(self._shown), keep_scroll=True
            )
        self._load_counts()

    @work(thread=True, exclusive=True, group="counts", exit_on_error=False)
    def _load_counts(self) -> None:
        counts = self.service.category_counts()
        self.call_from_thread(self.categories_widget.set_counts, counts, self.category)

    # -- the target of an action ----------------------------------------------

    def _target_row(self) -> ArticleRow | None:
        """The article an action applies to: the one being read, else the highlighted one."""
        shown = self._shown
        if self.reader.has_focus and shown is not None:
            index = self.article_list.index_of(shown.row.id)
            # The list row has the freshest marks; the article may not be listed at all.
            return self.article_list.rows[index] if index is not None else shown.row
        return self.article_list.current

    # -- actions --------------------------------------------------------------

    def action_help(self) -> None:
        self.push_screen(HelpScreen())

    def _start_theme(self) -> str:
        """``--theme``, else the configured theme, else the last one chosen."""
        settings = self.config.settings
        override = self._theme_override
        if override and override in self.available_themes:
            return override
        if settings.theme:
            if settings.theme in self.available_themes:
                return settings.theme
            self.notify(
                _("There is no theme {name}; the themes are: {names}").format(
                    name=repr(settings.theme), names=", ".join(sorted(self.available_themes))
                ),
                severity="warning",
            )
        saved = self.ui_state.theme
        return saved if saved in self.available_themes else DEFAULT_THEME_DARK

    def action_toggle_dark(self) -> None:
        settings = self.config.settings
        darkness = {name: theme.dark for name, theme in self.available_themes.items()}
        target = toggled_theme(
            self.theme,
            darkness,
            # Only while the theme is still the one the last d chose (not the palette's).
            came_from=self.ui_state.theme_came_from if self.theme == self.ui_state.theme else "",
            pair=ThemePair(dark=settings.theme_dark, light=settings.theme_light),
        )
        self.ui_state.theme_came_from = self.theme
        self.theme = target
        self.ui_state.theme = target
        self._save_state()

    def action_tab(self, name: str) -> None:
        tab = Tab.parse(name)
        self.tab = tab
        self.top_bar.tab = tab
        self.search_query = None
        self.cluster = None
        self.query_one("#search", Input).display = False
        self.reload_list()
        target = "#clusters" if tab is Tab.TRENDING else "#articles"
        self.query_one(target).focus()

    def action_other_versions(self) -> None:
        """List every source's version of the story being read (its trending cluster)."""
        shown = self._shown
        cluster = self._clusters_by_article.get(shown.row.id) if shown is not None else None
        if cluster is None:
            self.notify(_("No other source has reported this story yet."))
            return
        self.tab = Tab.TRENDING
        self.top_bar.tab = Tab.TRENDING
        self.search_query = None
        self.cluster = cluster
        self.query_one("#search", Input).display = False
        self.reload_list(keep_id=shown.row.id if shown is not None else None)
        self.article_list.focus()

    def action_category(self, step: int) -> None:
        names = self.categories_widget.names
        if not names:
            return
        index = names.index(self.category) if self.category in names else 0
        self._set_category(names[(index + step) % len(names)])

    def _set_category(self, category: str) -> None:
        if category == self.category and self.cluster is None and self.search_query is None:
            return
        self.category = category
        self.cluster = None
        self.search_query = None
        self.reload_list()

    def action_step_article(self, step: int) -> None:
        articles = self.article_list
        if not articles.rows:
            return
        reader_id = self.reader.article_id
        index = articles.index_of(reader_id) if reader_id is not None else None
        articles.cursor = (index if index is not None else articles.cursor) + step
        row = articles.current
        if row is not None:
            self.open_article(row.id)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """``/`` opens the search only from the main screen, never inside a text box."""
        if action == "search":
            return self.screen is self.screen_stack[0] and not isinstance(self.focused, Input)
        return True

    def action_search(self) -> None:
        search = self.query_one("#search", Input)
        search.display = True
        # Focus now, not after the next refresh (Widget.focus defers): keys typed right
        # after / are already queued and must reach the box, not the app's shortcuts.
        self.screen.set_focus(search)

    @on(Input.Submitted, "#search")
    def _on_search(self, event: Input.Submitted) -> None:
        query = event.value.strip()
        if not query:
            return
        self.search_query = query
        self.cluster = None
        self.query_one("#switcher", ContentSwitcher).current = "articles"
        self.reload_list()
        self.call_after_refresh(self.article_list.focus)

    def action_go_back(self) -> None:
        search = self.query_one("#search", Input)
        if search.has_focus:
            search.display = False
            self.article_list.focus()
            return
        if self.reader.has_focus:
            self.article_list.focus()
            return
        if self.cluster is not None:
            self.cluster = None
            self.reload_list()
            self.query_one("#clusters").focus()
            return
        if self.search_query is not None:
            self.search_query = None
            search.display = False
            self.reload_list()

    def action_bookmark(self) -> None:
        row = self._target_row()
        if row is None:
            self.notify(_("Choose an article first."), severity="warning")
            return
        self._set_bookmark(row.id, not row.is_bookmarked)

    @work(thread=True, group="state", exit_on_error=False)
    def _set_bookmark(self, article_id: int, on: bool) -> None:
        self.service.set_bookmark(article_id, on)
        self.post_message(RowChanged(article_id, is_bookmarked=on))
        text = _("Saved ★ (available offline)") if on else _("Removed from saved")
        self.call_from_thread(self.notify, text)

    def action_toggle_read(self) -> None:
        row = self._target_row()
        if row is not None:
            self._set_read(row.id, not row.is_read)

    @work(thread=True, group="state", exit_on_error=False)
    def _set_read(self, article_id: int, read: bool) -> None:
        self.service.set_read(article_id, read)
        self.post_message(RowChanged(article_id, is_read=read))

    def action_toggle_hide_read(self) -> None:
        self.hide_read = not self.hide_read
        self.ui_state.hide_read = self.hide_read
        self.notify(_("Read articles hidden.") if self.hide_read else _("Read articles shown."))
        self.reload_list(keep_id=self._current_id())
        self._save_state()

    def action_mark_all_read(self) -> None:
        """Ask first: marking a whole category read cannot be undone."""
        category = self._view().category_filter
        unread = self.categories_widget.unread(self.category)
        if not unread:
            self.notify(_("Nothing unread here."))
            return
        question = ngettext(
            "Mark {count} unread article in {category} as read?",
            "Mark all {count} unread articles in {category} as read?",
            unread,
        ).format(count=unread, category=category_label(self.category))

        def answered(yes: bool | None) -> None:
            if yes:
                self._mark_all_read(category)

        self.push_screen(ConfirmScreen(question), answered)

    @work(thread=True, group="state", exit_on_error=False)
    def _mark_all_read(self, category: str | None) -> None:
        count = self.service.mark_all_read(category)
        self.call_from_thread(self._after_mark_all_read, count)

    def _after_mark_all_read(self, count: int) -> None:
        text = ngettext("{count} article marked read", "{count} articles marked read", count)
        self.notify(text.format(count=count))
        self.reload_list(keep_id=self._current_id())

    def _current_id(self) -> int | None:
        row = self.article_list.current
        return row.id if row else None

    def action_open_browser(self) -> None:
        row = self._target_row()
        url = safe_url(row.url) if row else None
        if url is None:
            self.notify(_("This article has no http(s) link."), severity="warning")
            return
        self._open_in_browser(url)

    @work(thread=True, group="browser", exit_on_error=False)
    def _open_in_browser(self, url: str) -> None:
        # webbrowser runs the browser as an argument list, never through a shell.
        if not webbrowser.open(url):
            self.call_from_thread(self.notify, _("No browser could be opened."))

    def action_copy_link(self) -> None:
        row = self._target_row()
        url = safe_url(row.url) if row else None
        if url is None:
            self.notify(_("This article has no http(s) link."), severity="warning")
            return
        self.copy_to_clipboard(url)
        self.notify(_("Link copied: {url}").format(url=url))

    def action_feeds(self) -> None:
        self._load_feeds()

    @work(thread=True, group="feeds", exit_on_error=False)
    def _load_feeds(self) -> None:
        self.post_message(FeedsReady(self.feed_manager.feeds()))

    @on(FeedsReady)
    def _show_feeds(self, message: FeedsReady) -> None:
        screen = FeedStatusScreen(
            message.feeds,
            self.feed_manager,
            clock=self.now,
            offline=self.service.forced_offline,
        )
        self.push_screen(screen, self._after_feed_screen)

    def _after_feed_screen(self, changed: bool | None) -> None:
        """Feeds were added, removed or edited: the sidebar and list follow the new config."""
        if changed:
            self.config = self.service.config
            self.reload_list(keep_id=self._current_id())

    # -- refresh --------------------------------------------------------------

    def _periodic_refresh(self) -> None:
        # Also while the network is down: the next try brings the app back online.
        if not self.service.forced_offline:
            self._start_refresh()

    def action_refresh(self) -> None:
        if self.service.forced_offline:
            self.notify(
                _("Offline mode (--offline): refreshing needs the network."), severity="warning"
            )
            return
        self._start_refresh()

    def _start_refresh(self) -> None:
        self._set_refreshing(True)
        self._refresh()

    @work(exclusive=True, group="refresh", exit_on_error=False)
    async def _refresh(self) -> None:
        def on_progress(progress: Progress) -> None:
            self.post_message(RefreshProgress(progress))

        try:
            report = await self.service.refresh(on_progress=on_progress)
        except (OfflineError, StoreError) as exc:
            self.post_message(RefreshFinished(None, str(exc)))
        except Exception as exc:
            error = _("Refresh failed: {kind}: {error}").format(kind=type(exc).__name__, error=exc)
            self.post_message(RefreshFinished(None, error))
        else:
            self.post_message(RefreshFinished(report))

    @on(RefreshProgress)
    def _show_progress(self, message: RefreshProgress) -> None:
        progress = message.progress
        label = _("feeds") if progress.phase == "feeds" else _("articles")
        self.top_bar.progress = f"↻ {label} {progress.done}/{progress.total}"
        if progress.phase == "feeds" and progress.done == progress.total and progress.total:
            self.reload_list(keep_id=self._current_id())

    @on(RefreshFinished)
    def _refresh_done(self, message: RefreshFinished) -> None:
        self.top_bar.progress = ""
        self._set_refreshing(False)
        report = message.report
        if report is None:
            self.notify(message.error or _("Refresh failed."), severity="error")
            return
        self.top_bar.online = not report.network_down
        if report.network_down:
            self.notify(
                _("Cannot reach the network: offline mode. Saved articles can still be read."),
                severity="warning",
                timeout=8,
            )
        else:
            failed = len(report.feeds_failed)
            new, ok = len(report.new_article_ids), report.feeds_ok
            text = _("{articles} from {feeds}").format(
                articles=ngettext("{count} new article", "{count} new articles", new).format(
                    count=new
                ),
                feeds=ngettext("{count} feed", "{count} feeds", ok).format(count=ok),
            )
            if failed:
                text += ngettext(
                    "; {count} feed failed (press f for details)",
                    "; {count} feeds failed (press f for details)",
                    failed,
                ).format(count=failed)
            self.notify(text, severity="warning" if failed else "information")
        self.reload_list(keep_id=self._current_id())

    # -- the command palette --------------------------------------------------

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        """Textual's built-in commands, in the interface language."""
        return localized_system_commands(super().get_system_commands(screen))

    def action_command_palette(self) -> None:
        # is_open is typed for App[object]; it only looks at the current screen.
        if self.use_command_palette and not CommandPalette.is_open(self):  # type: ignore[arg-type]
            palette = CommandPalette(id="--command-palette", placeholder=_("Search for commands…"))
            self.push_screen(palette)

    def search_themes(self) -> None:
        self.push_screen(
            CommandPalette(providers=[ThemeProvider], placeholder=_("Search for themes…"))
        )

    # -- errors and state -----------------------------------------------------

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = False,
    ) -> None:
        """Notifications carry feed text and errors: plain text unless asked otherwise."""
        super().notify(message, title=title, severity=severity, timeout=timeout, markup=markup)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """Turn any worker failure into a plain notification instead of a crash."""
        if event.state is WorkerState.ERROR and event.worker.error is not None:
            error = event.worker.error
            text = _("Something went wrong: {kind}: {error}")
            self.notify(text.format(kind=type(error).__name__, error=error), severity="error")

    def _snapshot_state(self) -> UIState:
        state = self.ui_state
        state.category = self.category
        state.tab = self.tab.value
        state.article_id = self.reader.article_id
        state.reader_scroll = float(self.reader.scroll_y)
        if self.theme != self._theme_at_start:  # a one-off --theme is not saved
            if self.theme != state.theme:  # chosen in the palette: d starts afresh
                state.theme_came_from = ""
            state.theme = self.theme
        return state

    @work(thread=True, group="save-state", exit_on_error=False)
    def _save_state(self) -> None:
        with contextlib.suppress(OSError):  # state is a convenience; never fail over it
            self.ui_state.save(self.state_path)

    async def action_quit(self) -> None:
        state = self._snapshot_state()
        with contextlib.suppress(OSError):
            await asyncio.to_thread(state.save, self.state_path)
        await self.service.aclose()
        self.exit(0)

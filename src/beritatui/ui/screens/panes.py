"""What the three panes show: the list for the current view and the article being read.

:class:`PanesScreen` owns the view state (category, tab, search, cluster, hide read, sort)
and the workers that load it: lists in thread workers (through
:mod:`beritatui.listing`), articles in an async worker over the service. Workers post
messages from :mod:`beritatui.ui.messages`; the handlers here put their data on
screen. The keys that change the view are :class:`~beritatui.ui.screens.main.MainScreen`'s.
"""

from __future__ import annotations

import asyncio
from dataclasses import replace
from datetime import datetime
from typing import TYPE_CHECKING, cast

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.notifications import SeverityLevel
from textual.screen import Screen
from textual.widgets import ContentSwitcher, Input, OptionList, Static
from textual.worker import get_current_worker

from beritatui.i18n import _
from beritatui.listing import Sort, Tab, View, load_page, more_rows
from beritatui.models import ArticleDetail, ArticleRow
from beritatui.paths import config_file
from beritatui.sanitize import safe_url
from beritatui.service import Service
from beritatui.trending import Cluster
from beritatui.ui.messages import (
    ArticleReady,
    ListLoaded,
    MoreLoaded,
    RowChanged,
    TrendingLoaded,
)
from beritatui.ui.pictures import PicturesMixin
from beritatui.ui.screens.story import StoryMixin
from beritatui.ui.widgets.article_list import ArticleList
from beritatui.ui.widgets.category_list import CategoryList
from beritatui.ui.widgets.cluster_list import ClusterList
from beritatui.ui.widgets.footer import ResponsiveFooter
from beritatui.ui.widgets.reader import OtherVersion, ReaderPane
from beritatui.ui.widgets.story_detail import StoryDetail
from beritatui.ui.widgets.top_bar import TopBar

if TYPE_CHECKING:
    from beritatui.ui.app import BeritaApp


class PanesScreen(StoryMixin, PicturesMixin, Screen[None]):
    """Category sidebar · article list (Terbaru / Trending / Disimpan) · reader
    (or, beside the Trending tab's stories, the highlighted story's detail).

    Past 250 lines on purpose: the list and the article loaders read and keep the
    same view state, which one class owns; the keys and refreshes are subclasses'.
    """

    def __init__(self) -> None:
        super().__init__()
        self.service: Service = self.berita.service
        state = self.berita.ui_state
        self.category = state.category
        self.tab = Tab.parse(state.tab)
        self.search_query: str | None = None
        self.hide_read = state.hide_read
        self.sort = Sort.parse(state.sort)
        self.cluster: Cluster | None = None
        self.feed_id: int | None = None
        """One feed's articles instead of the category's (the palette's "Feed: …")."""
        self._clusters_by_article: dict[int, Cluster] = {}
        self._shown: ArticleDetail | None = None
        self._focus_reader_when_shown = False
        self._focus_list_for: View | None = None
        self._refreshing = False
        self._first_list_shown = False
        self._resume_id = state.article_id
        self._resume_scroll = state.reader_scroll

    @property
    def berita(self) -> BeritaApp:
        """The app, with its config, service and saved UI state."""
        return cast("BeritaApp", self.app)

    def now(self) -> datetime:
        """The current time from the store's clock (the one clock of the process)."""
        return self.berita.now()

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
        self.app.notify(message, title=title, severity=severity, timeout=timeout, markup=markup)

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
            yield StoryDetail(clock=self.now, id="story")
        yield ResponsiveFooter()

    @property
    def article_list(self) -> ArticleList:
        return self.query_one("#articles", ArticleList)

    @property
    def reader(self) -> ReaderPane:
        return self.query_one("#reader", ReaderPane)

    @property
    def top_bar(self) -> TopBar:
        return self.query_one("#top-bar", TopBar)

    @property
    def categories_widget(self) -> CategoryList:
        return self.query_one("#categories", CategoryList)

    @property
    def search_box(self) -> Input:
        return self.query_one("#search", Input)

    def on_mount(self) -> None:
        categories = self.categories_widget
        categories.border_title = _("Categories")
        categories.border_subtitle = _("unread")
        self.reader.border_title = _("Reader")
        self.story_detail.border_title = _("Story")
        self.search_box.display = False
        self.top_bar.online = not self.service.offline
        self.top_bar.tab = self.tab
        self.reader.show_welcome()
        self.article_list.focus()
        self.reload_list(keep_id=self._resume_id)

    # -- loading the list -----------------------------------------------------

    def _view(self) -> View:
        """What the middle pane is meant to show now (category, tab, query, story, order, feed)."""
        key = self.cluster.key if self.cluster is not None else None
        return View(
            self.category, self.tab, self.search_query, key, self.hide_read, self.sort, self.feed_id
        )

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
        self.refresh_bindings()  # escape goes back from a search, a story or a feed
        articles = self.article_list
        switcher = self.query_one("#switcher", ContentSwitcher)
        if page.clusters is not None:
            clusters = self.query_one("#clusters", ClusterList)
            clusters.set_clusters(page.clusters)
            switcher.current = "clusters"
            self.show_story(clusters.current)
        else:
            self.leave_story()
            articles.empty_text = self._empty_text()
            articles.more_available = page.more
            articles.show_category = page.across_categories
            articles.set_rows(page.rows, keep_id=message.keep_id)
            switcher.current = "articles"
            if page.view == self._focus_list_for:
                self._focus_list_for = None
                # After the rows are painted: the focus change restyles the screen.
                self.call_after_refresh(articles.focus)
        if self._resume_id is not None:
            resume, self._resume_id = self._resume_id, None
            articles.move_to(resume)  # when it is on the first page of the list
            self.open_article(resume, restore_scroll=self._resume_scroll)
        if not self._first_list_shown:
            self._first_list_shown = True
            self.call_after_refresh(self.first_list_painted)

    def first_list_painted(self) -> None:
        """The first list is on screen: start-up work that would delay it may begin."""

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
        config = self.service.config
        feeds = _(
            "Your feeds are listed in {path}. Add one with: beritatui feeds add URL"
            " (a feed or a site's homepage), or import a list: beritatui feeds import FILE.opml"
        )
        if config.using_default_feeds:  # no feeds of the user's own yet (perhaps no file)
            feeds = _(
                "beritatui reads its bundled feeds until you add your own, kept in {path}."
                " Add one with: beritatui feeds add URL (a feed or a site's homepage),"
                " or import a list: beritatui feeds import FILE.opml"
            )
        feeds = feeds.format(path=config.path or config_file())
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
            self.show_story(cluster)
            self.enter_story()

    @on(StoryDetail.Opened)
    def _on_story_article(self, message: StoryDetail.Opened) -> None:
        self.read_from_story()
        self.open_article(message.article_id)
        self._focus_reader_when_shown = True  # as from the list: once the article is shown

    def _story_article(self) -> int | None:
        return self.reader.article_id

    @property
    def narrowed(self) -> bool:
        """The list shows a story's articles, a search or one feed, not the category."""
        return (self.cluster, self.search_query, self.feed_id) != (None, None, None)

    def _set_category(self, category: str) -> None:
        if category == self.category and not self.narrowed:
            return
        self.category = category
        self.cluster = None
        self.search_query = None
        self.feed_id = None
        self.reload_list()

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
            self._shown = replace(shown, row=replace(shown.row, **changes))  # type: ignore[arg-type]
            if self._shown.row.is_bookmarked != shown.row.is_bookmarked:
                # The reader shows the bookmark ("★ disimpan"), not the read mark: only
                # then show it again (every open of an unread article drew it twice).
                self.reader.show_article(
                    self._shown, others=self._other_versions(self._shown), keep_scroll=True
                )
        self._load_counts()

    @work(thread=True, exclusive=True, group="counts", exit_on_error=False)
    def _load_counts(self) -> None:
        counts = self.service.category_counts()
        self.app.call_from_thread(self.categories_widget.set_counts, counts, self.category)

    # -- the target of an action ----------------------------------------------

    def _target_row(self) -> ArticleRow | None:
        """The article an action applies to: the one being read, else the highlighted one."""
        shown = self._shown
        if self.reader.has_focus and shown is not None:
            index = self.article_list.index_of(shown.row.id)
            # The list row has the freshest marks; the article may not be listed at all.
            return self.article_list.rows[index] if index is not None else shown.row
        if self.query_one("#switcher", ContentSwitcher).current != "articles":
            return None  # stories are listed (the article list behind them is hidden)
        return self.article_list.current

    def _current_id(self) -> int | None:
        row = self.article_list.current
        return row.id if row else None

"""The main screen's keys: moving between views, marking articles, links, feeds.

:class:`MainScreen` adds to :class:`~beritatui.ui.screens.panes.PanesScreen` (what
the panes show) the actions its bindings run, the feed status screen and the
refresh worker (async, over the service; progress and the report come back as
messages). Keys that work on every screen (quit, help, dark/light) are the app's; the
palette's other targets are :class:`~beritatui.ui.screens.palette.PaletteScreen`'s.
"""

from __future__ import annotations

from textual import on, work
from textual.binding import Binding
from textual.widgets import ContentSwitcher, Input

from beritatui.i18n import N_, _, ngettext
from beritatui.listing import Sort, Tab
from beritatui.models import category_label
from beritatui.sanitize import safe_url
from beritatui.ui.bindings import localize_bindings
from beritatui.ui.commands import BeritaCommands
from beritatui.ui.messages import FeedsReady, RowChanged
from beritatui.ui.screens.layout import LayoutMixin
from beritatui.ui.screens.palette import PaletteScreen
from beritatui.ui.widgets.reader_links import numbered_links
from beritatui.ui.widgets.top_bar import TopBar


class MainScreen(LayoutMixin, PaletteScreen):
    """The three panes and the keys that act on them."""

    COMMANDS = {BeritaCommands}
    """The app's commands in the palette (Textual's built-ins come from the app)."""

    BINDINGS = [
        Binding("r", "refresh", N_("Refresh")),
        # A priority binding runs as the app reads the key, before the keys typed after
        # it are handed to the (old) focused widget: fast typing after / is never lost.
        Binding("slash", "search", N_("Search"), priority=True),
        Binding("b", "bookmark", N_("Bookmark")),
        Binding("m", "toggle_read", N_("Read/unread"), show=False),
        Binding("M", "mark_all_read", N_("Mark all read"), show=False),
        Binding("h", "toggle_hide_read", N_("Hide/show read"), show=False),
        Binding("s", "toggle_sort", N_("Sort: newest/source"), show=False),
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
        Binding("c", "toggle_sidebar", N_("Categories")),
        Binding("z", "maximize_pane", N_("Maximize"), show=False),
        Binding("escape", "go_back", N_("Back")),  # in the footer while it leads somewhere
    ]
    """Descriptions are catalog messages, translated per instance (``localize_bindings``)."""

    def __init__(self) -> None:
        super().__init__()
        localize_bindings(self)
        self._add_when_feeds_open = False

    # -- moving between views -------------------------------------------------

    def action_tab(self, name: str) -> None:
        tab = Tab.parse(name)
        self.tab = tab
        self.top_bar.tab = tab
        self.search_query = None
        self.cluster = None
        self.feed_id = None
        self.search_box.display = False
        self.leave_story()  # the Trending tab's list shows it again
        self.reload_list()
        target = "#clusters" if tab is Tab.TRENDING else "#articles"
        self.query_one(target).focus()

    @on(TopBar.TabClicked)
    def _on_tab_clicked(self, message: TopBar.TabClicked) -> None:
        self.action_tab(message.tab.value)

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
        self.feed_id = None
        self.cluster = cluster
        self.search_box.display = False
        self.leave_story()
        self.reload_list(keep_id=shown.row.id if shown is not None else None)
        self.article_list.focus()

    def action_category(self, step: int) -> None:
        names = self.categories_widget.names
        if not names:
            return
        index = names.index(self.category) if self.category in names else 0
        self._set_category(names[(index + step) % len(names)])

    def action_step_article(self, step: int) -> None:
        if self.reading_story:  # the article came from a story's detail: its next one
            story = self.story_detail
            article = story.step(self.reader.article_id, step)
            if article is not None:
                story.move_to(article)
                self.open_article(article)
            return
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
        """``/`` opens the search, never from inside a text box or under a dialog;
        ``escape`` is offered (in the footer) only where it goes back to something."""
        if action == "search":
            return self.app.screen is self and not isinstance(self.focused, Input)
        if action == "go_back":
            return self.can_go_back()
        return True

    def can_go_back(self) -> bool:
        """What :meth:`action_go_back` would leave: a text box, the reader, a story, a
        search or one feed's list."""
        leaving = (self.search_box, self.reader, self.story_detail)
        return any(w.has_focus for w in leaving) or self.narrowed

    def action_search(self) -> None:
        search = self.search_box
        search.display = True
        # Focus now, not after the next refresh (Widget.focus defers): keys typed right
        # after / are already queued and must reach the box, not the shortcuts.
        self.set_focus(search)

    @on(Input.Submitted, "#search")
    def _on_search(self, event: Input.Submitted) -> None:
        query = event.value.strip()
        if not query:
            return
        self.search_query = query
        self.cluster = None
        self.leave_story()
        self.query_one("#switcher", ContentSwitcher).current = "articles"
        self.reload_list()
        self._focus_list_for = self._view()  # once its rows are shown (see _show_list)

    def action_go_back(self) -> None:
        search = self.search_box
        if search.has_focus:
            search.display = False
            self.article_list.focus()
            return
        if self.reader.has_focus:
            if not self.back_to_story():  # reader -> the story it was opened from
                self.article_list.focus()
            return
        if self.story_detail.has_focus:  # a story's detail -> the stories
            self.query_one("#clusters").focus()
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
            return
        if self.feed_id is not None:  # one feed -> its category's list
            self.feed_id = None
            self.reload_list(keep_id=self._current_id())

    # -- marks ----------------------------------------------------------------

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
        self.app.call_from_thread(self.notify, text)

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
        self.berita.ui_state.hide_read = self.hide_read
        self.notify(_("Read articles hidden.") if self.hide_read else _("Read articles shown."))
        self.reload_list(keep_id=self._current_id())
        self.berita.save_state()

    def action_toggle_sort(self) -> None:
        """Newest first, or grouped by source (the order is listing.py's)."""
        self.sort = self.sort.toggled()
        self.berita.ui_state.sort = self.sort.value
        by_source = self.sort is Sort.SOURCE
        self.notify(_("Sorted by source.") if by_source else _("Sorted newest first."))
        self.reload_list(keep_id=self._current_id())
        self.berita.save_state()

    def action_mark_all_read(self) -> None:
        """Ask first: marking a whole category (or the one feed listed) read cannot be undone."""
        if self.feed_id is not None:
            self._ask_mark_feed_read(self.feed_id)
            return
        category = self._view().category_filter
        unread = self.categories_widget.unread(self.category)
        question = ngettext(
            "Mark {count} unread article in {category} as read?",
            "Mark all {count} unread articles in {category} as read?",
            unread,
        ).format(count=unread, category=category_label(self.category))
        self._confirm_mark_read(question, unread, category, None)

    @work(thread=True, group="state", exit_on_error=False)
    def _ask_mark_feed_read(self, feed_id: int) -> None:
        store = self.service.store
        unread = store.count_articles(feed_id=feed_id, unread=True)
        question = ngettext(
            "Mark {count} unread article of {feed} as read?",
            "Mark all {count} unread articles of {feed} as read?",
            unread,
        ).format(count=unread, feed=store.feed_label(feed_id) or "?")
        self.app.call_from_thread(self._confirm_mark_read, question, unread, None, feed_id)

    def _confirm_mark_read(
        self, question: str, unread: int, category: str | None, feed_id: int | None
    ) -> None:
        if not unread:
            self.notify(_("Nothing unread here."))
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self._mark_all_read(category, feed_id)

        from beritatui.ui.screens.dialogs import ConfirmScreen  # not needed to start

        self.app.push_screen(ConfirmScreen(question), answered)

    @work(thread=True, group="state", exit_on_error=False)
    def _mark_all_read(self, category: str | None, feed_id: int | None = None) -> None:
        count = self.service.mark_all_read(category, feed_id=feed_id)
        self.app.call_from_thread(self._after_mark_all_read, count)

    def _after_mark_all_read(self, count: int) -> None:
        text = ngettext("{count} article marked read", "{count} articles marked read", count)
        self.notify(text.format(count=count))
        self.reload_list(keep_id=self._current_id())

    # -- links ----------------------------------------------------------------

    def action_open_browser(self) -> None:
        """``o``: the article in the browser, or a choice of it and its numbered links."""
        row = self._target_row()
        url = safe_url(row.url) if row else None
        shown = self._shown
        reading = row is not None and shown is not None and shown.row.id == row.id
        links = numbered_links(shown.body) if reading and shown is not None else []
        if links:
            from beritatui.ui.screens.link_picker import LinkPickerScreen  # not needed to start

            self.app.push_screen(LinkPickerScreen(url or "", links), self._picked)
        elif url is None:
            self.notify(_("This article has no http(s) link."), severity="warning")
        else:
            self._open_in_browser(url)

    def _picked(self, url: str | None) -> None:
        if url == "":
            self.notify(_("This article has no http(s) link."), severity="warning")
        elif url is not None:
            self._open_in_browser(url)

    @work(thread=True, group="browser", exit_on_error=False)
    def _open_in_browser(self, url: str) -> None:
        import webbrowser  # not needed to start

        # webbrowser runs the browser as an argument list, never through a shell.
        if not webbrowser.open(url):
            self.app.call_from_thread(self.notify, _("No browser could be opened."))

    def action_copy_link(self) -> None:
        row = self._target_row()
        url = safe_url(row.url) if row else None
        if url is None:
            self.notify(_("This article has no http(s) link."), severity="warning")
            return
        self.app.copy_to_clipboard(url)
        self.notify(_("Link copied: {url}").format(url=url))

    # -- feeds ----------------------------------------------------------------

    def action_feeds(self) -> None:
        self._load_feeds()

    def add_feed(self) -> None:
        """The feed screen, asking at once for the address to add (the palette's Add a feed)."""
        self._add_when_feeds_open = True
        self._load_feeds()

    @work(thread=True, group="feeds", exit_on_error=False)
    def _load_feeds(self) -> None:
        self.post_message(FeedsReady(self.berita.feed_manager.feeds()))

    @on(FeedsReady)
    def _show_feeds(self, message: FeedsReady) -> None:
        from beritatui.ui.screens.feeds import FeedStatusScreen  # its table loads when first used

        screen = FeedStatusScreen(
            message.feeds,
            self.berita.feed_manager,
            clock=self.now,
            offline=self.service.forced_offline,
        )
        self.app.push_screen(screen, self._after_feed_screen)
        if self._add_when_feeds_open:
            self._add_when_feeds_open = False
            screen.call_after_refresh(screen.action_add)

    def _after_feed_screen(self, changed: bool | None) -> None:
        """Feeds were added, removed or edited: the sidebar and list follow the new config."""
        if changed:
            self.berita.config = self.service.config
            self.reload_list(keep_id=self._current_id())

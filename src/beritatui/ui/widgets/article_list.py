"""The article list: a line-rendering scroll view that stays fast with 100k rows.

Each article takes two lines (title, then source · time · marks). Only the
visible lines are rendered, and rendered strips are cached per row state, so
the cost of a repaint does not grow with the number of articles.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from beritatui.i18n import N_, _
from beritatui.models import ArticleRow
from beritatui.timefmt import relative_time
from beritatui.ui.bindings import localize_bindings

ROW_HEIGHT = 2


class ArticleList(ScrollView, can_focus=True):
    """Two-line rows of :class:`ArticleRow`; ``enter`` asks to open the highlighted one.

    Past 250 lines on purpose: it draws its own lines (a ``ScrollView``, for 100,000
    rows), so the cursor, paging, marks and line rendering share one row cache.
    """

    BINDINGS = [
        Binding("j,down", "cursor_down", N_("Down"), show=False),
        Binding("k,up", "cursor_up", N_("Up"), show=False),
        Binding("pagedown", "page_down", N_("Page down"), show=False),
        Binding("pageup", "page_up", N_("Page up"), show=False),
        Binding("home,g", "first", N_("First"), show=False),
        Binding("end,G", "last", N_("Last"), show=False),
        Binding("enter", "open", N_("Read"), show=True),
    ]

    COMPONENT_CLASSES = {
        "article-list--cursor",
        "article-list--unread",
        "article-list--read",
        "article-list--meta",
        "article-list--mark",
        "article-list--empty",
    }

    cursor: reactive[int] = reactive(0, always_update=True)

    MORE_MARGIN = 50
    """Ask for the next page when the cursor comes this close to the last row."""

    @dataclass
    class Selected(Message):
        """The user asked to read ``row``."""

        row: ArticleRow

    @dataclass
    class NeedMore(Message):
        """The cursor is near the end and more rows exist: load from ``offset``."""

        offset: int

    def __init__(
        self,
        *,
        clock: Callable[[], datetime],
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        localize_bindings(self)
        self.rows: list[ArticleRow] = []
        self.trending_ids: frozenset[int] = frozenset()
        self.show_category = False
        """Rows say their category (lists that span categories: Saved, search)."""
        self.empty_text = _("No articles yet. Press r to load the news.")
        self._clock = clock
        self._line_cache: dict[tuple[object, ...], Strip] = {}
        """Rendered lines by everything they show (the row itself, cursor, focus, width …):
        a new list reuses the lines of rows it still shows."""
        self._styles: dict[str, Style] = {}
        """Resolved styles (walking the CSS for each line cost ~1 ms a line while a
        refresh repainted the list); dropped when styles or focus change."""
        self._empty_wrapped: tuple[tuple[str, int], list[Text]] | None = None
        self._index_by_id: dict[int, int] = {}
        self.more_available = False
        """The store has rows past the last one listed (set by whoever loads them)."""
        self._more_requested = False

    # -- data -----------------------------------------------------------------

    def set_rows(self, rows: Sequence[ArticleRow], *, keep_id: int | None = None) -> None:
        """Replace every row; keep the cursor on ``keep_id`` when it is still listed."""
        self.rows = list(rows)
        self._index_by_id = {row.id: index for index, row in enumerate(self.rows)}
        self._more_requested = False
        self.virtual_size = Size(self.size.width, len(self.rows) * ROW_HEIGHT)
        index = self._index_by_id.get(keep_id, 0) if keep_id is not None else 0
        self.cursor = min(index, max(len(self.rows) - 1, 0))
        self.scroll_to(y=max(0, self.cursor * ROW_HEIGHT - self.size.height // 2), animate=False)
        self.refresh()

    def append_rows(self, rows: Sequence[ArticleRow], *, more: bool) -> None:
        """Add the next page below; rows already listed (the list shifted) are skipped."""
        for row in rows:
            if row.id not in self._index_by_id:
                self._index_by_id[row.id] = len(self.rows)
                self.rows.append(row)
        self.more_available = more
        self._more_requested = False
        self.virtual_size = Size(self.size.width, len(self.rows) * ROW_HEIGHT)
        self.refresh()

    def update_row(self, article_id: int, **changes: object) -> ArticleRow | None:
        """Change fields of one row in place (read/bookmark marks); returns the new row."""
        index = self._index_by_id.get(article_id)
        if index is None:
            return None
        row = replace(self.rows[index], **changes)  # type: ignore[arg-type]
        self.rows[index] = row
        self.refresh_lines(index * ROW_HEIGHT - int(self.scroll_offset.y), ROW_HEIGHT)
        return row

    def set_trending(self, ids: frozenset[int]) -> None:
        """Article ids that belong to a trending story (shown with a mark)."""
        self.trending_ids = ids  # part of each cached line's key
        self.refresh()

    @property
    def current(self) -> ArticleRow | None:
        """The highlighted row, if any."""
        if 0 <= self.cursor < len(self.rows):
            return self.rows[self.cursor]
        return None

    def index_of(self, article_id: int) -> int | None:
        """Position of an article in the list."""
        return self._index_by_id.get(article_id)

    def move_to(self, article_id: int) -> None:
        """Put the cursor on ``article_id`` if listed."""
        index = self._index_by_id.get(article_id)
        if index is not None:
            self.cursor = index

    # -- cursor ---------------------------------------------------------------

    def validate_cursor(self, value: int) -> int:
        return max(0, min(value, len(self.rows) - 1)) if self.rows else 0

    def watch_cursor(self, old: int, new: int) -> None:
        self._refresh_row(old)
        self._refresh_row(new)
        self.scroll_to_region(
            Region(0, new * ROW_HEIGHT, self.size.width, ROW_HEIGHT), animate=False, force=True
        )
        near_end = new >= len(self.rows) - min(self.MORE_MARGIN, len(self.rows) // 2)
        if near_end and self.more_available and not self._more_requested:
            self._more_requested = True
            self.post_message(self.NeedMore(len(self.rows)))

    def _refresh_row(self, index: int) -> None:
        self.refresh_lines(index * ROW_HEIGHT - int(self.scroll_offset.y), ROW_HEIGHT)

    def action_cursor_down(self) -> None:
        self.cursor += 1

    def action_cursor_up(self) -> None:
        self.cursor -= 1

    def action_page_down(self) -> None:
        self.cursor += max(1, self.size.height // ROW_HEIGHT - 1)

    def action_page_up(self) -> None:
        self.cursor -= max(1, self.size.height // ROW_HEIGHT - 1)

    def action_first(self) -> None:
        self.cursor = 0

    def action_last(self) -> None:
        self.cursor = len(self.rows) - 1

    def action_open(self) -> None:
        row = self.current
        if row is not None:
            self.post_message(self.Selected(row))

    def on_click(self, event: events.Click) -> None:
        self.cursor = (int(self.scroll_offset.y) + event.y) // ROW_HEIGHT
        self.action_open()

    # -- rendering ------------------------------------------------------------

    def on_mount(self) -> None:
        self.set_interval(60, self.refresh)  # keep the ages current
        # A new theme may change only component styles, which Textual applies without
        # notify_style_update: the resolved styles must go then too.
        self.app.theme_changed_signal.subscribe(self, self._on_theme_changed)

    def _on_theme_changed(self, _theme: object) -> None:
        self._forget_styles()
        self.refresh()

    def on_resize(self) -> None:
        self._line_cache.clear()
        self.virtual_size = Size(self.size.width, len(self.rows) * ROW_HEIGHT)

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._forget_styles()

    def _forget_styles(self) -> None:
        self._line_cache.clear()
        self._styles.clear()
        self._empty_wrapped = None

    def render_line(self, y: int) -> Strip:
        # Without the scrollbar's column, so a cut title still ends in "…" beside it.
        width = self.scrollable_content_region.width
        line = int(self.scroll_offset.y) + y
        index, part = divmod(line, ROW_HEIGHT)
        base = self._style("")
        if not self.rows:
            wrapped = self._empty_lines(width)
            if 1 <= y <= len(wrapped):
                return self._strip(Text(" ") + wrapped[y - 1], width, base)
            return Strip.blank(width, base)
        if index >= len(self.rows):
            return Strip.blank(width, base)
        row = self.rows[index]
        selected = index == self.cursor
        minute = int(self._clock().timestamp() // 60)  # ages ("5 mnt") change with time
        trending = row.id in self.trending_ids
        key = (row, part, selected, self.has_focus, width, trending, self.show_category, minute)
        cached = self._line_cache.get(key)
        if cached is not None:
            return cached
        text = self._title_text(row) if part == 0 else self._meta_text(row)
        style = base
        recolor = None
        if selected:
            style = base + self._style("article-list--cursor")
            recolor = self._cursor_color()
        strip = self._strip(text, width, style, recolor)
        if len(self._line_cache) > 2000:
            self._line_cache.clear()
        self._line_cache[key] = strip
        return strip

    def on_focus(self) -> None:
        self._forget_styles()
        self.refresh()

    def on_blur(self) -> None:
        self._forget_styles()
        self.refresh()

    def _strip(self, text: Text, width: int, style: Style, recolor: Style | None = None) -> Strip:
        """``text`` as one line of ``width`` on ``style``; ``recolor`` overrides every
        part's colour (the focused cursor row)."""
        text.truncate(max(width, 1), overflow="ellipsis", pad=True)
        segments = [
            Segment(seg.text, style + seg.style if seg.style else style)
            for seg in text.render(self.app.console)
            if seg.text != "\n"
        ]
        if recolor is not None:
            segments = [Segment(seg.text, (seg.style or style) + recolor) for seg in segments]
        return Strip(segments, width).crop(0, width)

    def _cursor_color(self) -> Style | None:
        """The cursor row's own text colour, when the CSS gives it one (else ``None``)."""
        key = "cursor-color"
        if key not in self._styles:
            rules = self.get_component_styles("article-list--cursor")
            color = self._style("article-list--cursor").color
            self._styles[key] = Style(color=color) if rules.has_rule("color") else Style()
        cached = self._styles[key]
        return cached if cached.color is not None else None

    def _empty_lines(self, width: int) -> list[Text]:
        """The empty list's message wrapped to ``width`` (once, not once per line)."""
        key = (self.empty_text, width)
        if self._empty_wrapped is None or self._empty_wrapped[0] != key:
            style = self._part("article-list--empty")
            lines = Text(self.empty_text, style=style).wrap(self.app.console, max(width - 2, 1))
            self._empty_wrapped = (key, list(lines))
        return [line.copy() for line in self._empty_wrapped[1]]

    def _style(self, name: str) -> Style:
        """The widget's own style (``""``) or a component's, resolved once per style change."""
        style = self._styles.get(name)
        if style is None:
            style = self.rich_style if not name else self.get_component_rich_style(name)
            self._styles[name] = style
        return style

    def _part(self, name: str) -> Style:
        """A component's text style without its background, so the row's shows through."""
        cached = self._styles.get("part:" + name)
        if cached is not None:
            return cached
        full = self._style(name)
        self._styles["part:" + name] = part = Style(
            color=full.color,
            bold=full.bold,
            dim=full.dim,
            italic=full.italic,
            underline=full.underline,
            strike=full.strike,
        )
        return part

    def _title_text(self, row: ArticleRow) -> Text:
        state = "article-list--read" if row.is_read else "article-list--unread"
        dot = "○ " if row.is_read else "● "
        text = Text()
        text.append(dot, style=self._part("article-list--mark"))
        text.append(row.title, style=self._part(state))
        return text

    def _meta_text(self, row: ArticleRow) -> Text:
        meta = self._part("article-list--meta")
        mark = self._part("article-list--mark")
        text = Text("  ", style=meta)
        text.append(row.source, style=meta)
        if self.show_category:
            text.append(" · " + row.category, style=meta)
        if row.published is not None:
            text.append(" · " + relative_time(row.published, self._clock()), style=meta)
        if row.is_bookmarked:
            text.append("  ★", style=mark)
        if row.id in self.trending_ids:
            text.append("  ▲ " + _("trending"), style=mark)
        if row.has_body:
            text.append("  ⤓", style=meta)
        return text

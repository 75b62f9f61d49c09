"""The one-line bar over the panes: app name, tabs, refresh progress, online state."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from rich.text import Text
from textual import events
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

from beritatui.i18n import N_, _
from beritatui.listing import Tab
from beritatui.timefmt import local_time

TABS = ((Tab.LATEST, N_("Latest")), (Tab.TRENDING, N_("Trending")), (Tab.SAVED, N_("Saved")))
"""The tabs and their labels (catalog messages), shown after the number key."""


class TopBar(Widget):
    """Renders from reactives only; the app sets them. A click on a tab asks for it."""

    COMPONENT_CLASSES = {"top-bar--tab", "top-bar--active", "top-bar--status", "top-bar--offline"}

    tab: reactive[Tab] = reactive(Tab.LATEST)
    online: reactive[bool] = reactive(True)
    progress: reactive[str] = reactive("")

    class TabClicked(Message):
        """The user clicked the label of ``tab`` (the screen switches to it)."""

        def __init__(self, tab: Tab) -> None:
            super().__init__()
            self.tab = tab

    def __init__(self, *, clock: Callable[[], datetime], id: str | None = None) -> None:
        super().__init__(id=id)
        self._clock = clock
        self._tab_spans: list[tuple[int, int, Tab]] = []
        """``(start, end, tab)``: the cells of each tab label in the last render."""

    def tab_at(self, x: int) -> Tab | None:
        """The tab whose label covers column ``x``, if any."""
        return next((tab for start, end, tab in self._tab_spans if start <= x < end), None)

    def on_click(self, event: events.Click) -> None:
        tab = self.tab_at(event.x)
        if tab is not None:
            event.stop()
            self.post_message(self.TabClicked(tab))

    def on_mount(self) -> None:
        self.set_interval(30, self.refresh)

    def render(self) -> Text:
        left = Text(" beritatui  ", style="bold")
        spans: list[tuple[int, int, Tab]] = []
        for number, (key, label) in enumerate(TABS, start=1):
            name = "top-bar--active" if key == self.tab else "top-bar--tab"
            start = left.cell_len
            left.append(f" {number} {_(label)} ", style=self.get_component_rich_style(name))
            spans.append((start, left.cell_len, key))
            left.append(" ")
        self._tab_spans = spans
        right = Text()
        if self.progress:
            right.append(
                self.progress + "   ", style=self.get_component_rich_style("top-bar--status")
            )
        if self.online:
            text = "● " + _("online") + " "
            right.append(text, style=self.get_component_rich_style("top-bar--status"))
        else:
            text = "○ " + _("offline") + " "
            right.append(text, style=self.get_component_rich_style("top-bar--offline"))
        right.append(f" {local_time(self._clock()):%H:%M} ")
        gap = max(1, self.size.width - left.cell_len - right.cell_len)
        return left + Text(" " * gap) + right

"""The main screen's responsive layout: width classes, the sidebar, a maximised pane.

The screen carries one width class (``-narrow`` below :data:`MEDIUM` columns,
``-medium`` below :data:`WIDE`, else ``-wide``); ``styles/app.tcss`` sizes the panes
from it. Narrow screens start without the sidebar (``c`` shows it) and show one of
list and right pane: the reader (or the Trending tab's story detail) while it has
focus (``-reading``), the list otherwise.
``z`` maximises the focused pane (Textual's ``Screen.maximized``); escape restores it.
"""

from __future__ import annotations

from textual import events
from textual.app import ComposeResult
from textual.screen import Screen
from textual.widget import Widget

MEDIUM = 120
"""Terminals this wide or wider are "medium": the sidebar shows by default."""
WIDE = 160
"""Terminals this wide or wider are "wide"."""

WIDTH_CLASSES = ("-narrow", "-medium", "-wide")


def width_class(width: int) -> str:
    """The CSS class for a terminal ``width`` columns wide."""
    if width < MEDIUM:
        return "-narrow"
    return "-medium" if width < WIDE else "-wide"


class LayoutMixin(Screen[None]):
    """Width classes, ``c`` (sidebar) and ``z`` (maximise) for the three-pane screen."""

    _sidebar_choice: bool | None = None
    """The user's ``c`` choice; ``None`` until then: the width decides."""

    def compose(self) -> ComposeResult:
        # The classes before the panes mount, so they are styled once: set on mount,
        # each class restyled every widget of the screen again (~100 ms at start-up).
        self._layout_classes(self.app.size.width, update=False)
        yield from super().compose()

    def on_mount(self) -> None:
        self.apply_layout(self.app.size.width)
        self.watch(self, "focused", self._focus_changed, init=False)

    def on_resize(self, event: events.Resize) -> None:
        self.apply_layout(event.size.width)

    @property
    def narrow(self) -> bool:
        """Whether the screen is in its narrow layout."""
        return self.has_class("-narrow")

    @property
    def sidebar_shown(self) -> bool:
        """Whether the category sidebar is shown."""
        return not self.has_class("-no-sidebar")

    def apply_layout(self, width: int) -> None:
        """Set the width class and the sidebar for a screen ``width`` columns wide."""
        self._show_sidebar(self._layout_classes(width))

    def _layout_classes(self, width: int, *, update: bool = True) -> bool:
        """Set the width class (and ``-no-sidebar``); returns whether the sidebar shows."""
        current = width_class(width)
        for name in WIDTH_CLASSES:
            self.set_class(name == current, name, update=update)
        shown = self._sidebar_choice
        if shown is None:
            shown = current != "-narrow"
        self.set_class(not shown, "-no-sidebar", update=update)
        return shown

    def _show_sidebar(self, shown: bool) -> None:
        self.set_class(not shown, "-no-sidebar")
        sidebar = self.query_one("#categories")
        if not shown and sidebar.has_focus:
            self.query_one("#articles").focus()

    def action_toggle_sidebar(self) -> None:
        """Show or hide the category sidebar (remembered until the app quits)."""
        self._sidebar_choice = not self.sidebar_shown
        self._show_sidebar(self._sidebar_choice)
        if self._sidebar_choice:
            self.query_one("#categories").focus()

    def action_maximize_pane(self) -> None:
        """Maximise the focused pane (the list with its title); ``z`` again restores."""
        if self.maximized is not None:
            self.minimize()
            return
        pane = self._focused_pane()
        if pane is not None:
            self.maximized = pane

    def _focused_pane(self) -> Widget | None:
        focused = self.focused
        if focused is None:
            return None
        middle = self.query_one("#middle")
        if focused is middle or middle in focused.ancestors:
            return middle
        return focused

    def focus_reader(self) -> None:
        """Move to the reader (on a narrow screen it takes the list's place)."""
        self.set_class(True, "-reading")
        self.query_one("#reader").focus()

    def _focus_changed(self, focused: Widget | None) -> None:
        """Narrow: the right pane (reader or story detail) shows while it has focus."""
        if focused is None:
            return
        right = (self.query_one("#reader"), self.query_one("#story"))
        self.set_class(any(focused is w or w in focused.ancestors for w in right), "-reading")

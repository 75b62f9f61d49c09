"""A footer that shows the keys that fit, the most important first.

Textual's :class:`~textual.widgets.Footer` lists every shown binding in the order
the screen defines them and clips the rest ("d Gela" at 80 columns).
:class:`ResponsiveFooter` orders them by :data:`PRIORITY` and leaves out, from the
least important, the keys that would not fit in its width; it recomposes when its
width or the keys it would show change (not on every focus change, as Textual's does).
The palette key (``^p``) stays on the right while it fits.
"""

from __future__ import annotations

from rich.cells import cell_len
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

PRIORITY = (
    "open",
    "go_back",
    "refresh",
    "search",
    "bookmark",
    "toggle_sidebar",
    "help",
    "quit",
    "app.help",
    "app.quit",
    "toggle_dark",
    "app.toggle_dark",
)
"""Actions in the order their keys are kept; others follow in the screen's order."""


def key_width(key_display: str, description: str) -> int:
    """Columns a :class:`FooterKey` takes (" key " then "description ")."""
    width = cell_len(key_display) + 2
    if description:
        width += cell_len(description) + 1
    return width


def _rank(action: str) -> int:
    bare = action.removeprefix("app.").removeprefix("screen.")
    for name in (action, bare):
        if name in PRIORITY:
            return PRIORITY.index(name)
    return len(PRIORITY)


def fitting(keys: list[tuple[int, int]], width: int) -> list[int]:
    """Indexes of ``keys`` ((rank, width) each) to show in ``width``, best first.

    Keys are taken by rank (ties in their given order) while they fit; a key too wide
    for what is left is skipped, so a shorter, less important one may still show.
    """
    order = sorted(range(len(keys)), key=lambda i: (keys[i][0], i))
    chosen: list[int] = []
    left = width
    for index in order:
        need = keys[index][1]
        if need <= left:
            chosen.append(index)
            left -= need
    return chosen


KeyPlan = tuple[str, str, str, str, bool, str, str]
"""What one :class:`FooterKey` is made of: key, display, description, action,
enabled, tooltip and classes."""


class ResponsiveFooter(Footer):
    """The footer's keys by importance, as many as fit.

    Textual's footer recomposes on every change of the screen's bindings, which is
    every focus change; this one recomposes only when the keys it would show (or
    their state) differ from those it shows.
    """

    def __init__(self) -> None:
        super().__init__(show_command_palette=False)
        self._composed_width = 0
        self._composed: tuple[KeyPlan, ...] | None = None
        self.recomposes = 0
        """How many times the keys were built again (for tests and benchmarks)."""

    def on_resize(self, event: events.Resize) -> None:
        if event.size.width != self._composed_width:
            self.call_after_refresh(self.recompose)

    async def recompose(self) -> None:
        if self.is_attached and self._composed is not None and self._plan() == self._composed:
            return
        self.recomposes += 1
        await super().recompose()

    def compose(self) -> ComposeResult:
        plan = self._plan()
        self._composed = plan if self._bindings_ready else None
        for key, display, description, action, enabled, tooltip, classes in plan:
            yield FooterKey(
                key,
                display,
                description,
                action,
                disabled=not enabled,
                tooltip=tooltip,
                classes=classes,
            ).data_bind(compact=Footer.compact)

    def _plan(self) -> tuple[KeyPlan, ...]:
        """The keys to show at the current width, in order (none before bindings are ready)."""
        if not self._bindings_ready:
            return ()
        width = self.size.width or self.app.size.width
        self._composed_width = width
        seen: set[str] = set()
        shown: list[tuple[Binding, bool, str]] = []
        active = self.screen.active_bindings
        for _node, binding, enabled, tooltip in active.values():
            if binding.show and binding.action not in seen:
                seen.add(binding.action)
                shown.append((binding, enabled, tooltip))
        palette: tuple[Binding, bool, str] | None = None
        if self.app.ENABLE_COMMAND_PALETTE and self.app.COMMAND_PALETTE_BINDING in active:
            _node, binding, enabled, tooltip = active[self.app.COMMAND_PALETTE_BINDING]
            palette = (binding, enabled, binding.tooltip or tooltip)
        if palette is not None:
            binding = palette[0]
            need = key_width(self.app.get_key_display(binding), binding.description) + 2
            if need <= width // 3:
                width -= need
            else:
                palette = None
        sizes = [
            (_rank(b.action), key_width(self.app.get_key_display(b), b.description))
            for b, _, _ in shown
        ]
        plan = [self._key(*shown[index]) for index in fitting(sizes, width)]
        if palette is not None:
            plan.append(self._key(*palette, classes="-command-palette"))
        return tuple(plan)

    def _key(self, binding: Binding, enabled: bool, tooltip: str, classes: str = "") -> KeyPlan:
        display = self.app.get_key_display(binding)
        tip = tooltip or binding.description
        return (binding.key, display, binding.description, binding.action, enabled, tip, classes)

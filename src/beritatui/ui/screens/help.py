"""The help screen: every key binding, in the words of the footer, in the interface language."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from beritatui.i18n import N_, _
from beritatui.ui.bindings import localize_bindings

KEYS: tuple[tuple[str, str], ...] = (
    ("j / k, ↓ / ↑", N_("move")),
    ("enter", N_("open in the reader")),
    ("tab / shift+tab", N_("next / previous pane")),
    ("escape", N_("back")),
    ("1  2  3", N_("Latest / Trending / Saved")),
    ("[  ]", N_("previous / next category")),
    ("n / p", N_("next / previous article while reading")),
    ("space", N_("page down in the reader")),
    ("b", N_("save / remove bookmark")),
    ("m", N_("mark read / unread")),
    ("M", N_("mark everything in the category read (asks first)")),
    ("h", N_("hide / show read articles (remembered)")),
    ("d", N_("dark / light variant of the theme (remembered)")),
    ("r", N_("refresh feeds")),
    ("/", N_("search")),
    ("v", N_("other sources' versions of this story")),
    ("o", N_("open in browser")),
    ("y", N_("copy link")),
    ("i", N_("pictures on / off (images = true)")),
    ("f", N_("feeds: status, add, remove, rename, category, retry")),
    ("?", N_("this help")),
    ("ctrl+p", N_("command palette")),
    ("q", N_("quit")),
)
"""Keys and what they do (catalog messages, translated when the screen is shown)."""


class HelpScreen(ModalScreen[None]):
    """Modal list of keys; any of escape, q or ? closes it."""

    BINDINGS = [Binding("escape,q,question_mark", "dismiss", N_("Close"))]

    def __init__(self) -> None:
        super().__init__()
        localize_bindings(self)

    def compose(self) -> ComposeResult:
        table = Table(box=None, show_header=False, padding=(0, 2))
        table.add_column(style="bold")
        table.add_column()
        for key, action in KEYS:
            table.add_row(Text(key), Text(_(action)))
        with VerticalScroll(id="help-box"):
            yield Static(Text(_("beritatui keys"), style="bold"), id="help-title")
            yield Static(table)
            yield Static(Text(_("escape to close"), style="dim"), id="help-hint")

    def action_dismiss(self, result: None = None) -> None:  # type: ignore[override]
        self.dismiss(result)

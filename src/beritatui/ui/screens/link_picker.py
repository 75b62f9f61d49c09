"""The ``o`` picker: open the article itself (0) or one of its numbered links.

Digits type the number (the row it names is highlighted), Enter opens the
highlighted row, so ``o`` then Enter opens the article as ``o`` alone did before
articles had links; the arrow keys move too, Escape closes. The screen only
chooses: it dismisses with the URL and the caller opens it.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from beritatui.i18n import N_, _
from beritatui.ui.bindings import localize_bindings
from beritatui.ui.screens.dialogs import DIALOG_CSS
from beritatui.ui.widgets.reader_links import NumberedLink

HINT_PICK = N_("type a number · enter to open · escape to cancel")


class LinkPickerScreen(ModalScreen[str | None]):
    """Choose what ``o`` opens; dismisses with its URL, ``None`` when cancelled."""

    DEFAULT_CSS = (
        "LinkPickerScreen { align: center middle; }\n"
        "LinkPickerScreen #link-choices { height: auto; max-height: 16; }\n" + DIALOG_CSS
    )
    BINDINGS = [
        Binding("escape", "cancel", N_("Cancel")),
        Binding("backspace", "erase", N_("Erase a digit"), show=False),
    ]

    def __init__(self, article_url: str, links: Sequence[NumberedLink]) -> None:
        super().__init__()
        localize_bindings(self)
        self.urls = [article_url, *(link.url for link in links)]
        self.links = list(links)
        self.typed = ""
        """The digits typed so far (always a number that is listed, or empty)."""

    def compose(self) -> ComposeResult:
        width = len(str(len(self.links)))
        options = [Option(self._row(0, width, _("the article itself"), ""), id="0")]
        options += [
            Option(self._row(link.number, width, link.text, link.host), id=str(link.number))
            for link in self.links
        ]
        with Vertical(classes="dialog-box"):
            yield Static(Text(_("Open in browser"), style="bold"))
            yield OptionList(*options, id="link-choices")
            yield Static(Text(_(HINT_PICK)), id="link-typed", classes="dialog-hint")

    @staticmethod
    def _row(number: int, width: int, text: str, host: str) -> Text:
        row = Text(f"{number:>{width}}  ", style="bold")
        row.append(text)
        if host:
            row.append(f" · {host}", style="dim")
        return row

    def on_mount(self) -> None:
        choices = self.query_one(OptionList)
        choices.highlighted = 0
        choices.focus()

    def on_key(self, event: events.Key) -> None:
        """A digit extends the number typed (or starts a new one) and highlights it."""
        if event.character is None or not event.character.isdigit():
            return
        event.stop()
        event.prevent_default()
        for candidate in (self.typed + event.character, event.character):
            if int(candidate) < len(self.urls):
                self._show_typed(str(int(candidate)))
                return
        self.app.bell()

    def action_erase(self) -> None:
        """Backspace: take the last digit back."""
        self._show_typed(self.typed[:-1])

    def _show_typed(self, typed: str) -> None:
        self.typed = typed
        self.query_one(OptionList).highlighted = int(typed) if typed else 0
        hint = Text(_(HINT_PICK))
        if typed:
            hint = Text(_("Number: {typed}").format(typed=typed), style="bold")
        self.query_one("#link-typed", Static).update(hint)

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(self.urls[int(str(event.option.id))])

    def action_cancel(self) -> None:
        self.dismiss(None)

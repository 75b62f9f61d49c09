"""Small keyboard-only dialogs: a text prompt, a yes/no question, a choice from a list."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from beritatui.i18n import N_, _
from beritatui.ui.bindings import localize_bindings

DIALOG_CSS = """
.dialog-box {
    width: 80;
    max-width: 95%;
    height: auto;
    max-height: 80%;
    border: round $primary;
    background: $surface;
    padding: 0 1;
}
.dialog-hint { color: $text-muted; }
"""

HINT_PROMPT = N_("enter to save · escape to cancel")
HINT_CONFIRM = N_("y for yes · n or escape to cancel")
HINT_CHOICE = N_("enter to choose · escape to cancel")


class PromptScreen(ModalScreen[str | None]):
    """Ask for one line of text; ``None`` when cancelled."""

    DEFAULT_CSS = "PromptScreen { align: center middle; }" + DIALOG_CSS
    BINDINGS = [Binding("escape", "cancel", N_("Cancel"))]

    def __init__(self, question: str, value: str = "", placeholder: str = "") -> None:
        super().__init__()
        localize_bindings(self)
        self.question = question
        self.value = value
        self.placeholder = placeholder

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box"):
            yield Static(Text(self.question, style="bold"))
            yield Input(value=self.value, placeholder=self.placeholder, id="prompt-input")
            yield Static(Text(_(HINT_PROMPT)), classes="dialog-hint")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    @on(Input.Submitted)
    def _submit(self, event: Input.Submitted) -> None:
        self.dismiss(event.value)

    def action_cancel(self) -> None:
        self.dismiss(None)


class ConfirmScreen(ModalScreen[bool]):
    """A yes/no question; only ``y`` says yes."""

    DEFAULT_CSS = "ConfirmScreen { align: center middle; }" + DIALOG_CSS
    BINDINGS = [
        Binding("y", "answer(True)", N_("Yes")),
        Binding("n,escape", "answer(False)", N_("No")),
    ]

    def __init__(self, question: str) -> None:
        super().__init__()
        localize_bindings(self)
        self.question = question

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box"):
            yield Static(Text(self.question, style="bold"))
            yield Static(Text(_(HINT_CONFIRM)), classes="dialog-hint")

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)


class ChoiceScreen(ModalScreen[list[int] | None]):
    """Pick one item, or every item (the last row); ``None`` when cancelled."""

    DEFAULT_CSS = "ChoiceScreen { align: center middle; }" + DIALOG_CSS
    BINDINGS = [Binding("escape", "cancel", N_("Cancel"))]
    ALL = "all"

    def __init__(self, question: str, items: Sequence[str], all_label: str) -> None:
        super().__init__()
        localize_bindings(self)
        self.question = question
        self.items = list(items)
        self.all_label = all_label

    def compose(self) -> ComposeResult:
        options = [Option(Text(item), id=str(i)) for i, item in enumerate(self.items)]
        options.append(Option(Text(self.all_label, style="italic"), id=self.ALL))
        with Vertical(classes="dialog-box"):
            yield Static(Text(self.question, style="bold"))
            yield OptionList(*options, id="choice-list")
            yield Static(Text(_(HINT_CHOICE)), classes="dialog-hint")

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        key = event.option.id
        self.dismiss(list(range(len(self.items))) if key == self.ALL else [int(str(key))])

    def action_cancel(self) -> None:
        self.dismiss(None)

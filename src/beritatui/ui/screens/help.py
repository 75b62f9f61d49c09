"""The help screen (``?``), generated from the ``BINDINGS`` of every screen and widget.

Nothing here lists keys by hand: :func:`help_sections` reads the bindings of the
app, the main screen, the article list, the reader, the feed screen and the
dialogs (plus Textual's focus keys and the palette key), in the words of the
footer and the interface language, so the help cannot drift from the keys. A
description met again (``Down`` in the list, the reader and the feed screen) is
shown once, with every key that does it. Below the keys: a legend of the marks
the article list uses and where the config file is. The entries flow into as
many columns as the terminal holds, so the screen fits 80×24 without scrolling.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from rich.table import Table
from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.dom import DOMNode
from textual.events import Resize
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

from beritatui.i18n import N_, _
from beritatui.ui.bindings import localize_bindings

TEXTUAL_FOCUS = (N_("Focus Next"), N_("Focus Previous"))
"""Textual's own focus keys (tab / shift+tab), in the catalogs."""
PALETTE = N_("Command palette")
MARKS = (
    ("●", N_("unread")),
    ("○", N_("read")),
    ("★", N_("saved")),
    ("⤓", N_("readable offline")),
    ("▲", N_("trending")),
)
"""The marks :class:`~beritatui.ui.widgets.article_list.ArticleList` draws, and their meaning."""
COLUMN_WIDTH = 25
"""Room per column of keys (the keys, a space, the description; longer ones end in …)."""


@dataclass(slots=True)
class HelpEntry:
    """One thing to do and every key that does it (as the footer shows them)."""

    description: str
    keys: list[str] = field(default_factory=list)


@dataclass(slots=True)
class HelpSection:
    """The keys of one screen or widget."""

    title: str
    entries: list[HelpEntry] = field(default_factory=list)


def _bindings(owner: type[DOMNode]) -> list[Binding]:
    """The bindings ``owner`` declares itself (tuples made into :class:`Binding`)."""
    found: list[Binding] = []
    for item in owner.BINDINGS:
        found.extend(Binding.make_bindings([item]))
    return found


def binding_owners() -> list[tuple[str, list[type[DOMNode]]]]:
    """Section titles (catalog messages) and the classes whose bindings they list."""
    from beritatui.ui.app import BeritaApp
    from beritatui.ui.screens.dialogs import ChoiceScreen, ConfirmScreen, PromptScreen
    from beritatui.ui.screens.feeds import FeedStatusScreen
    from beritatui.ui.screens.main import MainScreen
    from beritatui.ui.widgets.article_list import ArticleList
    from beritatui.ui.widgets.reader import ReaderPane

    return [
        (N_("Everywhere"), [BeritaApp, App]),
        (N_("Main screen"), [MainScreen]),
        (N_("Article list"), [ArticleList]),
        (N_("Reader"), [ReaderPane]),
        (N_("Feed screen"), [FeedStatusScreen]),
        (N_("Dialogs"), [ConfirmScreen, PromptScreen, ChoiceScreen]),
    ]


def shown_bindings(owner: type[DOMNode]) -> list[Binding]:
    """The bindings of ``owner`` that the help lists: those with a description."""
    return [b for b in _bindings(owner) if b.description and not b.system]


def help_sections(app: App[object]) -> list[HelpSection]:
    """Every binding with a description, by section, in the interface language."""
    sections: list[HelpSection] = []
    seen: dict[str, HelpEntry] = {}

    def add(section: HelpSection, description: str, keys: list[str]) -> None:
        entry = seen.get(description)
        if entry is None:
            entry = seen[description] = HelpEntry(description)
            section.entries.append(entry)
        entry.keys.extend(k for k in keys if k not in entry.keys)

    for title, owners in binding_owners():
        section = HelpSection(_(title))
        if title == "Everywhere":
            for binding in _bindings(Screen):
                if binding.description in TEXTUAL_FOCUS:
                    add(section, _(binding.description), [_key(app, binding.key)])
            add(section, _(PALETTE), [_key(app, App.COMMAND_PALETTE_BINDING)])
        for owner in owners:
            for binding in shown_bindings(owner):
                keys = [_key(app, key) for key in binding.key.split(",")]
                add(section, _(binding.description), keys)
        if section.entries:
            sections.append(section)
    return sections


def _key(app: App[object], key: str) -> str:
    return app.get_key_display(Binding(key.strip(), ""))


class HelpScreen(ModalScreen[None]):
    """The keys of every screen, the list marks and the config file; escape, q or ? closes."""

    BINDINGS = [Binding("escape,q,question_mark", "dismiss", N_("Close"))]

    def __init__(self, config_path: Path | None = None) -> None:
        super().__init__()
        localize_bindings(self)
        self.config_path = config_path

    def compose(self) -> ComposeResult:
        with Vertical(id="help-box") as box:
            # Title and hint sit in the border: two more lines for the keys at 80×24.
            box.border_title = _("beritatui keys")
            box.border_subtitle = _("escape to close")
            yield Static(id="help-keys")
            yield Static(self._legend(), id="help-legend")
            if self.config_path is not None:
                words = _("Config file: {path}").format(path=self.config_path)
                yield Static(Text(words, style="dim"), id="help-config")

    def on_mount(self) -> None:
        self._lay_out(self.app.size.width)

    def on_resize(self, event: Resize) -> None:
        self._lay_out(event.size.width)

    def _lay_out(self, width: int) -> None:
        """The sections in as many columns as ``width`` holds (headers stay with their keys)."""
        lines: list[tuple[bool, Text]] = []  # (is a section title, the line)
        for section in help_sections(self.app):
            lines.append((True, Text(section.title, style="bold underline")))
            for entry in section.entries:
                line = Text(" ".join(entry.keys), style="bold")
                line.append(" " + entry.description)
                lines.append((False, line))
        columns = max(1, min(4, (width - 4) // COLUMN_WIDTH))
        rows = -(-len(lines) // columns)
        chunks: list[list[tuple[bool, Text]]] = [[]]
        for item in lines:
            if len(chunks[-1]) >= rows:
                # A title never ends a column: it moves on with its keys.
                moved = [chunks[-1].pop()] if chunks[-1][-1][0] else []
                chunks.append(moved)
            chunks[-1].append(item)
        table = Table(box=None, show_header=False, padding=(0, 1), expand=True)
        for _chunk in chunks:
            table.add_column(ratio=1, overflow="ellipsis", no_wrap=True)
        table.add_row(*(Text("\n").join(line for _t, line in chunk) for chunk in chunks))
        self.query_one("#help-keys", Static).update(table)

    def _legend(self) -> Text:
        text = Text()
        for mark, meaning in MARKS:
            if text:
                text.append("  ")
            text.append(mark, style="bold")
            text.append(" " + _(meaning))
        return text

    def action_dismiss(self, result: None = None) -> None:  # type: ignore[override]
        self.dismiss(result)

"""Key binding descriptions and Textual's own commands in the interface language.

``BINDINGS`` are class attributes, built when a module is imported: their
descriptions are English catalog messages (marked with ``N_``) and each instance
translates its own copy when it is created, so the footer, the key panel and the
help screen speak the language chosen at run time.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import replace

from textual.app import SystemCommand
from textual.dom import DOMNode

from beritatui.i18n import N_, _

TEXTUAL_MESSAGES = (
    N_("Select"),
    N_("Page Down"),
    N_("Page Up"),
    N_("palette"),
    N_("Open the command palette"),
    N_("Exit the command palette"),
    N_("Theme"),
    N_("Change the current theme"),
    N_("Quit"),
    N_("Quit the application as soon as possible"),
    N_("Keys"),
    N_("Hide the keys and widget help panel"),
    N_("Show help for the focused widget and a summary of available keys"),
    N_("Minimize"),
    N_("Minimize the widget and restore to normal size"),
    N_("Maximize"),
    N_("Maximize the focused widget"),
    N_("Screenshot"),
    N_("Save an SVG 'screenshot' of the current screen"),
)
"""Textual's own words beritatui shows: option list keys, the palette binding, built-in commands."""


def localize_bindings(node: DOMNode) -> None:
    """Translate the descriptions and tooltips of ``node``'s own copy of its bindings."""
    bindings = node._bindings
    for key, items in list(bindings.key_to_bindings.items()):
        bindings.key_to_bindings[key] = [
            replace(
                binding,
                description=_(binding.description) if binding.description else "",
                tooltip=_(binding.tooltip) if binding.tooltip else "",
            )
            for binding in items
        ]


def localized_system_commands(commands: Iterable[SystemCommand]) -> Iterator[SystemCommand]:
    """Textual's built-in palette commands with translated titles and help."""
    for command in commands:
        yield command._replace(title=_(command.title), help=_(command.help))

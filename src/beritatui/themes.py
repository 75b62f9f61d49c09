"""Theme names and the dark/light pairing behind the ``d`` key.

Textual-free: the UI passes in the names it has and which of them are dark.
``d`` keeps the user's theme family: ``catppuccin-mocha`` goes to ``catppuccin-latte``
and back, ``nord`` (no light sibling) goes to the default light theme and back to
``nord``, and a configured pair (``theme_dark`` / ``theme_light`` in ``[settings]``)
wins over both.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

DEFAULT_THEME_DARK = "textual-dark"
DEFAULT_THEME_LIGHT = "textual-light"

LIGHT_SIBLINGS: Mapping[str, str] = {
    "textual-dark": "textual-light",
    "catppuccin-mocha": "catppuccin-latte",
    "catppuccin-frappe": "catppuccin-latte",
    "catppuccin-macchiato": "catppuccin-latte",
    "solarized-dark": "solarized-light",
    "rose-pine": "rose-pine-dawn",
    "rose-pine-moon": "rose-pine-dawn",
    "atom-one-dark": "atom-one-light",
    "ansi-dark": "ansi-light",
}
"""The light theme of each dark theme's own family (Textual's built-in themes)."""

DARK_SIBLINGS: Mapping[str, str] = {
    "textual-light": "textual-dark",
    "catppuccin-latte": "catppuccin-mocha",
    "solarized-light": "solarized-dark",
    "rose-pine-dawn": "rose-pine",
    "atom-one-light": "atom-one-dark",
    "ansi-light": "ansi-dark",
}
"""The dark theme of each light theme's family (the first, where a family has several)."""


@dataclass(frozen=True, slots=True)
class ThemePair:
    """A configured dark/light pair; either side may be empty (not configured)."""

    dark: str = ""
    light: str = ""


def toggled_theme(
    current: str,
    dark: Mapping[str, bool],
    *,
    came_from: str = "",
    pair: ThemePair = ThemePair(),
) -> str:
    """The theme ``d`` switches to from ``current``.

    ``dark`` maps every available theme name to whether it is dark. ``came_from`` is
    the theme the last ``d`` left: going back to it keeps a family without a sibling
    (nord → textual-light → nord).
    """
    is_dark = dark.get(current, True)
    configured = pair.light if is_dark else pair.dark
    if configured in dark:
        return configured
    if came_from in dark and dark[came_from] != is_dark:
        return came_from
    siblings = LIGHT_SIBLINGS if is_dark else DARK_SIBLINGS
    sibling = siblings.get(current, "")
    if sibling in dark:
        return sibling
    return DEFAULT_THEME_LIGHT if is_dark else DEFAULT_THEME_DARK

"""``d`` keeps the user's theme family; unknown theme names are refused, never saved."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.theme import BUILTIN_THEMES

from beritatui.config import load_config
from beritatui.paths import database_file, state_file
from beritatui.store import Store
from beritatui.themes import DARK_SIBLINGS, LIGHT_SIBLINGS, ThemePair, toggled_theme
from beritatui.ui.app import BeritaApp
from tests.helpers import driven, make_app, write_config
from tests.server import LocalServer
from tests.site import LocalSite, build_site

DARKNESS = {name: theme.dark for name, theme in BUILTIN_THEMES.items()}


@pytest.fixture
def site(server: LocalServer) -> LocalSite:
    return build_site(server)


@pytest.mark.parametrize(
    ("start", "other"),
    [
        ("textual-dark", "textual-light"),
        ("catppuccin-mocha", "catppuccin-latte"),
        ("solarized-dark", "solarized-light"),
        ("rose-pine-moon", "rose-pine-dawn"),
        ("nord", "textual-light"),
    ],
)
def test_d_twice_comes_back_to_the_start(start: str, other: str) -> None:
    there = toggled_theme(start, DARKNESS)
    assert there == other
    assert toggled_theme(there, DARKNESS, came_from=start) == start


def test_siblings_name_real_themes_of_the_other_darkness() -> None:
    for dark, light in LIGHT_SIBLINGS.items():
        assert DARKNESS[dark]
        assert not DARKNESS[light]
    for light, dark in DARK_SIBLINGS.items():
        assert not DARKNESS[light]
        assert DARKNESS[dark]


def test_a_configured_pair_wins_and_a_stale_came_from_is_ignored() -> None:
    pair = ThemePair(dark="dracula", light="atom-one-light")
    assert toggled_theme("nord", DARKNESS, pair=pair) == "atom-one-light"
    assert toggled_theme("atom-one-light", DARKNESS, came_from="nord", pair=pair) == "dracula"
    # came_from of the same darkness (the user changed theme in the palette meanwhile)
    assert toggled_theme("catppuccin-latte", DARKNESS, came_from="textual-light") == (
        "catppuccin-mocha"
    )


async def _choose_then_d(app: BeritaApp, pilot: Pilot[int], chosen: str, expected: str) -> None:
    """Pick ``chosen`` as the palette's theme search does, press d, expect ``expected``."""
    app.theme = chosen
    await pilot.press("d")
    assert app.theme == expected


async def test_d_from_nord_and_back_in_the_app_is_remembered(
    site: LocalSite, isolated_dirs: dict[str, Path]
) -> None:
    app = make_app(site, isolated_dirs["config"])
    async with driven(app) as pilot:
        await _choose_then_d(app, pilot, "nord", "textual-light")
        await pilot.press("q")
    again = make_app(site, isolated_dirs["config"])
    async with driven(again) as pilot:
        assert again.theme == "textual-light"
        await pilot.press("d")
        assert again.theme == "nord"


async def test_configured_pair_and_a_one_off_theme_is_not_saved(
    site: LocalSite, isolated_dirs: dict[str, Path]
) -> None:
    text = site.config_toml().replace(
        "[settings]", '[settings]\ntheme_dark = "gruvbox"\ntheme_light = "solarized-light"'
    )
    write_config(isolated_dirs["config"], text)
    app = BeritaApp(load_config(), Store.open(database_file()), theme="gruvbox")
    async with driven(app) as pilot:
        assert app.theme == "gruvbox"
        await pilot.press("q")
    assert '"gruvbox"' not in state_file().read_text()  # --theme is for one run
    app = BeritaApp(load_config(), Store.open(database_file()))
    async with driven(app) as pilot:
        assert app.theme == "textual-dark"
        await pilot.press("d")
        assert app.theme == "solarized-light"
        await pilot.press("d")
        assert app.theme == "gruvbox"


@pytest.mark.parametrize("language", ["en", "id"])
def test_unknown_theme_is_refused_with_the_names(
    language: str, isolated_dirs: dict[str, Path]
) -> None:
    env = {**os.environ, "LANGUAGE": "", "LC_ALL": "", "LANG": "C"}
    result = subprocess.run(
        [sys.executable, "-m", "beritatui", "--language", language, "--theme", "nordd"],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )
    assert result.returncode == 2
    words = {"en": "there is no theme 'nordd'", "id": "tidak ada tema 'nordd'"}[language]
    assert words in result.stderr
    assert "nord," in result.stderr
    assert "catppuccin-latte" in result.stderr
    assert not state_file().exists()


async def test_a_theme_chosen_in_the_palette_starts_d_afresh(
    site: LocalSite, isolated_dirs: dict[str, Path]
) -> None:
    app = make_app(site, isolated_dirs["config"])
    async with driven(app) as pilot:
        await _choose_then_d(app, pilot, "nord", "textual-light")
        # its own family, not back to nord
        await _choose_then_d(app, pilot, "catppuccin-latte", "catppuccin-mocha")
        await pilot.press("d")
        assert app.theme == "catppuccin-latte"

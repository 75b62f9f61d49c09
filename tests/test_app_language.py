"""The TUI in Indonesian and in English, one language per screen (Pilot)."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from textual.command import CommandList, CommandPalette

from beritatui.ui.app import BeritaApp
from beritatui.ui.screens.help import HelpScreen
from tests.helpers import make_app, refreshed, rendered_reader, wait_for
from tests.server import LocalServer
from tests.site import LocalSite, build_site

ENGLISH = ["Quit", "Help", "Refresh", "Search", "Latest", "Saved", "Categories", "palette"]
INDONESIAN = ["Keluar", "Bantuan", "Muat ulang", "Cari", "Terbaru", "Disimpan", "Kategori", "palet"]
WORDS = {
    "en": {
        "screen": [*ENGLISH, "All · 4", "min ago", "hr ago"],
        "absent": [*INDONESIAN, "Semua", "mnt lalu", "jam lalu"],
        "all": "All",
        "date": r"(Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day, \d+ [A-Z][a-z]+ \d{4}",
        "reader": ["Source: ", "min read"],
        "notice": "4 new articles from 3 feeds",
        "help": ["beritatui keys", "Refresh", "Everywhere", "unread", "escape to close"],
        "palette": ("them", "Theme"),
    },
    "id": {
        "screen": [*INDONESIAN, "Semua · 4", "mnt lalu", "jam lalu"],
        "absent": [*ENGLISH, "All ·", "min ago", "hr ago", "palette"],
        "all": "Semua",
        "date": r"(Senin|Selasa|Rabu|Kamis|Jumat|Sabtu|Minggu), \d+ [A-Z][a-z]+ \d{4}",
        "reader": ["Sumber: ", "mnt baca"],
        "notice": "4 artikel baru dari 3 feed",
        "help": [
            "Tombol beritatui",
            "Muat ulang",
            "Di mana saja",
            "belum dibaca",
            "escape untuk menutup",
        ],
        "palette": ("tema", "Tema"),
    },
}


def screen_text(app: BeritaApp) -> str:
    """Every character on the screen as the terminal would show it."""
    svg = app.export_screenshot()
    lines = re.findall(r'<text [^>]*class="[^"]*"[^>]*>([^<]*)</text>', svg)
    return html.unescape("".join(lines)).replace("\xa0", " ")


@pytest.fixture
def site(server: LocalServer) -> LocalSite:
    return build_site(server)


@pytest.mark.parametrize("language", ["en", "id"])
async def test_the_whole_screen_speaks_one_language(
    language: str, site: LocalSite, isolated_dirs: dict[str, Path]
) -> None:
    words = WORDS[language]
    app = make_app(site, isolated_dirs["config"], language=language, refresh_on_start=False)
    async with app.run_test(size=(160, 45)) as pilot:
        await refreshed(app, pilot, 4)
        await wait_for(lambda: any(n.message for n in app._notifications), pilot)
        assert words["notice"] in [n.message for n in app._notifications]
        text = screen_text(app)
        for word in words["screen"]:
            assert word in text, word
        for word in words["absent"]:
            assert not re.search(rf"(?<!\w){re.escape(word)}(?!\w)", text), word
        # The all-categories row is translated; configured categories stay as written.
        labels = [
            str(app.main.categories_widget.get_option_at_index(i).prompt).split()[0]
            for i in range(app.main.categories_widget.option_count)
        ]
        assert labels == [words["all"], "Nasional", "Ekonomi", "Olahraga"]
        await pilot.press("enter")
        await wait_for(lambda: app.main.reader.article_id is not None, pilot)
        await wait_for(lambda: words["reader"][1] in rendered_reader(app), pilot)
        reader = rendered_reader(app)
        assert re.search(words["date"], reader), reader[:300]
        for word in words["reader"]:
            assert word in reader


@pytest.mark.parametrize("language", ["en", "id"])
async def test_help_screen_and_palette_in_the_language(
    language: str, site: LocalSite, isolated_dirs: dict[str, Path]
) -> None:
    words = WORDS[language]
    app = make_app(site, isolated_dirs["config"], language=language, refresh_on_start=False)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.press("question_mark")
        await wait_for(lambda: isinstance(app.screen, HelpScreen), pilot)
        text = screen_text(app)
        for word in words["help"]:
            assert word in text, word
        await pilot.press("escape")
        await wait_for(lambda: not isinstance(app.screen, HelpScreen), pilot)
        # Textual's built-in commands are found by their name in the interface language.
        query, title = words["palette"]
        await pilot.press("ctrl+p")
        await wait_for(lambda: isinstance(app.screen, CommandPalette), pilot)
        await pilot.press(*query)
        results = app.screen.query_one(CommandList)
        await wait_for(lambda: results.option_count > 0, pilot)
        prompts = [str(results.get_option_at_index(i).prompt) for i in range(results.option_count)]
        assert any(title in prompt for prompt in prompts), prompts
        assert title in screen_text(app)
        placeholder = "Search for commands…" if language == "en" else "Cari perintah…"
        assert app.screen.query_one("CommandInput").placeholder == placeholder  # type: ignore[attr-defined]

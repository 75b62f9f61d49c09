"""The command palette's app commands, in Indonesian and English (Pilot over the local site)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from textual.command import CommandList, CommandPalette
from textual.pilot import Pilot
from textual.widgets import Static

from beritatui.config import load_config
from beritatui.listing import Tab
from beritatui.ui.app import BeritaApp
from beritatui.ui.commands import BeritaCommands, _highlight, _sidebar_action
from beritatui.ui.screens.dialogs import ConfirmScreen
from tests.helpers import driven, make_app, refreshed, wait_for
from tests.server import LocalServer
from tests.site import LocalSite, build_site

WORDS = {
    "en": {
        "refresh": ("refr", "Refresh"),
        "category": ("ekonomi", "Go to category Ekonomi"),
        "export": ("export", "Export bookmarks"),
        "exported": "Bookmarks exported to ",
        "language": ("indonesia", "Language: Bahasa Indonesia"),
        "screenshot": "Screenshot saved to ",
    },
    "id": {
        "refresh": ("muat", "Muat ulang"),
        "category": ("ekonomi", "Buka kategori Ekonomi"),
        "export": ("ekspor", "Ekspor bookmark"),
        "exported": "Bookmark diekspor ke ",
        "language": ("english", "Bahasa: English"),
        "screenshot": "Tangkapan layar disimpan ke ",
    },
}


@pytest.fixture
def site(server: LocalServer) -> LocalSite:
    return build_site(server)


async def run_command(pilot: Pilot[int], query: str, title: str) -> None:
    """ctrl+p, type ``query``, check the best match is ``title``, run it."""
    app = pilot.app
    await pilot.press("ctrl+p")
    await wait_for(lambda: isinstance(app.screen, CommandPalette), pilot)
    await pilot.press(*query)
    results = app.screen.query_one(CommandList)

    def best() -> str:
        if not results.option_count:
            return ""
        return str(results.get_option_at_index(0).prompt).split("\n")[0]

    await wait_for(lambda: best() == title, pilot)
    await pilot.press("enter")
    await wait_for(lambda: not isinstance(app.screen, CommandPalette), pilot)


def notices(app: BeritaApp) -> list[str]:
    return [n.message for n in app._notifications]


@pytest.mark.parametrize("language", ["en", "id"])
async def test_palette_commands_in_the_interface_language(
    language: str, site: LocalSite, isolated_dirs: dict[str, Path]
) -> None:
    words = WORDS[language]
    app = make_app(site, isolated_dirs["config"], language=language, refresh_on_start=False)
    async with driven(app) as pilot:
        main = app.main
        await run_command(pilot, *words["refresh"])  # fuzzy: "muat" finds Muat ulang
        await wait_for(lambda: len(main.article_list.rows) == 4, pilot)
        await wait_for(lambda: main.top_bar.progress == "", pilot)
        await run_command(pilot, *words["category"])
        assert main.category == "Ekonomi"
        await wait_for(lambda: {r.category for r in main.article_list.rows} == {"Ekonomi"}, pilot)
        # A bookmark is found by its title and opens in the Saved tab.
        row = main.article_list.rows[0]
        await pilot.press("b")
        await wait_for(lambda: main.article_list.rows[0].is_bookmarked, pilot)
        await run_command(pilot, row.title[:12], f"Bookmark: {row.title}")
        await wait_for(lambda: main.reader.article_id == row.id, pilot)
        assert main.tab is Tab.SAVED
        # Exported to the data folder, the path shown.
        await run_command(pilot, *words["export"])
        await wait_for(lambda: any(words["exported"] in n for n in notices(app)), pilot)
        (exported,) = (isolated_dirs["data"] / "beritatui").glob("bookmarks-*.json")
        assert f"{words['exported']}{exported}" in notices(app)
        assert row.title in json.dumps(json.loads(exported.read_text("utf-8")), ensure_ascii=False)
        # The other language is saved in the config; this session keeps its own.
        await run_command(pilot, *words["language"])
        other = "id" if language == "en" else "en"
        await wait_for(lambda: load_config().settings.language == other, pilot)
        assert words["refresh"][1] in str(main.app.main._bindings.key_to_bindings["r"][0])


async def test_a_screenshot_lands_in_the_data_folder(
    site: LocalSite, isolated_dirs: dict[str, Path]
) -> None:
    app = make_app(site, isolated_dirs["config"], language="en", refresh_on_start=False)
    async with driven(app) as pilot:
        app.action_screenshot()
        folder = isolated_dirs["data"] / "beritatui" / "screenshots"
        await wait_for(lambda: list(folder.glob("beritatui-*.svg")), pilot)
        (saved,) = folder.glob("beritatui-*.svg")
        assert saved.read_text("utf-8").startswith("<svg")
        assert f"Screenshot saved to {saved}" in notices(app)


async def test_palette_offers_a_story_and_the_sidebar_only_when_the_screen_has_it(
    site: LocalSite, isolated_dirs: dict[str, Path]
) -> None:
    app = make_app(site, isolated_dirs["config"], language="en", refresh_on_start=False)
    async with driven(app) as pilot:
        await refreshed(app, pilot, 4)
        provider = BeritaCommands(app.main)
        await provider.startup()
        titles = [c.title for c in provider.commands()]
        assert ("Toggle sidebar" in titles) == (_sidebar_action(app.main) is not None)
        assert provider._stories, "the local site has a story several sources cover"
        stories = [t for t in titles if t.startswith("Trending: ")]
        assert len(stories) == len(provider._stories)
        listed = [c.title for c in provider.commands() if c.listed]
        assert not any(t.startswith(("Bookmark: ", "Trending: ")) for t in listed)
        story = provider._stories[0]
        await run_command(pilot, story.title[:14], f"Trending: {story.title}")
        await wait_for(lambda: app.main.cluster is not None, pilot)
        assert app.main.cluster is not None
        assert app.main.cluster.key == story.key
        assert app.main.tab is Tab.TRENDING
        assert [t for t in titles if t.startswith("Go to category ")] == [
            "Go to category All",
            "Go to category Nasional",
            "Go to category Ekonomi",
            "Go to category Olahraga",
        ]


class TwoFeedsInEkonomi:
    """The local site with its WordPress feed filed under Ekonomi beside detik's."""

    def __init__(self, site: LocalSite) -> None:
        self.site = site

    def config_toml(self) -> str:
        return self.site.config_toml().replace('category = "Olahraga"', 'category = "Ekonomi"')


FEED_WORDS = {
    "en": (
        "Feed Detik Lokal · 1 article",
        "this feed's articles, in Ekonomi",
        "Mark 1 unread article of Detik Lokal as read?",
    ),
    "id": (
        "Feed Detik Lokal · 1 artikel",
        "artikel feed ini saja, di Ekonomi",
        "Tandai 1 artikel belum dibaca dari Detik Lokal sebagai sudah dibaca?",
    ),
}


@pytest.mark.parametrize("language", ["en", "id"])
async def test_palette_goes_to_one_feed(
    language: str, site: LocalSite, isolated_dirs: dict[str, Path]
) -> None:
    title, help_line, question = FEED_WORDS[language]
    app = make_app(
        TwoFeedsInEkonomi(site), isolated_dirs["config"], language=language, refresh_on_start=False
    )
    async with driven(app) as pilot:
        main = app.main
        await refreshed(app, pilot, 4)
        list_title = main.query_one("#list-title", Static)
        main.go_to_category("Ekonomi")
        await wait_for(lambda: {r.source for r in main.article_list.rows} == SOURCES, pilot)
        provider = BeritaCommands(main)
        await provider.startup()
        (command,) = (c for c in provider.commands() if c.title == "Feed: Detik Lokal")
        assert (command.help, command.listed) == (help_line, False)
        await run_command(pilot, "detik lok", "Feed: Detik Lokal")
        await wait_for(lambda: str(list_title.render()) == title, pilot)
        assert [r.source for r in main.article_list.rows] == ["Detik Lokal"]
        assert main.article_list.has_focus
        await pilot.press("escape")  # back to the category's list
        await wait_for(lambda: {r.source for r in main.article_list.rows} == SOURCES, pilot)
        assert main.feed_id is None
        assert str(list_title.render()).startswith("Ekonomi · 2 ")
        # M while one feed is listed asks about that feed alone and marks it alone.
        await run_command(pilot, "detik lok", "Feed: Detik Lokal")
        await wait_for(lambda: [r.source for r in main.article_list.rows] == ["Detik Lokal"], pilot)
        await pilot.press("M")
        await wait_for(lambda: isinstance(app.screen, ConfirmScreen), pilot)
        assert str(app.screen.query_one(Static).render()) == question
        await pilot.press("y")
        await wait_for(lambda: main.article_list.rows[0].is_read, pilot)
        unread = app.store.list_articles(category="Ekonomi", unread_only=True)
        assert [r.source for r in unread] == ["WP Lokal"]
        await pilot.press("escape")
        # Choosing a category ends it too (from any tab: the palette goes to Latest).
        await pilot.press("3")
        await run_command(pilot, "wp lok", "Feed: WP Lokal")
        await wait_for(lambda: [r.source for r in main.article_list.rows] == ["WP Lokal"], pilot)
        assert main.tab is Tab.LATEST
        await pilot.press("left_square_bracket")  # the category before Ekonomi
        await wait_for(lambda: main.feed_id is None and main.category == "Nasional", pilot)
        await wait_for(lambda: {r.category for r in main.article_list.rows} == {"Nasional"}, pilot)
        assert len(main.article_list.rows) == 2


SOURCES = {"Detik Lokal", "WP Lokal"}


def test_feed_text_in_the_palette_is_never_markup() -> None:
    from textual.fuzzy import Matcher

    title = "Bookmark: [bold red]Awas[/] \\[x]"
    content = _highlight(title, "awas", Matcher("awas"))
    assert content.plain == title

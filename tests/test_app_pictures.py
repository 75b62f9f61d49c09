"""Pictures in the reader: the real app headless, pictures served by the local site.

Pilot has no terminal to answer the kitty/sixel queries, so these tests pick
textual-image's fallback renderers (``image_renderer = "unicode"`` / ``"halfcell"``)
the way a user would; ``auto`` there means no pictures at all, like a terminal without
graphics.
"""

from __future__ import annotations

import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from textual.widget import Widget

from beritatui.paths import cache_dir
from beritatui.ui.app import BeritaApp
from beritatui.ui.widgets.article_list import ArticleList
from beritatui.ui.widgets.reader import PictureSlot
from tests.helpers import driven, make_app, refreshed, rendered_reader, wait_for
from tests.server import LocalServer
from tests.site import LocalSite, build_site

pytestmark = pytest.mark.usefixtures("indonesian")


@dataclass
class _Configured:
    """The local site's config with extra ``[settings]`` lines."""

    site: LocalSite
    settings: str

    def config_toml(self) -> str:
        return self.site.config_toml().replace("[settings]", "[settings]\n" + self.settings, 1)


def _app(server: LocalServer, config_home: Path, settings: str, **kwargs: object) -> BeritaApp:
    return make_app(_Configured(build_site(server), settings), config_home, **kwargs)


def _pictures(app: BeritaApp) -> list[Widget]:
    return list(app.main.reader.query(".picture"))


def _image_requests(server: LocalServer) -> list[str]:
    return [r.path for r in server.requests if r.path.startswith("/img/")]


async def _open_ekonomi(app: BeritaApp, pilot: object) -> None:
    """Refresh, go to Ekonomi (one article, with a captioned photo) and open it."""
    from textual.pilot import Pilot

    assert isinstance(pilot, Pilot)
    await refreshed(app, pilot, 4)
    await pilot.press("right_square_bracket", "right_square_bracket")
    await wait_for(lambda: len(app.main.article_list.rows) == 1, pilot)
    await pilot.press("enter")
    await wait_for(lambda: "Pasar Induk Cipinang" in rendered_reader(app), pilot)


async def test_picture_shows_inline_with_its_caption_and_i_toggles_it(
    server: LocalServer, isolated_dirs: dict[str, Path]
) -> None:
    app = _app(server, isolated_dirs["config"], 'images = true\nimage_renderer = "unicode"')
    async with driven(app, (160, 45)) as pilot:
        await _open_ekonomi(app, pilot)
        await wait_for(lambda: len(_pictures(app)) == 1, pilot)
        picture = _pictures(app)[0]
        assert type(picture).__name__ == "UnicodeImage"
        assert picture.region.height > 0
        slot = picture.parent
        assert isinstance(slot, PictureSlot)
        assert slot.url.endswith("/img/beras.jpg")
        assert "/img/beras.jpg" in _image_requests(server)
        assert len(list((cache_dir() / "images").iterdir())) == 1
        # The caption is still text, under the picture.
        assert "▌ Foto: " in rendered_reader(app)
        await pilot.press("i")
        await wait_for(lambda: not _pictures(app), pilot)
        assert not list(app.main.reader.query(PictureSlot))
        assert "Pasar Induk Cipinang" in rendered_reader(app)
        server.requests.clear()
        await pilot.press("i")
        await wait_for(lambda: len(_pictures(app)) == 1, pilot)
        assert _image_requests(server) == []  # the file it already had
        await pilot.press("q")


async def test_a_refresh_fetches_no_pictures(
    server: LocalServer, isolated_dirs: dict[str, Path]
) -> None:
    app = _app(server, isolated_dirs["config"], 'images = true\nimage_renderer = "unicode"')
    assert app.config.settings.prefetch_articles
    async with driven(app, (160, 45)) as pilot:
        await refreshed(app, pilot, 4)
        assert any(r.path.startswith("/berita/") for r in server.requests)  # pages prefetched
        assert _image_requests(server) == []  # pictures wait until an article is opened
        await pilot.press("q")


async def test_offline_shows_cached_pictures_and_nothing_else(
    server: LocalServer, isolated_dirs: dict[str, Path]
) -> None:
    settings = 'images = true\nimage_renderer = "halfcell"'
    first = _app(server, isolated_dirs["config"], settings)
    async with driven(first, (160, 45)) as pilot:
        await _open_ekonomi(first, pilot)
        await wait_for(lambda: len(_pictures(first)) == 1, pilot)
        await pilot.press("q")
    server.requests.clear()
    offline = _app(server, isolated_dirs["config"], settings, offline=True)
    async with driven(offline, (160, 45)) as pilot:
        articles = offline.query_one(ArticleList)
        await wait_for(lambda: len(articles.rows) == 1, pilot)  # Ekonomi, as left
        # The article left open is reopened on start (resume), photo and all.
        await wait_for(lambda: "Pasar Induk Cipinang" in rendered_reader(offline), pilot)
        await wait_for(lambda: len(_pictures(offline)) == 1, pilot)
        assert type(_pictures(offline)[0]).__name__ == "HalfcellImage"
        # Another article whose photo was never fetched: caption, no picture, no request.
        await pilot.press("left_square_bracket")
        await wait_for(lambda: len(articles.rows) == 2, pilot)
        await pilot.press("escape", "home", "enter")
        await wait_for(lambda: "Banjir" in rendered_reader(offline), pilot)
        await pilot.pause(0.2)  # an absence: give a wrong picture the time to turn up
        assert not _pictures(offline)
        await pilot.press("q")
    assert server.requests == []


@pytest.mark.parametrize(
    "settings",
    [
        pytest.param("", id="off-by-default"),
        pytest.param("images = true", id="terminal-without-graphics"),
    ],
)
async def test_without_support_nothing_changes(
    server: LocalServer, isolated_dirs: dict[str, Path], settings: str
) -> None:
    app = _app(server, isolated_dirs["config"], settings)
    assert not app.pictures.available
    async with driven(app, (160, 45)) as pilot:
        await _open_ekonomi(app, pilot)
        await pilot.pause(0.2)  # an absence: give a wrong picture the time to turn up
        assert not list(app.main.reader.query(PictureSlot))
        assert _image_requests(server) == []
        await pilot.press("i")
        reason = app.pictures.reason
        await wait_for(lambda: reason in [n.message for n in app._notifications], pilot)
        assert "gambar" in reason.lower()
        await pilot.press("q")


def test_the_app_never_imports_textual_image_unless_pictures_are_on(tmp_path: Path) -> None:
    code = """
import sys
from beritatui.config import Config, Settings
from beritatui.store import Store
from beritatui.ui.app import BeritaApp
app = BeritaApp(Config(settings=Settings()), Store.open(sys.argv[1]))
assert "textual_image" not in sys.modules, "imported with images off"
assert "PIL" not in sys.modules, "Pillow imported with images off"
app = BeritaApp(Config(settings=Settings(images=True)), Store.open(sys.argv[1]))
assert "textual_image" in sys.modules
"""
    subprocess.run(
        [sys.executable, "-c", code, str(tmp_path / "db.sqlite3")], check=True, timeout=60
    )

"""SVG snapshots of the main screen (pytest-textual-snapshot), dark and light.

Update deliberately with ``pytest tests/test_snapshots.py --snapshot-update``.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from textual.pilot import Pilot

from beritatui.paths import database_file
from beritatui.store import Store
from beritatui.ui.app import BeritaApp
from beritatui.ui.widgets.article_list import ArticleList
from beritatui.ui.widgets.cluster_list import ClusterList
from tests.helpers import wait_for
from tests.library import fill_library, library_config
from tests.site import NOW

# The interface in Indonesian (English has its own tests).
pytestmark = pytest.mark.usefixtures("indonesian")

SIZE = (140, 36)


@pytest.fixture(autouse=True)
def lasting_notifications(monkeypatch: pytest.MonkeyPatch) -> None:
    """Toasts stay until the picture is taken, however long a busy machine takes to get there."""
    monkeypatch.setattr(BeritaApp, "NOTIFICATION_TIMEOUT", 600.0)


def _app(tmp_path: Path, theme: str, language: str | None = None) -> BeritaApp:
    store = Store.open(database_file())
    fill_library(store)
    return BeritaApp(
        library_config(),
        store,
        theme=theme,
        state_path=tmp_path / "state.json",
        language=language,
    )


async def _wait_for_list(pilot: Pilot[int]) -> BeritaApp:
    app = pilot.app
    assert isinstance(app, BeritaApp)
    await wait_for(lambda: app.main.query(ArticleList), pilot)  # the screen is composed
    # The list first, then its trending marks (the library has one two-source story).
    await wait_for(lambda: app.main.article_list.rows and app.main.article_list.trending_ids, pilot)
    await pilot.pause()
    return app


async def _open_first(pilot: Pilot[int]) -> None:
    app = await _wait_for_list(pilot)
    await pilot.press("enter")
    await wait_for(lambda: app.main.reader.article_id is not None, pilot)
    await pilot.pause()


@pytest.mark.parametrize("theme", ["textual-dark", "textual-light"])
def test_main_screen_reading(snap_compare, tmp_path: Path, theme: str) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(_app(tmp_path, theme), terminal_size=SIZE, run_before=_open_first)


def test_main_screen_reading_in_english(snap_compare, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    app = _app(tmp_path, "textual-dark", language="en")
    assert snap_compare(app, terminal_size=SIZE, run_before=_open_first)


def test_trending_tab(snap_compare, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    async def run_before(pilot: Pilot[int]) -> None:
        await _open_first(pilot)
        await pilot.press("2")
        clusters = pilot.app.query_one(ClusterList)
        await wait_for(lambda: clusters.clusters, pilot)
        await pilot.pause()

    assert snap_compare(_app(tmp_path, "textual-dark"), terminal_size=SIZE, run_before=run_before)


@pytest.mark.parametrize("size", [(80, 24), (160, 48)], ids=["80x24", "160x48"])
@pytest.mark.parametrize("language", ["id", "en"])
def test_help_screen(snap_compare, tmp_path: Path, language: str, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    async def run_before(pilot: Pilot[int]) -> None:
        await _wait_for_list(pilot)
        await pilot.press("question_mark")
        await pilot.pause()

    app = _app(tmp_path, "textual-light", language=language)
    # The help shows the config file's path: a fixed one, not the test's temporary folder.
    app.config = replace(app.config, path=Path("/home/pembaca/.config/beritatui/config.toml"))
    assert snap_compare(app, terminal_size=size, run_before=run_before)


def test_feed_status_screen(snap_compare, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from beritatui.feeds.outcomes import Code, note
    from beritatui.models import FeedStatus

    app = _app(tmp_path, "textual-dark")
    store = app.store
    store.clock = lambda: NOW
    ids = {f.url: f.id for f in store.feeds()}
    outcomes = [
        (FeedStatus.OK, note(Code.ITEMS, count=3)),
        (FeedStatus.HTTP_ERROR, note(Code.HTTP_STATUS, code=403, phrase="Forbidden")),
        (FeedStatus.TIMEOUT, note(Code.READ_TIMEOUT, host="lambat.example.id", seconds=15)),
        (FeedStatus.STALE, note(Code.ABANDONED, date="2016-03-01")),
    ]
    for feed_id, (status, detail) in zip(ids.values(), outcomes, strict=True):
        store.record_fetch(feed_id, status, detail)

    async def run_before(pilot: Pilot[int]) -> None:
        await _wait_for_list(pilot)
        await pilot.press("f")
        await wait_for(lambda: pilot.app.screen.__class__.__name__ == "FeedStatusScreen", pilot)
        await pilot.pause()

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


def test_offline_start(snap_compare, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    store = Store.open(database_file())
    fill_library(store)
    app = BeritaApp(
        library_config(),
        store,
        offline=True,
        state_path=tmp_path / "state.json",
    )
    assert snap_compare(app, terminal_size=SIZE, run_before=_wait_for_list)


def _pictures_app(tmp_path: Path) -> BeritaApp:
    """The library with pictures on (half-cell fallback), every photo already cached, offline."""
    from dataclasses import replace

    from beritatui.imagecache import ImageCache
    from beritatui.imagefetch import MB, normalize_image
    from beritatui.paths import cache_dir
    from tests.pictures import jpeg

    store = Store.open(database_file())
    ids = fill_library(store)
    cache = ImageCache(cache_dir() / "images", 100 * MB, store.clock)
    picture = normalize_image(jpeg(480, 270, (40, 90, 160)))
    assert picture is not None
    for article_id in ids.values():
        detail = store.get_article(article_id)
        assert detail is not None
        for block in detail.body.blocks if detail.body else ():
            if block.src:
                cache.put(block.src, *picture)
    config = library_config()
    settings = replace(config.settings, images=True, image_renderer="halfcell")
    return BeritaApp(
        replace(config, settings=settings),
        store,
        offline=True,
        theme="textual-dark",
        state_path=tmp_path / "state.json",
    )


async def _open_first_with_picture(pilot: Pilot[int]) -> None:
    await _open_first(pilot)
    app = pilot.app
    assert isinstance(app, BeritaApp)
    # Drawn, not only mounted: each picture has built its renderable at its laid-out size.
    await wait_for(
        lambda: (
            (pictures := app.main.reader.query(".picture"))
            and all(p.region.height > 0 and getattr(p, "_renderable", None) for p in pictures)
        ),
        pilot,
    )
    await pilot.pause()


def test_reader_with_a_picture_halfcell(snap_compare, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    app = _pictures_app(tmp_path)
    assert snap_compare(app, terminal_size=SIZE, run_before=_open_first_with_picture)

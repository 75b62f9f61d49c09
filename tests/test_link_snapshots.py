"""Snapshots of an article with numbered links and of the ``o`` picker, at 80×24 and 160×48.

Update deliberately with ``pytest tests/test_link_snapshots.py --snapshot-update``.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot

from beritatui.extract import EXTRACTOR_VERSION
from beritatui.paths import database_file
from beritatui.store import Store
from beritatui.ui.app import BeritaApp
from beritatui.ui.screens.link_picker import LinkPickerScreen
from tests.helpers import wait_for
from tests.library import fill_library, library_config
from tests.site import NOW
from tests.test_reader_links import linked_blocks

pytestmark = pytest.mark.usefixtures("indonesian")

SIZES = {"80x24": (80, 24), "160x48": (160, 48)}


def _app(tmp_path: Path) -> BeritaApp:
    store = Store.open(database_file())
    store.clock = lambda: NOW
    ids = fill_library(store)
    detail = store.get_article(ids["harga-beras"])
    assert detail is not None
    assert detail.body is not None
    detail.body.blocks = linked_blocks()
    store.save_body(ids["harga-beras"], detail.body, None, EXTRACTOR_VERSION)
    return BeritaApp(library_config(), store, state_path=tmp_path / "state.json")


async def _reading(pilot: Pilot[int]) -> BeritaApp:
    app = pilot.app
    assert isinstance(app, BeritaApp)
    await wait_for(lambda: app.main.query("#articles"), pilot)
    await wait_for(lambda: app.main.article_list.rows and app.main.article_list.trending_ids, pilot)
    target = next(r.id for r in app.main.article_list.rows if r.url.endswith("/harga-beras"))
    app.main.article_list.move_to(target)
    await pilot.press("enter")
    await wait_for(lambda: app.main.reader.article_id == target, pilot)
    await wait_for(lambda: app.main.reader.has_focus, pilot)
    await pilot.pause()
    return app


async def _links(pilot: Pilot[int]) -> None:
    """The article scrolled to its end: the numbered links and their list."""
    app = await _reading(pilot)
    app.main.reader.scroll_end(animate=False)
    await pilot.pause()


async def _picker(pilot: Pilot[int]) -> None:
    app = await _reading(pilot)
    await pilot.press("o")
    await wait_for(lambda: isinstance(app.screen, LinkPickerScreen), pilot)
    await pilot.press("2")
    await pilot.pause()


VIEWS = {"links": _links, "picker": _picker}


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("view", VIEWS)
def test_links(snap_compare, tmp_path: Path, view: str, size: str) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(_app(tmp_path), terminal_size=SIZES[size], run_before=VIEWS[view])

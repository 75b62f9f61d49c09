"""The Trending tab: clusters, drilling into one, and "Juga diberitakan oleh"."""

from __future__ import annotations

from pathlib import Path

import pytest

from beritatui.paths import database_file
from beritatui.store import Store
from beritatui.ui.app import BeritaApp
from beritatui.ui.widgets.cluster_list import ClusterList
from tests.helpers import rendered_reader, wait_for
from tests.library import fill_library, library_config

# The interface in Indonesian (English has its own tests).
pytestmark = pytest.mark.usefixtures("indonesian")


def _app(tmp_path: Path) -> BeritaApp:
    store = Store.open(database_file())
    fill_library(store)
    return BeritaApp(library_config(), store, state_path=tmp_path / "state.json")


async def test_trending_tab_lists_clusters_and_opens_articles(tmp_path: Path) -> None:
    app = _app(tmp_path)
    async with app.run_test(size=(150, 40)) as pilot:
        await wait_for(lambda: len(app.main.article_list.rows) == 5, pilot)
        # The two flood reports are marked as trending in the Terbaru list (marks follow the list).
        await wait_for(lambda: len(app.main.article_list.trending_ids) == 2, pilot)
        await pilot.press("2")
        clusters = app.query_one(ClusterList)
        await wait_for(lambda: bool(clusters.clusters), pilot)
        assert app.focused is clusters
        top = clusters.clusters[0]
        assert set(top.sources) == {"Antara", "CNN Indonesia"}
        assert len(top.articles) == 2
        # Single-source stories rank below the multi-source one.
        assert all(len(c.sources) == 1 for c in clusters.clusters[1:])
        # enter: into the story's detail (its articles by source), enter again: read one.
        await pilot.press("enter")
        detail = app.main.story_detail
        await wait_for(lambda: app.focused is detail, pilot)
        assert set(detail.article_ids) == set(top.article_ids)
        await pilot.press("enter")
        await wait_for(lambda: "Juga diberitakan oleh" in rendered_reader(app), pilot)
        text = rendered_reader(app)
        opened = app.main.reader.article_id
        assert opened == detail.article_ids[0]
        other = next(a for a in top.articles if a.id != opened)
        assert f"{other.source}:" in text
        # escape twice: reader -> the story's detail -> back to the cluster list.
        await pilot.press("escape", "escape")
        await wait_for(lambda: app.focused is clusters, pilot)
        app.store.close()


async def test_trending_follows_category(tmp_path: Path) -> None:
    app = _app(tmp_path)
    async with app.run_test(size=(150, 40)) as pilot:
        await wait_for(lambda: len(app.main.article_list.rows) == 5, pilot)
        await pilot.press("2")
        clusters = app.query_one(ClusterList)
        await wait_for(lambda: len(clusters.clusters) == 4, pilot)
        await pilot.press("right_square_bracket", "right_square_bracket")  # Ekonomi
        await wait_for(lambda: len(clusters.clusters) == 1, pilot)
        assert clusters.clusters[0].title.startswith("Harga beras")
        app.store.close()


async def test_v_lists_the_other_versions_of_the_story_being_read(tmp_path: Path) -> None:
    app = _app(tmp_path)
    async with app.run_test(size=(150, 40)) as pilot:
        await wait_for(lambda: len(app.main.article_list.trending_ids) == 2, pilot)
        first = app.main.article_list.rows[0]
        assert first.id in app.main.article_list.trending_ids
        await pilot.press("enter")
        await wait_for(lambda: "Juga diberitakan oleh" in rendered_reader(app), pilot)
        await pilot.press("v")
        await wait_for(lambda: len(app.main.article_list.rows) == 2, pilot)
        assert app.main.tab == "trending"
        assert {r.source for r in app.main.article_list.rows} == {"Antara", "CNN Indonesia"}
        assert app.focused is app.main.article_list
        app.store.close()

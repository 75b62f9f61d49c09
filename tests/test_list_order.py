"""The list's order: newest first, or by source with ``s`` (real app, Pilot)."""

from __future__ import annotations

from pathlib import Path

import pytest

from beritatui.ui.widgets.article_list import ArticleList
from tests.helpers import driven, make_app, wait_for
from tests.server import LocalServer
from tests.site import build_site

pytestmark = pytest.mark.usefixtures("indonesian")


async def test_s_sorts_by_source_and_back_and_is_remembered(
    server: LocalServer, isolated_dirs: dict[str, Path]
) -> None:
    site = build_site(server)
    app = make_app(site, isolated_dirs["config"])
    async with driven(app, (160, 48)) as pilot:
        articles = app.query_one(ArticleList)
        await pilot.press("r")
        await wait_for(lambda: len(articles.rows) == 4, pilot)
        newest = [row.id for row in articles.rows]
        sources = [row.source.casefold() for row in articles.rows]
        assert sources != sorted(sources)  # the site's newest-first order mixes sources
        await pilot.press("s")
        await wait_for(lambda: [r.id for r in articles.rows] != newest, pilot)
        by_source = [row.source.casefold() for row in articles.rows]
        assert by_source == sorted(sources)
        assert "menurut sumber" in str(app.query_one("#list-title").render())
        await pilot.press("q")
    again = make_app(site, isolated_dirs["config"])
    async with driven(again, (160, 48)) as pilot:
        articles = again.query_one(ArticleList)
        await wait_for(lambda: len(articles.rows) == 4, pilot)
        assert [row.source.casefold() for row in articles.rows] == sorted(sources)
        await pilot.press("s")
        await wait_for(lambda: [r.id for r in articles.rows] == newest, pilot)
        assert "menurut sumber" not in str(again.query_one("#list-title").render())

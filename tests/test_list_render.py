"""The article list's cached lines and styles are never stale (real app, Pilot)."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.strip import Strip

from beritatui.ui.app import BeritaApp
from beritatui.ui.widgets.article_list import ArticleList
from tests.helpers import driven, make_app, refreshed, wait_for
from tests.server import LocalServer
from tests.site import LocalSite, build_site

pytestmark = pytest.mark.usefixtures("indonesian")


@pytest.fixture
def site(server: LocalServer) -> LocalSite:
    return build_site(server)


def _lines(articles: ArticleList) -> list[Strip]:
    return [articles.render_line(y) for y in range(articles.size.height)]


def _uncached(articles: ArticleList) -> list[Strip]:
    """The lines as a list with no cache would draw them now."""
    articles._forget_styles()
    return _lines(articles)


async def test_lines_follow_theme_cursor_and_focus_changes(
    site: LocalSite, isolated_dirs: dict[str, Path]
) -> None:
    app: BeritaApp = make_app(site, isolated_dirs["config"])
    async with driven(app) as pilot:
        await refreshed(app, pilot, 4)
        articles = app.main.article_list
        articles.focus()
        await pilot.pause()
        dark = _lines(articles)
        assert dark == _uncached(articles)
        await pilot.press("d")  # the light variant: new colours, also of component styles
        await wait_for(lambda: _lines(articles) != dark, pilot)
        assert _lines(articles) == _uncached(articles)
        await pilot.press("down")
        await pilot.pause()
        assert _lines(articles) == _uncached(articles)
        app.main.categories_widget.focus()  # the cursor row is drawn unfocused
        await pilot.pause()
        assert _lines(articles) == _uncached(articles)


async def test_a_new_list_of_the_same_rows_draws_no_line_again(
    site: LocalSite, isolated_dirs: dict[str, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_app(site, isolated_dirs["config"])
    async with driven(app) as pilot:
        await refreshed(app, pilot, 4)
        articles = app.main.article_list
        before = _lines(articles)
        drawn: list[int] = []
        original = ArticleList._title_text
        monkeypatch.setattr(
            ArticleList,
            "_title_text",
            lambda self, row: drawn.append(row.id) or original(self, row),
        )
        articles.set_rows(list(articles.rows))  # what a refresh does after every feed
        assert _lines(articles) == before
        assert drawn == []
        first = articles.rows[0]
        articles.update_row(first.id, is_read=not first.is_read)  # a changed row is drawn
        _lines(articles)
        assert drawn == [first.id]

"""Keys typed right after ``/`` all go to the search box (real app, Pilot)."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual import events
from textual.widgets import Input

from tests.helpers import driven, make_app, wait_for
from tests.server import LocalServer
from tests.site import build_site

pytestmark = pytest.mark.usefixtures("indonesian")


async def test_fast_typing_after_slash_reaches_the_search_box(
    server: LocalServer, isolated_dirs: dict[str, Path]
) -> None:
    app = make_app(build_site(server), isolated_dirs["config"])
    async with driven(app, (160, 48)) as pilot:
        # As a terminal delivers fast typing: all the key events queued at once, no
        # pause for the focus change between them (pilot.press waits after each key).
        keys = [("slash", "/"), *((c, c) for c in "rqdbm12"), ("M", "M"), ("slash", "/")]
        for key, character in [*keys, ("question_mark", "?")]:
            app.post_message(events.Key(key, character))
        search = app.query_one("#search", Input)
        await wait_for(lambda: search.value == "rqdbm12M/?", pilot)
        assert app.is_running
        assert app.theme == "textual-dark"
        assert app.main.top_bar.progress == ""
        assert not app.service.store.count_articles()  # r did not refresh
        assert app.screen is app.screen_stack[0]  # no help, no confirm dialog

"""Helpers shared by the test modules (fixtures live in conftest.py).

One ``wait_for`` for every app test, one config writer for every fake site,
one way to build the app over a site, one way to drive it (``driven``) and to
refresh it (``refreshed``), one plain rendering of the reader.
"""

from __future__ import annotations

import asyncio
import io
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any, Protocol

from textual.pilot import Pilot

from beritatui.config import load_config
from beritatui.paths import database_file
from beritatui.store import Store
from beritatui.ui.app import BeritaApp

WAIT_TIMEOUT = 30.0
"""Seconds a condition may take: generous, because the machine may be busy; never a pause."""


class HasConfig(Protocol):
    """A fake site that can describe itself as a config.toml."""

    def config_toml(self) -> str: ...


def write_config(config_home: Path, text: str) -> Path:
    """Write ``text`` as ``$XDG_CONFIG_HOME/beritatui/config.toml``; returns its path."""
    path = config_home / "beritatui" / "config.toml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, "utf-8")
    return path


def make_app(site: HasConfig, config_home: Path, **kwargs: Any) -> BeritaApp:
    """The app over ``site``'s feeds (config written, store opened at the usual place)."""
    write_config(config_home, site.config_toml())
    return BeritaApp(load_config(), Store.open(database_file()), **kwargs)


async def wait_for(
    condition: Callable[[], object], pilot: Pilot[Any], timeout: float = WAIT_TIMEOUT
) -> None:
    """Let the app work until ``condition()`` holds (workers run concurrently)."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not condition():
        if loop.time() > deadline:
            raise AssertionError(f"condition not reached in {timeout:g} s")
        await pilot.pause(0.05)


SIZE = (160, 45)
"""The terminal of the app tests unless a test needs another."""


@asynccontextmanager
async def driven(app: BeritaApp, size: tuple[int, int] = SIZE) -> AsyncIterator[Pilot[int]]:
    """Run ``app`` headless, its main screen composed; its store is closed afterwards."""
    try:
        async with app.run_test(size=size) as pilot:
            await wait_for(lambda: app.main.query("#articles"), pilot)
            yield pilot
    finally:
        app.store.close()


async def refreshed(app: BeritaApp, pilot: Pilot[int], rows: int) -> None:
    """Press r; wait until ``rows`` articles are listed and the refresh has finished."""
    articles = app.main.article_list
    await pilot.press("r")
    await wait_for(lambda: len(articles.rows) == rows, pilot)
    await wait_for(lambda: app.main.top_bar.progress == "", pilot)


def rendered_reader(app: BeritaApp) -> str:
    """Plain text of the reader pane as laid out."""
    from rich.console import Console

    console = Console(width=100, record=True, color_system=None, file=io.StringIO())
    console.print(app.main.reader.content)
    return console.export_text()

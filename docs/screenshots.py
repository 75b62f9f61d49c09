"""Save the README's screenshots: the real app, headless, over the test fixtures.

    python docs/screenshots.py [--out docs/img]

Run from a checkout with the test extra installed (``pip install -e '.[test]'``). The
app runs on the stories of ``tests/library.py`` (our own fixture articles, no network),
on the fixtures' clock (``tests/site.py`` NOW, Jakarta time) and in English, with its
own files in a temporary folder; each SVG is the app's own ``save_screenshot``. The
same inputs give the same pictures, so a changed file means the screen changed.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))  # tests/ holds the fixtures

SIZES = {"160x48": (160, 48), "80x24": (80, 24)}
SHOTS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("textual-dark", "160x48", ("main", "trending", "help")),
    ("textual-dark", "80x24", ("main", "reader", "trending", "help")),
    ("textual-light", "160x48", ("main",)),
)
"""(theme, size, views), saved as ``{view}-{size}-{dark|light}.svg``."""

Pilot = Any  # textual.pilot.Pilot[int], imported once the environment is set


def shot_names() -> list[str]:
    """Every file the script writes, in order."""
    return [
        f"{view}-{size}-{'light' if 'light' in theme else 'dark'}.svg"
        for theme, size, views in SHOTS
        for view in views
    ]


def _fixed_environment(home: Path) -> None:
    """The fixtures' clock and zone, and the app's files under ``home``."""
    from tests.site import NOW

    os.environ["BERITATUI_NOW"] = NOW.isoformat()
    os.environ["TZ"] = "Asia/Jakarta"
    time.tzset()
    for name in ("CONFIG", "DATA", "CACHE", "STATE"):
        folder = home / name.lower()
        folder.mkdir(parents=True, exist_ok=True)
        os.environ[f"XDG_{name}_HOME"] = str(folder)


async def _wait(condition: Callable[[], object], pilot: Pilot, timeout: float = 30) -> None:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not condition():
        if loop.time() > deadline:
            raise TimeoutError("the app did not get there in time")
        await pilot.pause(0.05)


async def _listed(pilot: Pilot) -> None:
    """The list with its trending marks; the newest article open where the reader fits."""
    main = pilot.app.main
    await _wait(lambda: main.query("#articles"), pilot)
    await _wait(lambda: main.article_list.rows and main.article_list.trending_ids, pilot)


async def _main(pilot: Pilot) -> None:
    main = pilot.app.main
    await _listed(pilot)
    if main.has_class("-narrow"):
        return  # 80 columns: the list alone (enter gives the reader the width)
    await pilot.press("enter")
    await _wait(lambda: main.reader.article_id is not None and main.reader.has_focus, pilot)


async def _reader(pilot: Pilot) -> None:
    main = pilot.app.main
    await _listed(pilot)
    await pilot.press("enter")
    await _wait(lambda: main.reader.article_id is not None and main.reader.has_focus, pilot)


async def _trending(pilot: Pilot) -> None:
    """The Trending tab with the top story's detail (on 80 columns: entered, full width)."""
    main = pilot.app.main
    await _listed(pilot)
    await pilot.press("2")
    clusters = main.query_one("#clusters")
    await _wait(lambda: clusters.clusters and main.story_shown, pilot)
    if main.has_class("-narrow"):
        await pilot.press("enter")
        await _wait(lambda: main.story_detail.has_focus, pilot)


async def _help(pilot: Pilot) -> None:
    from beritatui.ui.screens.help import HelpScreen

    await _listed(pilot)
    await pilot.press("question_mark")
    await _wait(lambda: isinstance(pilot.app.screen, HelpScreen), pilot)


VIEWS: dict[str, Callable[[Pilot], Awaitable[None]]] = {
    "main": _main,
    "reader": _reader,
    "trending": _trending,
    "help": _help,
}


async def _shoot(home: Path, out: Path, theme: str, size: str, view: str) -> Path:
    """One view in a fresh app over a fresh copy of the fixtures; returns the saved file."""
    from beritatui.paths import database_file
    from beritatui.store import Store
    from beritatui.ui.app import BeritaApp
    from tests.library import fill_library, library_config

    database = database_file()
    for leftover in database.parent.glob(database.name + "*"):
        leftover.unlink()
    store = Store.open(database)
    fill_library(store)
    app = BeritaApp(
        library_config(),
        store,
        theme=theme,
        state_path=home / "state.json",
        language="en",
    )
    # The help names the config file: a fixed path, not the temporary folder's.
    app.config = replace(app.config, path=Path("/home/pembaca/.config/beritatui/config.toml"))
    name = f"{view}-{size}-{'light' if 'light' in theme else 'dark'}.svg"
    try:
        async with app.run_test(size=SIZES[size]) as pilot:
            await VIEWS[view](pilot)
            await pilot.pause()
            saved = app.save_screenshot(name, str(out))
    finally:
        store.close()
    return Path(saved)


async def shoot_all(out: Path) -> list[Path]:
    """Every screenshot of :data:`SHOTS`, saved in ``out``."""
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="beritatui-shots-") as folder:
        home = Path(folder)
        _fixed_environment(home)
        return [
            await _shoot(home, out, theme, size, view)
            for theme, size, views in SHOTS
            for view in views
        ]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--out", type=Path, default=ROOT / "docs" / "img", help="folder (default: docs/img)"
    )
    args = parser.parse_args(argv)
    for path in asyncio.run(shoot_all(args.out)):
        print(f"{path}  {path.stat().st_size // 1024} KiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())

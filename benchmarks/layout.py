"""How the layout uses the terminal: reader line width and list title cut per size.

    python benchmarks/layout.py [--smoke]

Runs the real app headless over the fixed test library (tests/library.py) at
80×24, 120×40 and 160×48 and prints, per size: the width class, whether the
sidebar shows, the characters of a title the list shows before it is cut (the
list's row width minus the read mark), the reader's line width while an article
is read, and the footer keys shown. Issue 12's "before": 80×24 reader 22
columns, titles cut at ~26; 160×48 reader 76 columns, titles at ~50. Asserts
nothing; ``--smoke`` measures 80×24 only.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
if str(REPO / "src") not in sys.path:
    sys.path.insert(0, str(REPO / "src"))

from tests.site import NOW  # noqa: E402

SIZES = ((80, 24), (120, 40), (160, 48))


async def measure(size: tuple[int, int], root: Path) -> str:
    """One table row for a terminal of ``size``."""
    from textual.widgets._footer import FooterKey

    from beritatui.paths import database_file
    from beritatui.store import Store
    from beritatui.ui.app import BeritaApp
    from tests.library import fill_library, library_config

    store = Store.open(database_file())
    fill_library(store)
    app = BeritaApp(library_config(), store, state_path=root / f"state-{size[0]}.json")
    try:
        async with app.run_test(size=size) as pilot:
            while not (app.main.query("#articles") and app.main.article_list.rows):
                await pilot.pause(0.05)
            await pilot.pause()
            main = app.main
            title = main.article_list.scrollable_content_region.width - 2  # "● "
            keys = len(main.query(FooterKey))
            classes = next(c for c in ("-narrow", "-medium", "-wide") if main.has_class(c))
            sidebar = "yes" if main.categories_widget.display else "no"
            await pilot.press("enter")
            while not main.reader.has_focus:
                await pilot.pause(0.05)
            await pilot.pause()
            reader = main.query_one("#reader-body").content_region.width
    finally:
        store.close()
    name = f"{size[0]}×{size[1]}"
    return f"{name:>8}  {classes[1:]:<7} {sidebar:<8} {title:>11} {reader:>12} {keys:>12}"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--smoke", action="store_true", help="measure 80×24 only")
    args = parser.parse_args(argv)
    root = Path(tempfile.mkdtemp(prefix="beritatui-layout-"))
    for name in ("CONFIG", "DATA", "CACHE", "STATE"):
        path = root / name.lower()
        path.mkdir()
        os.environ[f"XDG_{name}_HOME"] = str(path)
    os.environ["BERITATUI_NOW"] = NOW.isoformat()
    os.environ.setdefault("TZ", "Asia/Jakarta")
    print(
        f"{'size':>8}  {'class':<7} {'sidebar':<8} {'title cols':>11} {'reader cols':>12}", end=""
    )
    print(f" {'reader cols':>12} {'footer keys':>12}")
    for size in SIZES[:1] if args.smoke else SIZES:
        # A fresh database per size: the state of one run does not steer the next.
        database = root / "data" / "beritatui" / "beritatui.sqlite3"
        for leftover in database.parent.glob("beritatui.sqlite3*"):
            leftover.unlink()
        print(asyncio.run(measure(size, root)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

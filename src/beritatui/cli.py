"""The ``beritatui`` command line (see docs/ARCHITECTURE.md and README.md).

Keep module-level imports light: ``--version`` and ``--help`` must not import
textual (or any heavy dependency); each command imports what it needs.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

from beritatui import __version__

if TYPE_CHECKING:
    from beritatui.config import Config
    from beritatui.store import Store

EXIT_OK = 0
EXIT_FAILURE = 1
EXIT_USAGE = 2


def build_parser() -> argparse.ArgumentParser:
    """The argument parser for every command."""
    parser = argparse.ArgumentParser(
        prog="beritatui",
        description=(
            "A keyboard-only terminal news reader: Indonesian news by default, any RSS/Atom feed."
        ),
        epilog="Without a command the reader opens. State lives in the XDG config/data/cache dirs.",
    )
    parser.add_argument("--version", action="version", version=f"beritatui {__version__}")
    parser.add_argument(
        "--offline", action="store_true", help="do not touch the network; read the cache"
    )
    parser.add_argument(
        "--theme", metavar="NAME", help="Textual theme, e.g. textual-dark, textual-light"
    )
    parser.add_argument("--config", metavar="FILE", help="config file (default: XDG config dir)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    refresh = sub.add_parser("refresh", help="fetch feeds, then article pages for offline reading")
    refresh.add_argument(
        "--no-articles", action="store_true", help="skip downloading article pages"
    )

    read = sub.add_parser(
        "read", help="print clean article(s) from URLs, .html/.html.gz files or -"
    )
    read.add_argument("--format", choices=["text", "markdown", "json", "jsonl"], default="text")
    read.add_argument(
        "--base-url", metavar="URL", help="URL of local files (for links and site rules)"
    )
    read.add_argument("targets", nargs="+", metavar="TARGET")

    trending = sub.add_parser("trending", help="stories many sources cover now")
    trending.add_argument("--category", metavar="NAME")
    trending.add_argument("--hours", type=_positive_hours, metavar="H")
    trending.add_argument("--json", action="store_true")

    search = sub.add_parser("search", help="full-text search over cached articles")
    search.add_argument("query", nargs="+")
    search.add_argument("--json", action="store_true")
    search.add_argument("--limit", type=int, default=50)

    bookmarks = sub.add_parser("bookmarks", help="list, export or import saved articles")
    bookmarks.add_argument("--json", action="store_true", help="list as JSON")
    group = bookmarks.add_mutually_exclusive_group()
    group.add_argument("--export", choices=["json", "markdown"], help="full backup to stdout")
    group.add_argument("--import", dest="import_file", metavar="FILE", help="restore a JSON backup")
    group.add_argument(
        "--from-db", metavar="FILE", help="export bookmarks from another (moved-aside) database"
    )

    feeds = sub.add_parser("feeds", help="list, add, import, export, remove, rename or move feeds")
    feeds_sub = feeds.add_subparsers(dest="feeds_command", metavar="ACTION")
    feeds_list = feeds_sub.add_parser("list", help="configured feeds and their last status")
    feeds_list.add_argument("--json", action="store_true")
    feeds_add = feeds_sub.add_parser(
        "add", help="add a feed, or the feed(s) a site's page links to (feed discovery)"
    )
    feeds_add.add_argument("url")
    feeds_add.add_argument("--category", default="Lainnya")
    feeds_add.add_argument("--title", default="")
    several = feeds_add.add_mutually_exclusive_group()
    several.add_argument("--all", action="store_true", help="add every feed the page offers")
    several.add_argument("--first", action="store_true", help="add the first feed the page offers")
    feeds_import = feeds_sub.add_parser(
        "import", help="add the feeds of an OPML file or a newsboat urls file"
    )
    feeds_import.add_argument("file")
    feeds_import.add_argument("--category", default="", help="category for feeds outside folders")
    feeds_sub.add_parser("export", help="print the feeds as OPML")
    feeds_remove = feeds_sub.add_parser(
        "remove", help="remove a feed (its bookmarks and cached articles stay)"
    )
    feeds_remove.add_argument("feed", metavar="URL|TITLE")
    feeds_rename = feeds_sub.add_parser("rename", help="set a feed's title (empty: its own)")
    feeds_rename.add_argument("feed", metavar="URL|TITLE")
    feeds_rename.add_argument("title")
    feeds_move = feeds_sub.add_parser("move", help="put a feed in another category")
    feeds_move.add_argument("feed", metavar="URL|TITLE")
    feeds_move.add_argument("--category", required=True)
    return parser


def _positive_hours(text: str) -> float:
    """argparse type: a finite window of at least one minute."""
    try:
        hours = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if not 1 / 60 <= hours < float("inf"):  # also rejects NaN
        raise argparse.ArgumentTypeError("hours must be a finite number of at least 1/60")
    return hours


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``beritatui`` script."""
    args = build_parser().parse_args(argv)
    import logging

    # trafilatura logs its own warnings about odd pages; we report failures in our words.
    logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
    from beritatui.clock import default_clock
    from beritatui.config import ConfigError
    from beritatui.store import StoreError

    try:
        default_clock()  # a bad BERITATUI_NOW fails here, in plain words
    except ValueError as exc:
        _error(str(exc))
        return EXIT_USAGE
    try:
        return _dispatch(args)
    except ConfigError as exc:
        _error(f"config error: {exc}")
        return EXIT_USAGE
    except StoreError as exc:
        _error(f"storage error: {exc}")
        return EXIT_FAILURE
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return EXIT_OK
    finally:
        pool = sys.modules.get("beritatui.extract.pool")  # only if a page was extracted
        if pool is not None:
            pool.shutdown_pool()


def _dispatch(args: argparse.Namespace) -> int:
    if args.command == "bookmarks" and args.from_db:
        from pathlib import Path

        from beritatui.backup import export_from_file

        print(export_from_file(Path(args.from_db)))
        return EXIT_OK
    config = _load_config(args)
    if args.command == "read":
        from beritatui.commands.read import run_read

        return run_read(
            args.targets,
            args.format,
            args.base_url,
            offline=args.offline,
            settings=config.settings,
        )
    if args.command is None:
        return _run_tui(config, args)
    if args.command == "feeds":
        from beritatui.commands import feeds

        return feeds.run_feeds(args, config)
    store = _open_store()
    try:
        from beritatui.commands import library

        handlers = {
            "refresh": library.run_refresh,
            "trending": library.run_trending,
            "search": library.run_search,
            "bookmarks": library.run_bookmarks,
        }
        return handlers[args.command](args, config, store)
    finally:
        store.close()


def _load_config(args: argparse.Namespace) -> Config:
    from pathlib import Path

    from beritatui.config import load_config

    config = load_config(Path(args.config) if args.config else None)
    for warning in config.warnings:
        _error(f"warning: {warning}")
    return config


def _open_store() -> Store:
    from beritatui.paths import database_file
    from beritatui.store import Store

    store = Store.open(database_file())
    if store.moved_aside is not None:
        _error(
            f"warning: the database was damaged or not ours; it was moved to {store.moved_aside}"
            f" and a new one was started, with the {store.restored_bookmarks} bookmarks that could"
            f" be read (export from the old file: beritatui bookmarks --from-db FILE)"
        )
    return store


def _run_tui(config: Config, args: argparse.Namespace) -> int:
    store = _open_store()
    from beritatui.ui.app import BeritaApp

    app = BeritaApp(config, store, offline=args.offline, theme=args.theme)
    try:
        app.run()
    finally:
        store.close()
    return app.return_code or EXIT_OK


def _error(message: str) -> None:
    from beritatui.sanitize import clean_line

    print(f"beritatui: {clean_line(message)}", file=sys.stderr)

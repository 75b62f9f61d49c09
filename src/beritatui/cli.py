"""The ``beritatui`` command line (see docs/ARCHITECTURE.md and README.md).

Keep module-level imports light: ``--version`` and ``--help`` must not import
textual (or any heavy dependency); each command imports what it needs.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from beritatui import __version__
from beritatui.i18n import (
    LANGUAGES,
    N_,
    _,
    current_language,
    ngettext,
    resolve_language,
    set_language,
)
from beritatui.models import DEFAULT_CATEGORY

if TYPE_CHECKING:
    from beritatui.config import Config
    from beritatui.store import Store

EXIT_OK = 0
EXIT_FAILURE = 1
EXIT_USAGE = 2


ARGPARSE_MESSAGES = (
    N_("usage: "),
    N_("positional arguments"),
    N_("options"),
    N_("show this help message and exit"),
    N_("show program's version number and exit"),
    N_("%(prog)s: error: %(message)s\n"),
    N_("argument %(argument_name)s: %(message)s"),
    N_("the following arguments are required: %s"),
    N_("unrecognized arguments: %s"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
    N_("invalid %(type)s value: %(value)r"),
    N_("expected one argument"),
    N_("not allowed with argument %s"),
    N_("ambiguous option: %(option)s could match %(matches)s"),
)
"""argparse's own words, in the catalogs so usage, help and errors follow the language."""


def build_parser() -> argparse.ArgumentParser:
    """The argument parser for every command, in the current language."""
    # argparse looks its words up through a module-level ``_`` at call time.
    argparse._ = _  # type: ignore[attr-defined]
    parser = argparse.ArgumentParser(
        prog="beritatui",
        description=_(
            "A keyboard-only terminal news reader: Indonesian news by default, any RSS/Atom feed."
        ),
        epilog=_(
            "Without a command the reader opens. State lives in the XDG config/data/cache dirs."
        ),
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"beritatui {__version__}",
        # Python 3.11's default help is an English literal, not a catalog lookup.
        help=_("show program's version number and exit"),
    )
    parser.add_argument(
        "--offline", action="store_true", help=_("do not touch the network; read the cache")
    )
    parser.add_argument(
        "--theme",
        metavar="NAME",
        help=_("theme for this run, e.g. nord, textual-light (not saved)"),
    )
    parser.add_argument(
        "--language",
        choices=LANGUAGES,
        help=_("interface language (default: language in config, else the locale)"),
    )
    parser.add_argument("--config", metavar="FILE", help=_("config file (default: XDG config dir)"))
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    refresh = sub.add_parser(
        "refresh", help=_("fetch feeds, then article pages for offline reading")
    )
    refresh.add_argument(
        "--no-articles", action="store_true", help=_("skip downloading article pages")
    )

    read = sub.add_parser(
        "read", help=_("print clean article(s) from URLs, .html/.html.gz files or -")
    )
    read.add_argument(
        "--format",
        choices=["text", "markdown", "json", "jsonl"],
        default="text",
        help=_("output format (default: text)"),
    )
    read.add_argument(
        "--base-url", metavar="URL", help=_("URL of local files (for links and site rules)")
    )
    read.add_argument(
        "targets",
        nargs="+",
        metavar="TARGET",
        help=_("an article URL, an .html/.html.gz file or -"),
    )

    trending = sub.add_parser("trending", help=_("stories many sources cover now"))
    trending.add_argument("--category", metavar="NAME", help=_("only stories of this category"))
    trending.add_argument(
        "--hours", type=_positive_hours, metavar="H", help=_("look back H hours (default: config)")
    )
    trending.add_argument("--json", action="store_true", help=_("print JSON"))

    search = sub.add_parser("search", help=_("full-text search over cached articles"))
    search.add_argument("query", nargs="+", help=_("words to find (all of them)"))
    search.add_argument("--json", action="store_true", help=_("print JSON"))
    search.add_argument(
        "--limit", type=int, default=50, help=_("at most this many results (default: 50)")
    )

    bookmarks = sub.add_parser("bookmarks", help=_("list, export or import saved articles"))
    bookmarks.add_argument("--json", action="store_true", help=_("list as JSON"))
    group = bookmarks.add_mutually_exclusive_group()
    group.add_argument("--export", choices=["json", "markdown"], help=_("full backup to stdout"))
    group.add_argument(
        "--import", dest="import_file", metavar="FILE", help=_("restore a JSON backup")
    )
    group.add_argument(
        "--from-db", metavar="FILE", help=_("export bookmarks from another (moved-aside) database")
    )

    feeds = sub.add_parser(
        "feeds", help=_("list, add, import, export, remove, rename or move feeds")
    )
    feeds_sub = feeds.add_subparsers(dest="feeds_command", metavar="ACTION")
    feeds_list = feeds_sub.add_parser("list", help=_("configured feeds and their last status"))
    feeds_list.add_argument("--json", action="store_true", help=_("print JSON"))
    feeds_add = feeds_sub.add_parser(
        "add", help=_("add a feed, or the feed(s) a site's page links to (feed discovery)")
    )
    feeds_add.add_argument("url", help=_("the feed's address, or a site page that links to feeds"))
    feeds_add.add_argument(
        "--category",
        default=DEFAULT_CATEGORY,
        help=_("category in the sidebar (default: {category})").format(category=DEFAULT_CATEGORY),
    )
    feeds_add.add_argument("--title", default="", help=_("title to show (default: the feed's)"))
    several = feeds_add.add_mutually_exclusive_group()
    several.add_argument("--all", action="store_true", help=_("add every feed the page offers"))
    several.add_argument(
        "--first", action="store_true", help=_("add the first feed the page offers")
    )
    feeds_import = feeds_sub.add_parser(
        "import", help=_("add the feeds of an OPML file or a newsboat urls file")
    )
    feeds_import.add_argument("file", help=_("an OPML file or a newsboat urls file"))
    feeds_import.add_argument(
        "--category", default="", help=_("category for feeds outside folders")
    )
    feeds_sub.add_parser("export", help=_("print the feeds as OPML"))
    feeds_remove = feeds_sub.add_parser(
        "remove", help=_("remove a feed (its bookmarks and cached articles stay)")
    )
    feeds_remove.add_argument("feed", metavar="URL|TITLE", help=_("the feed's address or title"))
    feeds_rename = feeds_sub.add_parser("rename", help=_("set a feed's title (empty: its own)"))
    feeds_rename.add_argument("feed", metavar="URL|TITLE", help=_("the feed's address or title"))
    feeds_rename.add_argument("title", help=_("the new title (empty: the feed's own)"))
    feeds_move = feeds_sub.add_parser("move", help=_("put a feed in another category"))
    feeds_move.add_argument("feed", metavar="URL|TITLE", help=_("the feed's address or title"))
    feeds_move.add_argument("--category", required=True, help=_("the category to move it to"))
    return parser


def _positive_hours(text: str) -> float:
    """argparse type: a finite window of at least one minute."""
    try:
        hours = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            _("not a number: {text}").format(text=repr(text))
        ) from None
    if not 1 / 60 <= hours < float("inf"):  # also rejects NaN
        raise argparse.ArgumentTypeError(_("hours must be a finite number of at least 1/60"))
    return hours


def early_language(argv: Sequence[str]) -> str:
    """The language for ``--help`` and usage errors, before the arguments are parsed.

    ``--language`` when given, else ``language`` in the config file (read leniently:
    a broken file is reported later, in this language), else the locale.
    """
    configured = _option_value(argv, "--language")
    if configured in LANGUAGES:
        return configured
    from beritatui.config import configured_language

    path = _option_value(argv, "--config")
    return resolve_language(configured_language(Path(path) if path else None))


def _option_value(argv: Sequence[str], option: str) -> str:
    for index, arg in enumerate(argv):
        if arg == "--":
            break
        if arg == option and index + 1 < len(argv):
            return argv[index + 1]
        if arg.startswith(option + "="):
            return arg.partition("=")[2]
    return ""


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``beritatui`` script."""
    arguments = list(sys.argv[1:] if argv is None else argv)
    set_language(early_language(arguments))
    args = build_parser().parse_args(arguments)
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
        _error(_("config error: {error}").format(error=exc))
        return EXIT_USAGE
    except StoreError as exc:
        _error(_("storage error: {error}").format(error=exc))
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
    from beritatui.config import load_config

    path = Path(args.config) if args.config else None
    config = load_config(path)
    language = args.language or resolve_language(config.settings.language)
    if language != current_language():
        set_language(language)
        config = load_config(path)  # its warnings in the chosen language
    for warning in config.warnings:
        _error(_("warning: {warning}").format(warning=warning))
    return config


def _open_store() -> Store:
    from beritatui.paths import database_file
    from beritatui.store import Store

    store = Store.open(database_file())
    if store.moved_aside is not None:
        _error(
            ngettext(
                "warning: the database was damaged or not ours; it was moved to {path}"
                " and a new one was started, with the {count} bookmark that could"
                " be read (export from the old file: beritatui bookmarks --from-db FILE)",
                "warning: the database was damaged or not ours; it was moved to {path}"
                " and a new one was started, with the {count} bookmarks that could"
                " be read (export from the old file: beritatui bookmarks --from-db FILE)",
                store.restored_bookmarks,
            ).format(path=store.moved_aside, count=store.restored_bookmarks)
        )
    return store


def _run_tui(config: Config, args: argparse.Namespace) -> int:
    if args.theme is not None:
        from textual.theme import BUILTIN_THEMES

        if args.theme not in BUILTIN_THEMES:
            _error(
                _("there is no theme {name}; the themes are: {names}").format(
                    name=repr(args.theme), names=", ".join(sorted(BUILTIN_THEMES))
                )
            )
            return EXIT_USAGE
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

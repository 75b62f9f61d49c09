"""``beritatui feeds``: list, add (with discovery), import, export, remove, rename, move.

Config edits go through :class:`beritatui.config_edit.ConfigEditor` (comments
and layout kept, atomic write, ``config.toml.bak``). Messages live here, in
English, one sentence per message (ready for gettext).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from beritatui.config import Config, ConfigError, FeedSpec
from beritatui.config_edit import AddResult, CategoryError, ConfigEditor, FeedLookupError
from beritatui.feeds.lists import read_feed_list, to_opml
from beritatui.i18n import N_, _, ngettext
from beritatui.models import FeedStatus
from beritatui.paths import config_file
from beritatui.sanitize import clean_line
from beritatui.wording import discovery, say

if TYPE_CHECKING:
    from beritatui.feeds.discover import FoundFeed

MSG_REPLACED = N_("note: your feeds replace the {n} bundled default feeds")
MSG_ADOPTED = N_("note: the bundled default feeds are now listed in {path}")
MSG_ADDED = N_("Added {what} to {path}")
MSG_IMPORTED = N_("Imported {what} from {file} ({kind}) into {path}")
MSG_NOTHING = N_("no feed added")
MSG_ALREADY = N_("already configured: {url}")
MSG_INVALID = N_("skipped {url!r}: not an http(s) URL")
MSG_SEVERAL = N_("{url} offers {n} feeds; choose with --first or --all:")
MSG_CHOOSE = N_("Add which feed? [1-{n}, a = all, empty = cancel]: ")
MSG_CANCELLED = N_("cancelled: no feed added")
MSG_REMOVED = N_("Removed {name} from {path}; its bookmarks and cached articles stay")
MSG_RENAMED = N_("Renamed {url} to {title!r}")
MSG_UNTITLED = N_("Removed the title of {url}; the feed's own title is shown")
MSG_MOVED = N_("Moved {name} to category {category!r}")
MSG_OFFLINE_ADD = N_("note: offline, so {url} was added without checking that it is a feed")
MSG_OFFERS = N_("{url} offers {n} feeds:")
MSG_UNTITLED_FEED = N_("(untitled)")
MSG_CANNOT_IMPORT = N_("cannot import {file}: {reason}")
MSG_NOTE = N_("note: {note}")


def run_feeds(args: argparse.Namespace, config: Config) -> int:
    """Dispatch ``feeds`` actions."""
    action = args.feeds_command or "list"
    if action == "list":
        return _list(config, as_json=getattr(args, "json", False))
    if action == "export":
        sys.stdout.write(to_opml(config.feeds, _feed_titles()))
        return 0
    try:
        editor = ConfigEditor(config.path or config_file())
        if action == "add":
            return _add(args, editor)
        if action == "import":
            return _import(args, editor)
        return _edit(action, args, editor)
    except (FeedLookupError, CategoryError) as exc:
        _say(str(exc))
        return 1


# -- list ---------------------------------------------------------------------


def _list(config: Config, *, as_json: bool) -> int:
    from beritatui.paths import database_file
    from beritatui.service import Service
    from beritatui.store import Store

    store = Store.open(database_file())
    try:
        infos = {info.url: info for info in Service(config, store).feed_infos()}
    finally:
        store.close()
    rows = []
    for spec in config.feeds:
        info = infos.get(spec.url)
        rows.append(
            {
                "url": spec.url,
                "category": spec.category,
                "title": spec.title or (info.title if info else ""),
                "status": info.status.value if info else "never fetched",
                "detail": say(info.detail) if info else "",
                "detail_code": info.detail.code.value if info else "",
                "last_checked": _iso(info.last_checked if info else None),
                "last_ok": _iso(info.last_ok if info else None),
                "newest": _iso(info.newest if info else None),
                "articles": info.article_count if info else 0,
            }
        )
    if as_json:
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return 0
    source = _("bundled defaults") if config.using_default_feeds else config.path
    print(f"{_feeds(len(rows))} ({source})")
    for row in rows:
        title = clean_line(str(row["title"]) or str(row["url"]), 30)
        status = FeedStatus(str(row["status"])).label
        if row["detail"]:
            status = f"{status}: {row['detail']}"
        print(f"  {row['category']:<14} {title:<30} {clean_line(status, 70)}")
        print(f"  {'':<14} {row['url']}")
    return 0


def _iso(moment: object) -> str | None:
    from datetime import datetime

    return moment.isoformat() if isinstance(moment, datetime) else None


def _feed_titles() -> dict[str, str]:
    """URL → the title each feed gives itself, from the database when there is one."""
    from beritatui.paths import database_file

    path = database_file()
    if not path.exists():
        return {}
    from beritatui.store import Store

    store = Store.open(path)
    try:
        return {info.url: info.title for info in store.feeds(active_only=False)}
    finally:
        store.close()


# -- add and import -----------------------------------------------------------


def _add(args: argparse.Namespace, editor: ConfigEditor) -> int:
    if args.offline:
        specs = [FeedSpec(args.url, args.category, args.title)]
        _say(_(MSG_OFFLINE_ADD).format(url=clean_line(args.url, 200)))
    else:
        chosen = _discover_and_choose(args, editor.config)
        if chosen is None:
            return 1
        specs = chosen
    result = editor.add(specs)
    if not _report_skipped(result):
        return 1
    path = editor.path
    editor.save()
    what = ", ".join(f"{s.title or s.url} <{s.url}>" for s in result.added)
    print(_(MSG_ADDED).format(what=what, path=path))
    if result.replaced_defaults:
        print(_(MSG_REPLACED).format(n=result.replaced_defaults))
    return 0


def _discover_and_choose(args: argparse.Namespace, config: Config) -> list[FeedSpec] | None:
    from beritatui.clock import default_clock
    from beritatui.feeds.discover import DiscoveryError, discover
    from beritatui.feeds.fetch import Fetcher

    async def run() -> list[FoundFeed]:
        async with Fetcher.from_settings(config.settings) as fetcher:
            return await discover(fetcher, args.url, default_clock())

    try:
        found = asyncio.run(run())
    except DiscoveryError as exc:
        _say(discovery(exc.reason, exc.url, exc.detail))
        return None
    if len(found) > 1 and not args.all:
        if args.first:
            found = found[:1]
        elif sys.stdin.isatty() and sys.stdout.isatty():
            picked = _ask(args.url, found)
            if not picked:
                _say(_(MSG_CANCELLED))
                return None
            found = picked
        else:
            _say(_(MSG_SEVERAL).format(url=clean_line(args.url, 200), n=len(found)))
            for feed in found:
                print(f"  {feed.url}  {feed.title}", file=sys.stderr)
            return None
    title = args.title if len(found) == 1 else ""
    return [FeedSpec(f.url, args.category, title or f.title) for f in found]


def _ask(url: str, found: Sequence[FoundFeed]) -> list[FoundFeed]:
    """Let the user pick on a TTY: a number, ``a`` for all, empty to cancel."""
    print(_(MSG_OFFERS).format(url=clean_line(url, 200), n=len(found)))
    for number, feed in enumerate(found, start=1):
        print(f"  {number}. {feed.title or _(MSG_UNTITLED_FEED)}  {feed.url}")
    while True:
        try:
            answer = input(_(MSG_CHOOSE).format(n=len(found))).strip().lower()
        except EOFError:
            return []
        if not answer:
            return []
        if answer in ("a", "all", "s", "semua"):
            return list(found)
        if answer.isdigit() and 1 <= int(answer) <= len(found):
            return [found[int(answer) - 1]]


def _import(args: argparse.Namespace, editor: ConfigEditor) -> int:
    try:
        feed_list = read_feed_list(Path(args.file).read_bytes(), args.category)
    except (OSError, ValueError) as exc:
        reason = getattr(exc, "strerror", None) or exc
        _say(_(MSG_CANNOT_IMPORT).format(file=clean_line(args.file), reason=reason))
        return 1
    for note in feed_list.notes:
        _say(_(MSG_NOTE).format(note=note))
    result = editor.add(feed_list.specs)
    if not _report_skipped(result):
        return 1
    editor.save()
    print(
        _(MSG_IMPORTED).format(
            what=_feeds(len(result.added)),
            file=clean_line(args.file),
            kind=feed_list.kind,
            path=editor.path,
        )
    )
    if result.replaced_defaults:
        print(_(MSG_REPLACED).format(n=result.replaced_defaults))
    return 0


def _report_skipped(result: AddResult) -> bool:
    """Print what was skipped; False when nothing is left to add."""
    for url in result.invalid:
        _say(_(MSG_INVALID).format(url=url))
    for url in result.already:
        _say(_(MSG_ALREADY).format(url=url))
    if not result.added:
        _say(_(MSG_NOTHING))
        return False
    return True


# -- remove, rename, move -----------------------------------------------------


def _edit(action: str, args: argparse.Namespace, editor: ConfigEditor) -> int:
    adopted = editor.adopt_defaults()
    titles = _feed_titles()
    if action == "remove":
        spec = editor.remove(args.feed, titles)
        message = _(MSG_REMOVED).format(name=_name(spec, titles), path=editor.path)
    elif action == "rename":
        spec = editor.rename(args.feed, args.title, titles)
        template = _(MSG_RENAMED) if spec.title else _(MSG_UNTITLED)
        message = template.format(url=spec.url, title=spec.title)
    elif action == "move":
        spec = editor.move(args.feed, args.category, titles)
        message = _(MSG_MOVED).format(name=_name(spec, titles), category=spec.category)
    else:  # argparse only offers the actions above
        raise ConfigError(f"unknown feeds action {action!r}")
    editor.save()
    if adopted:
        print(_(MSG_ADOPTED).format(path=editor.path))
    print(message)
    return 0


def _name(spec: FeedSpec, titles: dict[str, str]) -> str:
    title = spec.title or titles.get(spec.url, "")
    return f"{title} <{spec.url}>" if title and title != spec.url else spec.url


def _feeds(n: int) -> str:
    """``1 feed``, ``3 feeds`` in the interface language."""
    return ngettext("{count} feed", "{count} feeds", n).format(count=n)


def _say(message: str) -> None:
    print(f"beritatui: {clean_line(message, 500)}", file=sys.stderr)

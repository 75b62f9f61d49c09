"""Commands over the local library: refresh, trending, search, bookmarks."""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from collections.abc import Callable
from typing import Any

from beritatui.config import Config
from beritatui.extract.pool import preload_pages
from beritatui.i18n import _, ngettext
from beritatui.listing import Tab, View, article_rows
from beritatui.models import ArticleRow
from beritatui.sanitize import clean_line
from beritatui.service import Progress, RefreshReport, Service
from beritatui.store import Store
from beritatui.timefmt import short_date
from beritatui.wording import say


def run_refresh(args: argparse.Namespace, config: Config, store: Store) -> int:
    """Fetch feeds (and pages unless ``--no-articles``); exit 0 when a feed worked."""
    if args.offline:
        print(
            "beritatui: " + _("refresh needs the network, but --offline was given"),
            file=sys.stderr,
        )
        return 1
    service = Service(config, store)
    prefetch = config.settings.prefetch_articles and not args.no_articles
    if not prefetch:  # its workers parse feeds only: they need not import the extractor
        preload_pages(False)
    if sys.stderr.isatty():
        report = _refresh_with_bar(service, prefetch)
    else:
        report = asyncio.run(_closing(service, prefetch, None))
    for outcome in report.feeds_failed:
        print(f"  {outcome.title}: {outcome.status.label}: {say(outcome.detail)}", file=sys.stderr)
    print(report.summary())
    if report.network_down:
        print("beritatui: " + _("no feed could be reached; is the network down?"), file=sys.stderr)
    return 0 if report.feeds_ok else 1


def _refresh_with_bar(service: Service, prefetch: bool) -> RefreshReport:
    from rich.progress import BarColumn, MofNCompleteColumn, TextColumn
    from rich.progress import Progress as Bar

    with Bar(
        TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), transient=True
    ) as bar:
        tasks: dict[str, Any] = {}

        def on_progress(progress: Progress) -> None:
            name = _("Feeds") if progress.phase == "feeds" else _("Articles")
            if name not in tasks:
                tasks[name] = bar.add_task(name, total=progress.total)
            bar.update(tasks[name], completed=progress.done, total=progress.total)

        return asyncio.run(_closing(service, prefetch, on_progress))


async def _closing(
    service: Service, prefetch: bool, on_progress: Callable[[Progress], None] | None
) -> RefreshReport:
    """The refresh, then the service's network client closed on the same loop."""
    try:
        return await service.refresh(prefetch=prefetch, on_progress=on_progress)
    finally:
        await service.aclose()


def _row_json(row: ArticleRow) -> dict[str, Any]:
    return {
        "id": row.id,
        "title": row.title,
        "url": row.url,
        "source": row.source,
        "category": row.category,
        "published": row.published.isoformat() if row.published else None,
        "read": row.is_read,
        "bookmarked": row.is_bookmarked,
        "offline": row.has_body,
    }


def _print_rows(rows: list[ArticleRow]) -> None:
    for row in rows:
        when = short_date(row.published) if row.published else "—"
        mark = "★" if row.is_bookmarked else " "
        print(f"{mark} {when:<12}  {clean_line(row.source, 24):<24}  {clean_line(row.title, 110)}")
        if row.url:
            print(f"  {' ' * 12}  {row.url}")


def run_trending(args: argparse.Namespace, config: Config, store: Store) -> int:
    """Print the ranked story clusters."""
    service = Service(config, store, offline=True)
    clusters = service.trending(category=args.category, hours=args.hours)
    if args.json:
        print(json.dumps([c.to_dict() for c in clusters], ensure_ascii=False, indent=2))
        return 0
    if not clusters:
        print(_("No trending stories in the window (refresh first, or widen --hours)."))
    for rank, cluster in enumerate(clusters, start=1):
        sources = ", ".join(cluster.sources)
        print(f"{rank:>2}. {clean_line(cluster.title, 110)}")
        sources_count, articles_count = len(cluster.sources), len(cluster.articles)
        sizes = ngettext("{count} source", "{count} sources", sources_count).format(
            count=sources_count
        )
        sizes += ", " + ngettext("{count} article", "{count} articles", articles_count).format(
            count=articles_count
        )
        parts = cluster.parts
        if cluster.single_source:
            sizes += " " + _("(single source)")
        elif parts.wire_copies:
            sizes += " " + _("({count} independent)").format(count=parts.independent_sources)
        print(f"    {sizes}: {sources}")
    return 0


def run_search(args: argparse.Namespace, config: Config, store: Store) -> int:
    """Full-text search over cached articles."""
    rows = article_rows(store, View(query=" ".join(args.query)), limit=args.limit)
    if args.json:
        print(json.dumps([_row_json(r) for r in rows], ensure_ascii=False, indent=2))
    elif rows:
        _print_rows(rows)
    else:
        print(_("No matches."))
    return 0


def run_bookmarks(args: argparse.Namespace, config: Config, store: Store) -> int:
    """List, export or import bookmarks."""
    from beritatui.backup import export_bookmarks, import_bookmarks

    if args.export:
        sys.stdout.write(export_bookmarks(store, args.export))
        return 0
    if args.import_file:
        try:
            with open(args.import_file, encoding="utf-8") as handle:
                count = import_bookmarks(store, handle.read())
        except (OSError, ValueError) as exc:
            message = _("cannot import {file}: {error}").format(file=args.import_file, error=exc)
            print(f"beritatui: {message}", file=sys.stderr)
            return 1
        print(
            ngettext("Imported {count} bookmark.", "Imported {count} bookmarks.", count).format(
                count=count
            )
        )
        return 0
    rows = article_rows(store, View(tab=Tab.SAVED), limit=100_000)
    if args.json:
        print(json.dumps([_row_json(r) for r in rows], ensure_ascii=False, indent=2))
    elif rows:
        _print_rows(rows)
    else:
        print(_("No bookmarks yet (press b on an article in the reader)."))
    return 0

"""``beritatui feeds``: list (with last status), add, import OPML, export OPML."""

from __future__ import annotations

import argparse
import json
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from xml.sax.saxutils import quoteattr

from beritatui.config import Config, FeedSpec
from beritatui.paths import config_file
from beritatui.sanitize import clean_line, safe_url


def run_feeds(args: argparse.Namespace, config: Config) -> int:
    """Dispatch ``feeds`` actions."""
    action = args.feeds_command or "list"
    if action == "list":
        return _list(config, as_json=getattr(args, "json", False))
    if action == "add":
        return _add(config, [FeedSpec(args.url, args.category, args.title)])
    if action == "import":
        try:
            specs = parse_opml(Path(args.file).read_bytes(), args.category)
        except (OSError, ValueError) as exc:
            print(f"beritatui: cannot import {args.file}: {exc}", file=sys.stderr)
            return 1
        return _add(config, specs)
    sys.stdout.write(to_opml(config.feeds))
    return 0


def _list(config: Config, *, as_json: bool) -> int:
    from beritatui.paths import database_file
    from beritatui.store import Store

    store = Store.open(database_file())
    try:
        store.sync_feeds(config.feeds)
        infos = {info.url: info for info in store.feeds()}
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
                "detail": info.detail if info else "",
                "last_checked": info.last_checked.isoformat()
                if info and info.last_checked
                else None,
                "articles": info.article_count if info else 0,
            }
        )
    if as_json:
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return 0
    source = "bundled defaults" if config.using_default_feeds else config.path
    print(f"{len(rows)} feeds ({source})")
    for row in rows:
        title = clean_line(str(row["title"]) or str(row["url"]), 30)
        status = f"{row['status']}: {row['detail']}" if row["detail"] else str(row["status"])
        print(f"  {row['category']:<14} {title:<30} {clean_line(status, 70)}")
        print(f"  {'':<14} {row['url']}")
    return 0


def _add(config: Config, specs: list[FeedSpec]) -> int:
    path = config.path or config_file()  # path is None only for a Config built in code
    known = {f.url for f in config.feeds} if not config.using_default_feeds else set()
    new: list[FeedSpec] = []
    for spec in specs:
        url = safe_url(spec.url)
        if url is None:
            print(f"beritatui: skipped {clean_line(spec.url)}: not an http(s) URL", file=sys.stderr)
            continue
        if url in known:
            print(f"beritatui: already configured: {url}", file=sys.stderr)
            continue
        known.add(url)
        new.append(
            FeedSpec(url, clean_line(spec.category, 40) or "Lainnya", clean_line(spec.title, 80))
        )
    if not new:
        return 1
    path.parent.mkdir(parents=True, exist_ok=True)
    text = path.read_text("utf-8") if path.exists() else _CONFIG_HEADER
    if config.using_default_feeds:
        # The first feed the user adds would replace the defaults: keep them explicitly.
        text += "".join(_feed_toml(f) for f in config.feeds)
    text += "".join(_feed_toml(f) for f in new)
    path.write_text(text, "utf-8")
    print(f"Added {len(new)} feed(s) to {path}")
    return 0


_CONFIG_HEADER = """# beritatui configuration (see README.md, "Configuration").

[settings]
# theme = "textual-dark"
# refresh_interval_minutes = 30
# prefetch_articles = true
# retention_days = 30
"""


def _toml_string(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)


def _feed_toml(spec: FeedSpec) -> str:
    lines = [
        "",
        "[[feeds]]",
        f"url = {_toml_string(spec.url)}",
        f"category = {_toml_string(spec.category)}",
    ]
    if spec.title:
        lines.append(f"title = {_toml_string(spec.title)}")
    return "\n".join(lines) + "\n"


def parse_opml(data: bytes, default_category: str = "") -> list[FeedSpec]:
    """Feeds of an OPML document; nested outlines give their text as category."""
    try:
        root = ET.fromstring(data)
    except ET.ParseError as exc:
        raise ValueError(f"not valid OPML/XML ({exc})") from None
    body = root.find("body")
    if body is None:
        raise ValueError("not OPML: no <body> element")
    specs: list[FeedSpec] = []

    def walk(node: ET.Element, category: str) -> None:
        for outline in node.findall("outline"):
            url = outline.get("xmlUrl")
            label = outline.get("title") or outline.get("text") or ""
            if url:
                specs.append(FeedSpec(url, category or default_category or "Lainnya", label))
            else:
                walk(outline, clean_line(label, 40) or category)

    walk(body, "")
    return specs


def to_opml(feeds: tuple[FeedSpec, ...]) -> str:
    """OPML 2.0 of ``feeds``, grouped by category."""
    by_category: dict[str, list[FeedSpec]] = {}
    for feed in feeds:
        by_category.setdefault(feed.category, []).append(feed)
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<opml version="2.0">',
        "  <head><title>beritatui feeds</title></head>",
        "  <body>",
    ]
    for category, items in by_category.items():
        lines.append(f"    <outline text={quoteattr(category)}>")
        for feed in items:
            title = feed.title or feed.url
            lines.append(
                f'      <outline type="rss" text={quoteattr(title)} title={quoteattr(title)}'
                f" xmlUrl={quoteattr(feed.url)}/>"
            )
        lines.append("    </outline>")
    lines += ["  </body>", "</opml>", ""]
    return "\n".join(lines)

"""Edit the ``[[feeds]]`` of ``config.toml`` without losing the user's comments or layout.

The file is edited with tomlkit (style-preserving): ``[[feeds]]`` tables and an
inline ``feeds = [...]`` array both work, comments and key order stay. Saving
checks that the new text still loads (:func:`beritatui.config.parse_config`),
copies the previous file to ``config.toml.bak`` and writes the new one
atomically (temporary file, then rename), so a crash never leaves half a config.

While the bundled defaults are in use (no feeds in the file), the first feeds
added *replace* them: the defaults are never copied into the file.
"""

from __future__ import annotations

import contextlib
import os
import shutil
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import tomlkit
import tomlkit.exceptions
from tomlkit.items import AoT, Array, Comment, InlineTable, Table, Whitespace

from beritatui.config import RESERVED_CATEGORY, Config, ConfigError, FeedSpec, parse_config
from beritatui.i18n import _
from beritatui.models import DEFAULT_CATEGORY
from beritatui.sanitize import clean_line, safe_url

CONFIG_HEADER = """# beritatui configuration (see README.md, "Configuration").

[settings]
# language = "id"  # or "en"; without it the locale (LANG...) decides
# theme = "textual-dark"
# refresh_interval_minutes = 30
# prefetch_articles = true
# retention_days = 30
"""


class FeedLookupError(ConfigError):
    """No configured feed, or more than one, matches what the user typed."""

    def __init__(self, key: str, matches: Iterable[str] = ()) -> None:
        self.key = clean_line(key, 200)
        self.matches = list(matches)
        if self.matches:
            message = _("{n} feeds match {key!r}: {urls}; give the URL").format(
                n=len(self.matches), key=self.key, urls=", ".join(self.matches)
            )
        else:
            message = _("no configured feed matches {key!r} (give its URL or title)").format(
                key=self.key
            )
        super().__init__(message)


class CategoryError(ConfigError):
    """A category name that cannot be used."""


@dataclass(slots=True)
class AddResult:
    """What :meth:`ConfigEditor.add` did."""

    added: list[FeedSpec] = field(default_factory=list)
    already: list[str] = field(default_factory=list)
    """URLs that were configured already."""
    invalid: list[str] = field(default_factory=list)
    """Entries that were not http(s) URLs (cleaned for printing)."""
    replaced_defaults: int = 0
    """How many bundled default feeds the added feeds replaced (0 when none)."""


class ConfigEditor:
    """One config file, loaded for editing; :meth:`save` writes it back."""

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            text = path.read_text("utf-8") if path.exists() else CONFIG_HEADER
        except (OSError, UnicodeDecodeError) as exc:
            raise ConfigError(
                _("{path}: cannot be read ({reason})").format(path=path, reason=exc)
            ) from None
        self.config: Config = parse_config(text, path)  # plain errors with line numbers
        try:
            self._doc = tomlkit.parse(text)
        except tomlkit.exceptions.TOMLKitError as exc:  # parse_config accepted it: rare
            raise ConfigError(
                _("{path}: cannot be edited ({reason})").format(path=path, reason=exc)
            ) from None

    # -- reading -------------------------------------------------------------

    @property
    def feeds(self) -> tuple[FeedSpec, ...]:
        """The feeds the file configures (empty while the bundled defaults are used)."""
        return () if self.config.using_default_feeds else self.config.feeds

    def find(self, key: str, titles: Mapping[str, str] | None = None) -> FeedSpec:
        """The configured feed whose URL or title is ``key``.

        ``titles`` maps URLs to the titles feeds give themselves (from the
        store), so a feed can be named as the lists show it.
        """
        url = safe_url(key.strip())
        for spec in self.feeds:
            if url is not None and spec.url == url:
                return spec
        wanted = key.strip().casefold()
        matches = [
            spec
            for spec in self.feeds
            if wanted
            and wanted in (spec.title.casefold(), (titles or {}).get(spec.url, "").casefold())
        ]
        if len(matches) != 1:
            raise FeedLookupError(key, [m.url for m in matches])
        return matches[0]

    # -- editing -------------------------------------------------------------

    def add(self, specs: Iterable[FeedSpec]) -> AddResult:
        """Append new feeds; configured URLs and non-http(s) ones are skipped."""
        result = AddResult()
        known = {spec.url for spec in self.feeds}
        for spec in specs:
            url = safe_url(spec.url.strip())
            if url is None:
                result.invalid.append(clean_line(spec.url, 200))
                continue
            if url in known:
                result.already.append(url)
                continue
            known.add(url)
            category = checked_category(spec.category)
            result.added.append(FeedSpec(url, category, clean_line(spec.title, 80)))
        if result.added and self.config.using_default_feeds:
            result.replaced_defaults = len(self.config.feeds)
        for spec in result.added:
            self._append(spec)
        if result.added:
            self._reparse()
        return result

    def adopt_defaults(self) -> int:
        """Write the bundled defaults into the file (to edit one of them); returns how many."""
        if not self.config.using_default_feeds:
            return 0
        defaults = self.config.feeds
        for spec in defaults:
            self._append(spec)
        self._reparse()
        return len(defaults)

    def remove(self, key: str, titles: Mapping[str, str] | None = None) -> FeedSpec:
        """Drop the feed named by ``key`` (every entry with its URL)."""
        spec = self.find(key, titles)
        entries = self._entries()
        for index in reversed(range(len(entries))):
            if _entry_url(entries[index]) == spec.url:
                self._delete(index)
        self._reparse()
        return spec

    def rename(self, key: str, title: str, titles: Mapping[str, str] | None = None) -> FeedSpec:
        """Set the configured title (an empty title falls back to the feed's own)."""
        spec = self.find(key, titles)
        title = clean_line(title, 80)
        for entry in self._entries_of(spec.url):
            if title:
                _set_key(entry, "title", title)
            elif "title" in entry:
                del entry["title"]
        self._reparse()
        return FeedSpec(spec.url, spec.category, title, spec.user_agent)

    def move(self, key: str, category: str, titles: Mapping[str, str] | None = None) -> FeedSpec:
        """Put the feed in ``category``."""
        spec = self.find(key, titles)
        category = checked_category(category)
        for entry in self._entries_of(spec.url):
            _set_key(entry, "category", category)
        self._reparse()
        return FeedSpec(spec.url, category, spec.title, spec.user_agent)

    def set_setting(self, key: str, value: str) -> None:
        """Set ``[settings] key = value`` (the table is made when the file has none)."""
        settings = self._doc.get("settings")
        if not isinstance(settings, Table):
            settings = tomlkit.table()
            self._doc["settings"] = settings
        settings[key] = value
        self._reparse()

    def save(self) -> Config:
        """Check, back up and atomically write the file; returns the config it now holds."""
        text = self._doc.as_string()
        config = parse_config(text, self.path)  # never write what we could not read back
        path = self.path
        temporary = path.with_name(f".{path.name}.tmp")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            with temporary.open("w", encoding="utf-8", newline="") as handle:
                handle.write(text)
                handle.flush()
                os.fsync(handle.fileno())
            if path.exists():
                shutil.copymode(path, temporary)
                shutil.copy2(path, backup_path(path))
            os.replace(temporary, path)
        except OSError as exc:
            with contextlib.suppress(OSError):
                temporary.unlink()
            raise ConfigError(
                _("{path}: cannot be written ({reason})").format(
                    path=path, reason=exc.strerror or exc
                )
            ) from None
        self.config = config
        return config

    # -- tomlkit plumbing ----------------------------------------------------

    def _reparse(self) -> None:
        self.config = parse_config(self._doc.as_string(), self.path)

    def _entries(self) -> list[Any]:
        feeds = self._doc.get("feeds")
        if isinstance(feeds, AoT | Array):
            return list(feeds)
        return []

    def _entries_of(self, url: str) -> list[Any]:
        return [entry for entry in self._entries() if _entry_url(entry) == url]

    def _append(self, spec: FeedSpec) -> None:
        feeds = self._doc.get("feeds")
        if isinstance(feeds, Array):
            inline = tomlkit.inline_table()
            inline.update(_feed_fields(spec))
            feeds.append(inline)
            return
        table = tomlkit.table()
        table.update(_feed_fields(spec))
        if isinstance(feeds, AoT):
            if len(feeds) and not feeds[-1].as_string().endswith("\n\n"):
                feeds[-1].add(tomlkit.nl())
            feeds.append(table)
        else:
            if not self._doc.as_string().endswith("\n\n"):
                self._doc.add(tomlkit.nl())
            self._doc.append("feeds", tomlkit.aot())
            self._doc["feeds"].append(table)

    def _delete(self, index: int) -> None:
        feeds = self._doc["feeds"]
        if isinstance(feeds, AoT):
            # Comments between tables belong to the table above; keep them for the next feed.
            tail = _trailing_trivia(feeds[index])
            previous = feeds[index - 1] if index > 0 else self._table_before_feeds()
            if previous is not None:
                for item in tail:
                    previous.add(item)
        del feeds[index]

    def _table_before_feeds(self) -> Table | None:
        before: Table | None = None
        for key, item in self._doc.body:
            if key is not None and key.key == "feeds":
                return before
            if isinstance(item, Table):
                before = item
        return None


def backup_path(path: Path) -> Path:
    """Where :meth:`ConfigEditor.save` keeps the previous version of ``path``."""
    return path.with_name(path.name + ".bak")


def checked_category(category: str) -> str:
    """A clean category name; raises :class:`CategoryError` for the reserved one."""
    name = clean_line(category, 40) or DEFAULT_CATEGORY
    if name.casefold() == RESERVED_CATEGORY.casefold():
        raise CategoryError(
            _(
                "category {name!r} is the name of the all-categories row; choose another name"
            ).format(name=name)
        )
    return name


def _feed_fields(spec: FeedSpec) -> dict[str, str]:
    fields = {"url": spec.url, "category": spec.category}
    if spec.title:
        fields["title"] = spec.title
    if spec.user_agent:
        fields["user_agent"] = spec.user_agent
    return fields


def _entry_url(entry: Any) -> str | None:
    url = entry.get("url") if isinstance(entry, Table | InlineTable | dict) else None
    return safe_url(url.strip()) if isinstance(url, str) else None


def _trailing_trivia(table: Table) -> list[Comment | Whitespace]:
    """Comments and blank lines after a table's last key."""
    tail: list[Comment | Whitespace] = []
    for key, item in reversed(table.value.body):
        if key is not None or not isinstance(item, Comment | Whitespace):
            break
        tail.append(item)
    return tail[::-1]


def _set_key(entry: Any, key: str, value: str) -> None:
    """Set ``key``; a new key goes after the entry's last key, not after its trailing comments."""
    if key in entry or not isinstance(entry, Table):
        entry[key] = value
        return
    body = entry.value.body
    last = max((i for i, (k, _) in enumerate(body) if k is not None), default=None)
    if last is None or last + 1 >= len(body):
        entry[key] = value  # nothing after the last key: appending is the same
        return
    # tomlkit has no public "insert at"; _insert_at is in every release this project
    # allows (_insert_after, used before, is gone from tomlkit 0.15.3).
    entry.value._insert_at(last + 1, key, tomlkit.item(value))

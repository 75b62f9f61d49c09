"""Read and validate ``config.toml`` into typed settings and feeds.

A config problem never becomes a traceback: :class:`ConfigError` carries a
message naming the file and, where it can be found, the line. Problems that do
not stop the app (unknown keys, duplicate feeds) become ``warnings``.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from beritatui.i18n import LANGUAGES, _
from beritatui.models import ALL_CATEGORIES, DEFAULT_CATEGORY
from beritatui.sanitize import clean_line, safe_url


class ConfigError(Exception):
    """A config file that cannot be used; ``str()`` is the message for the user."""


@dataclass(frozen=True, slots=True)
class FeedSpec:
    """One configured feed."""

    url: str
    category: str
    title: str = ""
    user_agent: str = ""
    """Per-feed User-Agent override for sites that block unknown clients."""


@dataclass(frozen=True, slots=True)
class Settings:
    """Everything in ``[settings]``, with defaults."""

    theme: str = ""
    """Theme name; empty means the last theme chosen with ``d`` (default dark)."""
    theme_dark: str = ""
    theme_light: str = ""
    """A pair for ``d`` to switch between; empty: the theme's own family (see themes.py)."""
    language: str = ""
    """Interface language, ``id`` or ``en``; empty follows the locale (``LANG``...)."""
    refresh_interval_minutes: int = 30
    """Automatic refresh while the TUI runs; 0 turns it off."""
    refresh_on_start: bool = True
    prefetch_articles: bool = True
    """Download and extract article pages after a refresh, for offline reading."""
    retention_days: int = 30
    """Non-bookmarked articles older than this are pruned; 0 keeps everything."""
    retention_per_feed: int = 500
    """At most this many non-bookmarked articles per feed; 0 means no cap."""
    trending_hours: int = 24
    max_concurrency: int = 8
    per_host_limit: int = 2
    timeout_seconds: float = 15.0
    max_response_bytes: int = 10 * 1024 * 1024
    stale_after_days: int = 30
    """A feed whose newest item is older than this is flagged stale."""
    user_agent: str = ""
    images: bool = False
    """Pictures inline in the reader (needs the ``beritatui[images]`` extra and a terminal
    with kitty graphics or sixel); ``i`` hides and shows them while the app runs."""
    image_cache_mb: int = 100
    """Disk cache for pictures; the least recently used go when it is full."""
    image_renderer: str = "auto"
    """``auto`` (kitty graphics or sixel when the terminal answers, else none), ``kitty``,
    ``sixel``, ``halfcell`` (coloured half blocks, any colour terminal) or ``unicode``."""


IMAGE_RENDERERS = ("auto", "kitty", "sixel", "halfcell", "unicode")
"""The values of ``image_renderer``."""


@dataclass(frozen=True, slots=True)
class Config:
    """The validated configuration."""

    settings: Settings = field(default_factory=Settings)
    feeds: tuple[FeedSpec, ...] = ()
    path: Path | None = None
    """The config file: read from, or where ``feeds add`` would create it."""
    using_default_feeds: bool = True
    warnings: tuple[str, ...] = ()

    @property
    def categories(self) -> list[str]:
        """Configured categories, in first-seen order."""
        seen: dict[str, None] = {}
        for feed in self.feeds:
            seen.setdefault(feed.category, None)
        return list(seen)


_SETTING_TYPES: dict[str, type] = {
    name: type(getattr(Settings(), name)) for name in Settings.__dataclass_fields__
}
_FEED_KEYS = {"url", "category", "title", "user_agent"}
_MINIMUMS: dict[str, float] = {
    "trending_hours": 1,
    "timeout_seconds": 1,
    "max_concurrency": 1,
    "per_host_limit": 1,
    "max_response_bytes": 64 * 1024,
    "image_cache_mb": 1,
}
RESERVED_CATEGORY = ALL_CATEGORIES
"""The sidebar's "all categories" row; a feed category cannot take its name."""
_TOML_POSITION = re.compile(r"\(at line (\d+), column (\d+)\)")


def default_feeds() -> tuple[FeedSpec, ...]:
    """The bundled Indonesian feeds."""
    text = resources.files("beritatui").joinpath("default_feeds.toml").read_text("utf-8")
    feeds, _warnings = _parse_feeds(
        tomllib.loads(text).get("feeds", []), text, "default_feeds.toml"
    )
    return tuple(feeds)


def load_config(path: Path | None = None) -> Config:
    """Load ``path`` (default: the user's config file); defaults when it is missing."""
    if path is None:
        from beritatui.paths import config_file

        path = config_file()
    if not path.exists():
        return Config(feeds=default_feeds(), path=path)
    try:
        text = path.read_text("utf-8")
    except UnicodeDecodeError as exc:
        raise ConfigError(
            _("{path}: not UTF-8 text (byte {byte})").format(path=path, byte=exc.start)
        ) from None
    except OSError as exc:
        raise ConfigError(
            _("{path}: cannot be read ({reason})").format(path=path, reason=exc.strerror or exc)
        ) from None
    return parse_config(text, path)


def configured_language(path: Path | None = None) -> str:
    """``language`` from the config file, read leniently: "" when absent or unreadable.

    The CLI needs the language before it parses its arguments (for ``--help``);
    problems with the file are reported by :func:`load_config`, later.
    """
    if path is None:
        from beritatui.paths import config_file

        path = config_file()
    try:
        data = tomllib.loads(path.read_text("utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return ""
    settings = data.get("settings")
    language = settings.get("language") if isinstance(settings, dict) else None
    return language if language in LANGUAGES else ""


def parse_config(text: str, path: Path) -> Config:
    """Validate config ``text`` read from ``path``."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        match = _TOML_POSITION.search(message)
        reason = _TOML_POSITION.sub("", message).strip()
        if match:
            text = _("{path}, line {line}: invalid TOML: {reason}")
        else:
            text = _("{path}: invalid TOML: {reason}")
        line = match.group(1) if match else ""
        raise ConfigError(text.format(path=path, line=line, reason=reason)) from None

    warnings: list[str] = []
    for key in data:
        if key not in {"settings", "feeds"}:
            warnings.append(
                _(
                    "{path}, line {line}: unknown key {key} ignored"
                    " (expected [settings] and [[feeds]])"
                ).format(path=path, line=_line_of(text, key), key=repr(key))
            )
    settings = _parse_settings(data.get("settings", {}), text, path, warnings)
    raw_feeds = data.get("feeds", [])
    if not isinstance(raw_feeds, list):
        raise ConfigError(
            _("{path}, line {line}: 'feeds' must be [[feeds]] tables").format(
                path=path, line=_line_of(text, "feeds")
            )
        )
    feeds, feed_warnings = _parse_feeds(raw_feeds, text, str(path))
    warnings.extend(feed_warnings)
    if not feeds:
        if raw_feeds:
            raise ConfigError(_("{path}: no usable [[feeds]] entry").format(path=path))
        return Config(settings, default_feeds(), path, True, tuple(warnings))
    return Config(settings, tuple(feeds), path, False, tuple(warnings))


def _parse_settings(raw: Any, text: str, path: Path, warnings: list[str]) -> Settings:
    if not isinstance(raw, dict):
        raise ConfigError(
            _("{path}, line {line}: [settings] must be a table").format(
                path=path, line=_line_of(text, "settings")
            )
        )
    values: dict[str, Any] = {}
    for key, value in raw.items():
        expected = _SETTING_TYPES.get(key)
        line = _line_of(text, key)
        if expected is None:
            warnings.append(
                _("{path}, line {line}: unknown setting {key} ignored").format(
                    path=path, line=line, key=repr(key)
                )
            )
            continue
        if expected is float and isinstance(value, int) and not isinstance(value, bool):
            value = float(value)
        if type(value) is not expected:
            raise ConfigError(
                _(
                    "{path}, line {line}: setting {key} must be {expected}, not {actual} ({value})"
                ).format(
                    path=path,
                    line=line,
                    key=repr(key),
                    expected=_type_name(expected),
                    actual=_type_name(type(value)),
                    value=repr(value),
                )
            )
        floor = _MINIMUMS.get(key, 0)
        if isinstance(value, int | float) and not isinstance(value, bool) and not value >= floor:
            # ``not >=`` also catches NaN
            raise ConfigError(
                _("{path}, line {line}: setting {key} must be at least {floor}").format(
                    path=path, line=line, key=repr(key), floor=floor
                )
            )
        if key == "user_agent" and not _is_header_safe(str(value)):
            raise ConfigError(
                _("{path}, line {line}: user_agent must be printable ASCII").format(
                    path=path, line=line
                )
            )
        if key == "language" and value not in ("", *LANGUAGES):
            warnings.append(
                _(
                    "{path}, line {line}: language {value} is not one of {choices};"
                    " the locale decides"
                ).format(path=path, line=line, value=repr(value), choices=", ".join(LANGUAGES))
            )
            continue
        if key == "image_renderer" and value not in IMAGE_RENDERERS:
            warnings.append(
                _(
                    "{path}, line {line}: image_renderer {value} is not one of {choices};"
                    " using auto"
                ).format(
                    path=path, line=line, value=repr(value), choices=", ".join(IMAGE_RENDERERS)
                )
            )
            continue
        values[key] = value
    return Settings(**values)


def _is_header_safe(value: str) -> bool:
    """An HTTP header value we can send as given: printable ASCII only."""
    return value.isascii() and value.isprintable()


def _parse_feeds(raw: list[Any], text: str, source: str) -> tuple[list[FeedSpec], list[str]]:
    feeds: list[FeedSpec] = []
    warnings: list[str] = []
    seen: set[str] = set()
    header_lines = [i + 1 for i, line in enumerate(text.splitlines()) if _is_feeds_header(line)]
    for index, item in enumerate(raw):
        line = header_lines[index] if index < len(header_lines) else 0
        if line:
            where = _("{path}, line {line}").format(path=source, line=line)
        else:
            where = _("{path}, feed #{number}").format(path=source, number=index + 1)
        if not isinstance(item, dict):
            raise ConfigError(
                _("{where}: each [[feeds]] entry must be a table").format(where=where)
            )
        for key in item:
            if key not in _FEED_KEYS:
                warnings.append(
                    _("{where}: unknown feed key {key} ignored").format(where=where, key=repr(key))
                )
        url = item.get("url")
        if not isinstance(url, str) or not url.strip():
            raise ConfigError(_("{where}: feed needs a 'url' string").format(where=where))
        clean_url = safe_url(url)
        if clean_url is None:
            raise ConfigError(
                _("{where}: feed url {url} is not an http(s) URL").format(
                    where=where, url=repr(url)
                )
            )
        category = item.get("category", DEFAULT_CATEGORY)
        title = item.get("title", "")
        user_agent = item.get("user_agent", "")
        for key, value in (("category", category), ("title", title), ("user_agent", user_agent)):
            if not isinstance(value, str):
                raise ConfigError(
                    _("{where}: feed {key} must be a string").format(where=where, key=repr(key))
                )
        if not _is_header_safe(user_agent):
            raise ConfigError(
                _("{where}: feed user_agent must be printable ASCII").format(where=where)
            )
        category = clean_line(category, 40) or DEFAULT_CATEGORY
        if category.casefold() == RESERVED_CATEGORY.casefold():
            warnings.append(
                _(
                    "{where}: category {category} is the name of the all-categories row;"
                    " using '{replacement}'"
                ).format(
                    where=where, category=repr(category), replacement=f"{RESERVED_CATEGORY} (feed)"
                )
            )
            category = f"{RESERVED_CATEGORY} (feed)"
        if clean_url in seen:
            warnings.append(
                _("{where}: duplicate feed {url} ignored").format(where=where, url=clean_url)
            )
            continue
        seen.add(clean_url)
        feeds.append(
            FeedSpec(
                url=clean_url,
                category=category,
                title=clean_line(title, 80),
                user_agent=clean_line(user_agent, 200),
            )
        )
    return feeds, warnings


def _is_feeds_header(line: str) -> bool:
    return line.strip().replace(" ", "").startswith("[[feeds]]")


def _line_of(text: str, key: str) -> int:
    """Best-effort line number of ``key`` in the TOML text (1 when not found)."""
    pattern = re.compile(rf"^\s*(\[+\s*)?{re.escape(key)}\b")
    for number, line in enumerate(text.splitlines(), start=1):
        if pattern.match(line):
            return number
    return 1


def _type_name(kind: type) -> str:
    names = {
        bool: _("true/false"),
        int: _("a whole number"),
        float: _("a number"),
        str: _("a string"),
    }
    return names.get(kind, kind.__name__)

"""Where beritatui keeps its files (platformdirs user dirs, so XDG_* isolate it)."""

from __future__ import annotations

from pathlib import Path

from platformdirs import user_cache_path, user_config_path, user_data_path

APP_NAME = "beritatui"


def config_dir() -> Path:
    """``$XDG_CONFIG_HOME/beritatui``."""
    return user_config_path(APP_NAME, appauthor=False)


def config_file() -> Path:
    """The user's ``config.toml`` (may not exist)."""
    return config_dir() / "config.toml"


def data_dir() -> Path:
    """``$XDG_DATA_HOME/beritatui``: the database lives here.

    Not created here: :meth:`Store.open` and :meth:`UIState.save` create it when
    they write, and turn a failure into a plain message.
    """
    return user_data_path(APP_NAME, appauthor=False)


def screenshots_dir() -> Path:
    """Where the palette's Screenshot command saves SVGs (created when it saves one)."""
    return data_dir() / "screenshots"


def database_file() -> Path:
    """The SQLite database."""
    return data_dir() / "beritatui.sqlite3"


def cache_dir() -> Path:
    """``$XDG_CACHE_HOME/beritatui``: disposable files (created by whoever writes there)."""
    return user_cache_path(APP_NAME, appauthor=False)


def state_file() -> Path:
    """Small UI state (theme, last category/article, scroll) kept between runs."""
    return data_dir() / "state.json"


def styles_dir() -> Path:
    """The ``.tcss`` files: inside the wheel, or ``styles/`` at the top of a checkout."""
    packaged = Path(__file__).parent / "styles"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "styles"

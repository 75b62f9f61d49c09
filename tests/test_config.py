"""Config loading: defaults, validation and messages that name the file and line."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from beritatui.config import ConfigError, default_feeds, load_config, parse_config


def test_defaults_without_file(tmp_path: Path) -> None:
    config = load_config(tmp_path / "missing.toml")
    assert config.using_default_feeds
    categories = set(config.categories)
    wanted = {"Nasional", "Internasional", "Ekonomi", "Olahraga", "Teknologi", "Hiburan"}
    assert wanted <= categories
    sources = {feed.title for feed in config.feeds}
    assert len(sources) >= 6
    assert all(feed.url.startswith("https://") for feed in config.feeds)


def test_bundled_defaults_have_no_duplicates() -> None:
    urls = [feed.url for feed in default_feeds()]
    assert len(urls) == len(set(urls))


def test_feeds_and_settings(tmp_path: Path) -> None:
    text = """
[settings]
theme = "textual-light"
retention_days = 7
timeout_seconds = 5

[[feeds]]
url = "https://contoh.id/rss"
category = "Nasional"
title = "Contoh"
"""
    config = parse_config(text, tmp_path / "c.toml")
    assert not config.using_default_feeds
    assert config.settings.theme == "textual-light"
    assert config.settings.retention_days == 7
    assert config.settings.timeout_seconds == 5.0
    assert config.feeds[0].title == "Contoh"


def test_invalid_toml_names_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    with pytest.raises(ConfigError) as info:
        parse_config('[settings]\ntheme = "x"\nretention_days = = 3\n', path)
    message = str(info.value)
    assert str(path) in message
    assert "line 3" in message


def test_wrong_type_names_line(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"line 3: setting 'retention_days' must be a whole"):
        parse_config('[settings]\ntheme = "x"\nretention_days = "lama"\n', tmp_path / "c.toml")


def test_bad_feed_url_names_feed_line(tmp_path: Path) -> None:
    text = '[[feeds]]\nurl = "https://a.id/rss"\n\n[[feeds]]\nurl = "javascript:alert(1)"\n'
    with pytest.raises(ConfigError, match=r"line 4: feed url .* not an http\(s\) URL"):
        parse_config(text, tmp_path / "c.toml")


def test_unknown_keys_and_duplicates_are_warnings(tmp_path: Path) -> None:
    text = """
colour = "blue"
[settings]
speed = 3
[[feeds]]
url = "https://a.id/rss"
categry = "typo"
[[feeds]]
url = "https://a.id/rss"
"""
    config = parse_config(text, tmp_path / "c.toml")
    assert len(config.feeds) == 1
    joined = "\n".join(config.warnings)
    assert "unknown key 'colour'" in joined
    assert "unknown setting 'speed'" in joined
    assert "unknown feed key 'categry'" in joined
    assert "duplicate feed" in joined


def test_empty_file_uses_default_feeds(tmp_path: Path) -> None:
    config = parse_config("", tmp_path / "c.toml")
    assert config.using_default_feeds
    assert config.feeds


def test_malformed_config_exits_without_traceback(tmp_path: Path) -> None:
    config_dir = tmp_path / "cfg" / "beritatui"
    config_dir.mkdir(parents=True)
    (config_dir / "config.toml").write_text("[[feeds]]\nurl = \n", "utf-8")
    env = {
        "XDG_CONFIG_HOME": str(tmp_path / "cfg"),
        "XDG_DATA_HOME": str(tmp_path / "d"),
        "XDG_CACHE_HOME": str(tmp_path / "c"),
        "PATH": "/usr/bin:/bin",
    }
    result = subprocess.run(
        [sys.executable, "-m", "beritatui", "feeds", "list"],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert result.returncode == 2
    assert "config.toml, line 2" in result.stderr
    assert "Traceback" not in result.stderr


def test_category_named_like_the_all_row_is_renamed(tmp_path: Path) -> None:
    text = '[[feeds]]\nurl = "https://a.id/rss"\ncategory = "semua"\n'
    config = parse_config(text, tmp_path / "c.toml")
    assert config.feeds[0].category == "Semua (feed)"
    assert any("all-categories row" in w for w in config.warnings)


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("trending_hours = 0", "'trending_hours' must be at least 1"),
        ("timeout_seconds = 0", "'timeout_seconds' must be at least 1"),
        ("timeout_seconds = nan", "'timeout_seconds' must be at least 1"),
        ("max_concurrency = 0", "'max_concurrency' must be at least 1"),
        ("image_cache_mb = 0", "'image_cache_mb' must be at least 1"),
        ('images = "yes"', "'images' must be"),
        ('user_agent = "béritatui"', "user_agent must be printable ASCII"),
    ],
)
def test_settings_that_cannot_work_are_refused(tmp_path: Path, line: str, message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        parse_config(f"[settings]\n{line}\n", tmp_path / "c.toml")


def test_picture_settings(tmp_path: Path) -> None:
    default = parse_config("[settings]\n", tmp_path / "c.toml").settings
    assert (default.images, default.image_cache_mb, default.image_renderer) == (False, 100, "auto")
    text = '[settings]\nimages = true\nimage_cache_mb = 20\nimage_renderer = "halfcell"\n'
    settings = parse_config(text, tmp_path / "c.toml").settings
    assert (settings.images, settings.image_cache_mb, settings.image_renderer) == (
        True,
        20,
        "halfcell",
    )
    odd = parse_config('[settings]\nimage_renderer = "ascii"\n', tmp_path / "c.toml")
    assert odd.settings.image_renderer == "auto"
    assert any("image_renderer 'ascii' is not one of" in w for w in odd.warnings)


def test_feed_user_agent_must_be_sendable(tmp_path: Path) -> None:
    text = '[[feeds]]\nurl = "https://a.id/rss"\nuser_agent = "baris\\nbaru"\n'
    with pytest.raises(ConfigError, match="line 1: feed user_agent must be printable ASCII"):
        parse_config(text, tmp_path / "c.toml")


def test_explicit_missing_config_is_where_feeds_are_added(tmp_path: Path) -> None:
    wanted = tmp_path / "punyaku.toml"
    config = load_config(wanted)
    assert config.path == wanted
    assert config.using_default_feeds
    env = {
        "XDG_CONFIG_HOME": str(tmp_path / "cfg"),
        "XDG_DATA_HOME": str(tmp_path / "d"),
        "XDG_CACHE_HOME": str(tmp_path / "c"),
        "PATH": "/usr/bin:/bin",
    }
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "beritatui",
            "--offline",  # add without checking: no network in tests
            "--config",
            str(wanted),
            "feeds",
            "add",
            "https://contoh.id/rss",
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert 'url = "https://contoh.id/rss"' in wanted.read_text()
    assert not (tmp_path / "cfg" / "beritatui" / "config.toml").exists()

"""The command line in Indonesian and English: help, usage errors, output, config problems."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

import pytest

from beritatui import i18n
from beritatui.cli import main
from tests.server import LocalServer
from tests.site import build_site


def cli(*args: str, lang: str, **env: str) -> subprocess.CompletedProcess[str]:
    """``beritatui ARGS`` in a subprocess with ``LANG=lang`` (conftest cleared LC_*)."""
    return subprocess.run(
        [sys.executable, "-m", "beritatui", *args],
        capture_output=True,
        text=True,
        timeout=120,
        env=dict(os.environ, LANG=lang, **env),
        check=False,
    )


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("id_ID.UTF-8", ["pemakaian: beritatui", "tampilkan bantuan ini lalu keluar", "opsi:"]),
        ("en_US.UTF-8", ["usage: beritatui", "show this help message and exit", "options:"]),
        ("C", ["usage: beritatui", "fetch feeds, then article pages for offline reading"]),
    ],
)
def test_help_follows_the_locale(lang: str, words: list[str]) -> None:
    result = cli("--help", lang=lang)
    assert result.returncode == 0, result.stderr
    for word in words:
        assert word in result.stdout
    other = "show this help" if lang.startswith("id") else "tampilkan bantuan"
    assert other not in result.stdout


def test_language_flag_and_config_win_over_the_locale(isolated_dirs: dict[str, Path]) -> None:
    assert "ambil feed, lalu halaman" in cli("--language", "id", "--help", lang="C").stdout
    assert "fetch feeds, then" in cli("--language=en", "--help", lang="id_ID.UTF-8").stdout
    config = isolated_dirs["config"] / "beritatui" / "config.toml"
    config.parent.mkdir(parents=True)
    config.write_text('[settings]\nlanguage = "id"\n', "utf-8")
    assert "ambil feed, lalu halaman" in cli("--help", lang="en_US.UTF-8").stdout
    assert "fetch feeds, then" in cli("--language", "en", "--help", lang="C").stdout
    other = isolated_dirs["config"] / "other.toml"
    other.write_text('[settings]\nlanguage = "en"\n', "utf-8")
    assert "fetch feeds, then" in cli("--config", str(other), "--help", lang="id_ID.UTF-8").stdout


def test_usage_errors_in_both_languages() -> None:
    indonesian = cli("search", lang="id_ID.UTF-8")
    assert indonesian.returncode == 2
    assert "galat: argumen berikut wajib diisi: query" in indonesian.stderr
    english = cli("search", lang="C")
    assert "error: the following arguments are required: query" in english.stderr
    bad = cli("--language", "fr", "--help", lang="id_ID.UTF-8")
    assert bad.returncode == 2
    assert "pilihan tidak sah: 'fr'" in bad.stderr


def test_config_problems_in_both_languages(isolated_dirs: dict[str, Path]) -> None:
    config = isolated_dirs["config"] / "beritatui" / "config.toml"
    config.parent.mkdir(parents=True)
    config.write_text("[settings]\nretention_days = -1\nwarna = 1\n", "utf-8")
    indonesian = cli("bookmarks", lang="id_ID.UTF-8")
    assert indonesian.returncode == 2
    assert "galat config:" in indonesian.stderr
    assert "baris 2: pengaturan 'retention_days' paling kecil 0" in indonesian.stderr
    english = cli("bookmarks", lang="C")
    assert "config error:" in english.stderr
    assert "line 2: setting 'retention_days' must be at least 0" in english.stderr
    # The config's own language decides its warnings too.
    config.write_text('[settings]\nlanguage = "id"\nwarna = 1\n', "utf-8")
    warned = cli("bookmarks", lang="C")
    assert warned.returncode == 0, warned.stderr
    assert "peringatan:" in warned.stderr
    assert "pengaturan 'warna' tidak dikenal, diabaikan" in warned.stderr
    assert "Belum ada bookmark" in warned.stdout
    config.write_text('[settings]\nlanguage = "jawa"\n', "utf-8")
    unknown = cli("bookmarks", lang="en_US.UTF-8")
    assert "language 'jawa' is not one of id, en; the locale decides" in unknown.stderr
    assert "No bookmarks yet" in unknown.stdout


@pytest.mark.parametrize(
    ("language", "summary", "failure"),
    [
        (
            "id",
            "2/3 feed ok, 3 artikel baru, 1 feed gagal",
            "galat HTTP: HTTP 404: tidak ada apa-apa di alamat",
        ),
        (
            "en",
            "2/3 feeds ok, 3 new articles, 1 feed failed",
            "http error: HTTP 404 Not Found: nothing at this",
        ),
    ],
)
def test_refresh_output_in_both_languages(
    language: str,
    summary: str,
    failure: str,
    server: LocalServer,
    isolated_dirs: dict[str, Path],
    capsys: pytest.CaptureFixture[str],
) -> None:
    site = build_site(server)
    site.write_config(isolated_dirs["config"])
    server.route("/wp/feed", "gone", status=404, content_type="text/plain")
    code = main(["--language", language, "refresh", "--no-articles"])
    out, err = capsys.readouterr()
    assert code == 0
    assert out.strip() == summary
    assert failure in err
    assert i18n.current_language() == language


def _parsers(parser: argparse.ArgumentParser) -> list[argparse.ArgumentParser]:
    """``parser`` and every sub-command parser under it."""
    found = [parser]
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for child in dict.fromkeys(action.choices.values()):
                found += _parsers(child)
    return found


@pytest.mark.parametrize("language", ["id", "en"])
def test_every_option_and_argument_of_every_command_has_help(language: str) -> None:
    from beritatui.cli import build_parser

    i18n.set_language(language)
    try:
        for parser in _parsers(build_parser()):
            for action in parser._actions:
                if isinstance(action, argparse._SubParsersAction):
                    continue
                assert action.help, (parser.prog, action.dest)
            text = parser.format_help()
            if language == "id":
                assert "show program's version" not in text
                assert "positional arguments" not in text
                assert "print JSON" not in text, parser.prog
    finally:
        i18n.set_language("en")
    assert "tampilkan versi program lalu keluar" in cli("--help", lang="id_ID.UTF-8").stdout


@pytest.mark.parametrize(
    ("lang", "listed", "note", "status"),
    [
        (
            "id_ID.UTF-8",
            "2 feed (",
            "baris 2: dilewati: tanda kutip tidak seimbang",
            "belum diambil",
        ),
        ("C", "2 feeds (", "line 2: skipped: unbalanced quotes", "never fetched"),
    ],
)
def test_feeds_import_and_list_in_both_languages(
    lang: str, listed: str, note: str, status: str, isolated_dirs: dict[str, Path]
) -> None:
    urls = isolated_dirs["config"] / "urls"
    urls.write_text(
        'https://a.contoh.id/rss Nasional\n"https://rusak.contoh.id/rss\nhttps://b.contoh.id/rss\n',
        "utf-8",
    )
    imported = cli("feeds", "import", str(urls), lang=lang)
    assert imported.returncode == 0, imported.stderr
    assert note in imported.stderr
    listing = cli("feeds", "list", lang=lang)
    assert listing.returncode == 0, listing.stderr
    assert listing.stdout.startswith(listed)
    assert status in listing.stdout

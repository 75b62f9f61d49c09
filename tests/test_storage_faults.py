"""Storage faults seen from the command line and the TUI (issue #6, part 4).

A corrupt or foreign database file is moved aside (never deleted) with a
message, and bookmarks can still be exported from the moved file; a data
folder that cannot be used, or a "disk" that runs out of room, gives a clear
message and a non-zero exit, never a traceback. Everything runs the real
``python -m beritatui`` in a subprocess with its own XDG dirs.
"""

from __future__ import annotations

import json
import os
import resource
import signal
import sqlite3
import subprocess
import sys
from collections.abc import Mapping
from datetime import UTC, datetime
from pathlib import Path

import pytest

from beritatui.config import load_config
from beritatui.models import FeedEntry
from beritatui.store import Store
from beritatui.ui.app import BeritaApp
from tests.helpers import wait_for
from tests.server import LocalServer
from tests.site import build_site

# The interface in Indonesian (English has its own tests).
pytestmark = pytest.mark.usefixtures("indonesian")

CLI_TIMEOUT = 120.0
DB_NAME = "beritatui.sqlite3"


def cli(
    *args: str,
    env: Mapping[str, str] | None = None,
    preexec: object = None,
) -> subprocess.CompletedProcess[str]:
    """Run ``python -m beritatui ARGS`` (env defaults to the test's isolated XDG dirs)."""
    return subprocess.run(
        [sys.executable, "-m", "beritatui", *args],
        env=dict(env if env is not None else os.environ),
        capture_output=True,
        text=True,
        timeout=CLI_TIMEOUT,
        preexec_fn=preexec,  # type: ignore[arg-type]
        check=False,
    )


def assert_no_traceback(result: subprocess.CompletedProcess[str]) -> None:
    for stream in (result.stdout, result.stderr):
        assert "Traceback" not in stream, stream
        assert 'File "' not in stream, stream


def db_path(dirs: Mapping[str, Path]) -> Path:
    return dirs["data"] / "beritatui" / DB_NAME


def moved_files(path: Path) -> list[Path]:
    return sorted(
        p for p in path.parent.glob(f"{DB_NAME}.corrupt-*") if not p.name.endswith(("-wal", "-shm"))
    )


def entry(number: int) -> FeedEntry:
    return FeedEntry(
        guid=f"https://berita.example.id/baca/{number}",
        url=f"https://berita.example.id/baca/{number}",
        title=f"Nelayan Muara Angke kembali melaut, hari ke-{number}",
        summary=f"Cuaca di Teluk Jakarta membaik pada hari ke-{number}.",
        published=datetime(2026, 11, 20, 8, number % 60, tzinfo=UTC),
    )


def store_with_bookmarks(path: Path, count: int = 12, saved: int = 5) -> list[str]:
    """A real beritatui database with ``count`` articles, ``saved`` of them bookmarked."""
    from beritatui.config import FeedSpec

    with Store.open(path) as store:
        ids = store.sync_feeds([FeedSpec("https://berita.example.id/rss", "Nasional", "Contoh")])
        new = store.upsert_entries(
            ids["https://berita.example.id/rss"], [entry(i) for i in range(count)]
        )
        urls = []
        for article_id in new[:saved]:
            store.set_bookmark(article_id, True)
            detail = store.get_article(article_id)
            assert detail is not None
            urls.append(detail.row.url)
    return sorted(urls)


def damage_search_index(path: Path) -> None:
    """Overwrite the full-text index pages: the file fails its check, articles survive."""
    conn = sqlite3.connect(str(path))
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    pages = [
        row[0] for row in conn.execute("SELECT pageno FROM dbstat WHERE name LIKE 'articles_fts%'")
    ]
    conn.close()
    assert pages
    with path.open("r+b") as handle:
        for page in pages:
            handle.seek((page - 1) * page_size)
            handle.write(os.urandom(page_size))


# -- corrupt and foreign files ---------------------------------------------------


def test_random_bytes_database_is_moved_aside_and_cli_runs(
    isolated_dirs: dict[str, Path],
) -> None:
    path = db_path(isolated_dirs)
    path.parent.mkdir(parents=True)
    junk = os.urandom(20_000)
    path.write_bytes(junk)

    result = cli("bookmarks")

    assert_no_traceback(result)
    assert result.returncode == 0, result.stderr
    assert "No bookmarks yet" in result.stdout
    assert "moved to" in result.stderr
    moved = moved_files(path)
    assert len(moved) == 1
    assert str(moved[0]) in result.stderr
    assert moved[0].read_bytes() == junk  # kept byte for byte, never deleted
    with Store.open(path) as fresh:  # the new database is a good one
        assert fresh.moved_aside is None
        assert fresh.integrity_ok()

    export = cli("bookmarks", "--from-db", str(moved[0]))
    assert_no_traceback(export)
    assert export.returncode != 0  # random bytes hold no bookmarks to export...
    assert "cannot be read as a beritatui database" in export.stderr  # ...and it says so
    assert moved[0].read_bytes() == junk


def test_damaged_beritatui_database_bookmarks_export_from_moved_file(
    isolated_dirs: dict[str, Path],
) -> None:
    path = db_path(isolated_dirs)
    urls = store_with_bookmarks(path)
    damage_search_index(path)
    damaged = path.read_bytes()

    result = cli("bookmarks")

    assert_no_traceback(result)
    assert result.returncode == 0, result.stderr
    assert "moved to" in result.stderr
    assert "--from-db" in result.stderr  # tells the user how to get the bookmarks back
    moved = moved_files(path)
    assert len(moved) == 1
    assert moved[0].read_bytes() == damaged

    export = cli("bookmarks", "--from-db", str(moved[0]))
    assert_no_traceback(export)
    assert export.returncode == 0, export.stderr
    items = json.loads(export.stdout)
    assert sorted(item["url"] for item in items) == urls
    assert moved[0].read_bytes() == damaged  # exporting does not touch the file


def test_foreign_sqlite_database_is_moved_aside(isolated_dirs: dict[str, Path]) -> None:
    path = db_path(isolated_dirs)
    path.parent.mkdir(parents=True)
    conn = sqlite3.connect(str(path))
    conn.execute("CREATE TABLE belanja (barang TEXT, harga INTEGER)")
    conn.execute("INSERT INTO belanja VALUES ('beras', 14000), ('minyak goreng', 18000)")
    conn.commit()
    conn.close()

    result = cli("search", "beras")

    assert_no_traceback(result)
    assert result.returncode == 0, result.stderr
    assert "moved to" in result.stderr
    moved = moved_files(path)
    assert len(moved) == 1
    other = sqlite3.connect(str(moved[0]))
    assert other.execute("SELECT count(*) FROM belanja").fetchone()[0] == 2  # intact
    other.close()
    with Store.open(path) as fresh:
        assert fresh.moved_aside is None

    export = cli("bookmarks", "--from-db", str(moved[0]))
    assert_no_traceback(export)
    assert export.returncode != 0
    assert "no beritatui articles" in export.stderr


def test_moving_aside_twice_keeps_both_files(isolated_dirs: dict[str, Path]) -> None:
    path = db_path(isolated_dirs)
    path.parent.mkdir(parents=True)
    first, second = os.urandom(5000), os.urandom(7000)
    path.write_bytes(first)
    assert cli("bookmarks").returncode == 0
    path.write_bytes(second)
    for suffix in ("-wal", "-shm"):
        path.with_name(path.name + suffix).unlink(missing_ok=True)
    result = cli("bookmarks")
    assert_no_traceback(result)
    assert result.returncode == 0
    kept = sorted(p.read_bytes() for p in moved_files(path))
    assert kept == sorted([first, second])


# -- a data folder that cannot be used -------------------------------------------


def _env_with_data_home(data_home: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["XDG_DATA_HOME"] = str(data_home)
    return env


@pytest.mark.parametrize("command", [["bookmarks"], ["search", "banjir"], ["refresh"]])
def test_data_folder_is_a_file(
    isolated_dirs: dict[str, Path], command: list[str], server: LocalServer
) -> None:
    build_site(server).write_config(isolated_dirs["config"])
    (isolated_dirs["data"] / "beritatui").write_text("bukan folder")

    result = cli(*command)

    assert_no_traceback(result)
    assert result.returncode != 0
    assert result.stderr.startswith("beritatui:")
    assert str(isolated_dirs["data"] / "beritatui") in result.stderr
    assert (isolated_dirs["data"] / "beritatui").read_text() == "bukan folder"


def test_data_home_below_a_file(isolated_dirs: dict[str, Path], tmp_path: Path) -> None:
    blocker = tmp_path / "berkas-biasa"
    blocker.write_text("ini berkas, bukan folder")

    result = cli("bookmarks", env=_env_with_data_home(blocker / "data"))

    assert_no_traceback(result)
    assert result.returncode != 0
    assert result.stderr.startswith("beritatui:")
    assert str(blocker) in result.stderr


def test_database_path_is_a_folder(isolated_dirs: dict[str, Path]) -> None:
    db_path(isolated_dirs).mkdir(parents=True)
    result = cli("bookmarks")
    assert_no_traceback(result)
    assert result.returncode != 0
    assert "it is a folder" in result.stderr


def _tiny_file_limit(limit: int) -> object:
    def apply() -> None:
        # Writes past ``limit`` fail with EFBIG (like a full disk) instead of killing us.
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return apply


def test_no_room_to_write_gives_a_clear_message(
    isolated_dirs: dict[str, Path], tmp_path: Path
) -> None:
    path = db_path(isolated_dirs)
    store_with_bookmarks(path, count=3, saved=1)
    items = [
        {
            "url": f"https://berita.example.id/arsip/{i}",
            "title": f"Arsip liputan banjir rob pesisir utara, bagian {i}",
            "summary": "Air laut pasang merendam permukiman nelayan. " * 40,
            "body": {"blocks": [{"type": "paragraph", "text": "Warga mengungsi. " * 200}]},
        }
        for i in range(600)
    ]
    backup = tmp_path / "cadangan.json"
    backup.write_text(json.dumps(items), "utf-8")
    size_before = path.stat().st_size

    result = cli("bookmarks", "--import", str(backup), preexec=_tiny_file_limit(400_000))

    assert_no_traceback(result)
    assert result.returncode != 0
    assert "beritatui: storage error:" in result.stderr
    assert str(path) in result.stderr
    assert size_before <= 400_000
    # Nothing half-written: the database opens cleanly with the old bookmark only.
    with Store.open(path) as store:
        assert store.moved_aside is None
        assert store.integrity_ok()
        assert len(store.list_articles(bookmarked=True)) == 1


# -- the TUI on a corrupt database -------------------------------------------------


async def test_tui_on_corrupt_database_says_it_was_moved(
    isolated_dirs: dict[str, Path], server: LocalServer
) -> None:
    build_site(server).write_config(isolated_dirs["config"])
    path = db_path(isolated_dirs)
    path.parent.mkdir(parents=True)
    junk = os.urandom(9000)
    path.write_bytes(junk)
    store = Store.open(path)
    assert store.moved_aside is not None
    app = BeritaApp(load_config(), store, refresh_on_start=False)
    try:
        async with app.run_test(size=(140, 40)) as pilot:
            await wait_for(lambda: len(app._notifications) > 0, pilot)
            messages = [n.message for n in app._notifications]
            moved_notes = [m for m in messages if str(store.moved_aside) in m]
            assert moved_notes, messages
            assert "dipindahkan" in moved_notes[0]
            assert "--from-db" in moved_notes[0]
            assert app.is_running
            await pilot.press("q")
    finally:
        store.close()
    assert store.moved_aside.read_bytes() == junk

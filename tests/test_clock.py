"""The one clock: the store owns it; the app, service, CLI and stamps all read it."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from contextlib import closing
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from beritatui.backup import export_bookmarks
from beritatui.clock import ENV_NOW, default_clock, fixed_clock, system_clock
from beritatui.config import FeedSpec, load_config
from beritatui.models import FeedEntry
from beritatui.service import Service
from beritatui.store import Store
from beritatui.ui.app import BeritaApp
from tests.server import LocalServer
from tests.site import NOW, build_site

LATER = NOW + timedelta(days=400, hours=3)
FEED = "https://contoh.example.id/rss"


def test_default_clock_is_the_system_clock_without_the_variable(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv(ENV_NOW)
    assert default_clock() is system_clock
    assert system_clock().tzinfo is UTC


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2027-01-05T10:30:00+00:00", datetime(2027, 1, 5, 10, 30, tzinfo=UTC)),
        ("2027-01-05T17:30:00+07:00", datetime(2027, 1, 5, 10, 30, tzinfo=UTC)),
        ("2027-01-05 10:30", datetime(2027, 1, 5, 10, 30, tzinfo=UTC)),  # naive is UTC
    ],
)
def test_the_variable_fixes_the_clock(
    monkeypatch: pytest.MonkeyPatch, value: str, expected: datetime
) -> None:
    monkeypatch.setenv(ENV_NOW, value)
    now = default_clock()()
    assert now == expected
    assert now.tzinfo is UTC


def test_a_bad_variable_is_a_plain_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ENV_NOW, "besok pagi")
    with pytest.raises(ValueError, match=r"^BERITATUI_NOW='besok pagi' is not an ISO 8601 time"):
        default_clock()
    result = subprocess.run(
        [sys.executable, "-m", "beritatui", "feeds", "list"],
        capture_output=True,
        text=True,
        timeout=60,
        env=dict(os.environ),
        check=False,
    )
    assert result.returncode == 2
    assert result.stderr.startswith("beritatui: BERITATUI_NOW='besok pagi' is not an ISO 8601")
    assert "Traceback" not in result.stderr


def test_fixed_clock_makes_times_aware_utc() -> None:
    wib = timezone(timedelta(hours=7))
    assert fixed_clock(datetime(2027, 1, 1, 7, 0, tzinfo=wib))() == datetime(2027, 1, 1, tzinfo=UTC)
    assert fixed_clock(datetime(2027, 1, 1))().tzinfo is UTC


def test_the_tests_run_on_the_fixture_clock() -> None:
    assert default_clock()() == NOW  # conftest: fixture data and app share NOW


def test_store_stamps_come_from_its_clock(tmp_path: Path) -> None:
    path = tmp_path / "beritatui.sqlite3"
    with Store.open(path, clock=lambda: LATER) as store:
        feed_id = store.sync_feeds([FeedSpec(FEED, "Nasional")])[FEED]
        [article_id] = store.upsert_entries(
            feed_id, [FeedEntry(guid="a", url="https://contoh.example.id/a", title="Satu")]
        )
        store.set_bookmark(article_id, True)
        assert "Exported " + LATER.strftime("%Y-%m-%d %H:%M UTC") in export_bookmarks(
            store, "markdown"
        )
        [record] = store.bookmark_records()
        assert record.bookmarked_at == LATER.replace(microsecond=0)
    with closing(sqlite3.connect(path)) as conn:
        created = conn.execute("SELECT value FROM meta WHERE key = 'created'").fetchone()[0]
    assert int(created) == int(LATER.timestamp())


def test_a_damaged_file_is_moved_aside_under_the_clocks_time(tmp_path: Path) -> None:
    path = tmp_path / "beritatui.sqlite3"
    path.write_bytes(b"bukan basis data " * 512)
    with Store.open(path, clock=lambda: LATER) as store:
        assert store.moved_aside is not None
        assert store.moved_aside.name == f"beritatui.sqlite3.corrupt-{LATER:%Y%m%dT%H%M%SZ}"


async def test_app_service_and_widgets_follow_the_store_clock(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "beritatui.sqlite3")
    app = BeritaApp(load_config(), store, refresh_on_start=False, state_path=tmp_path / "s.json")
    try:
        assert app.now() == app.service.clock() == NOW
        store.clock = lambda: LATER  # one clock: changing it changes every reader
        assert app.now() == app.service.clock() == LATER
        assert Service(load_config(), store).clock() == LATER
    finally:
        store.close()


def test_a_cli_subprocess_stamps_with_the_fixture_clock(
    server: LocalServer, isolated_dirs: dict[str, Path]
) -> None:
    build_site(server).write_config(isolated_dirs["config"])
    env = dict(os.environ, **{ENV_NOW: LATER.isoformat()})
    refresh = subprocess.run(
        [sys.executable, "-m", "beritatui", "refresh", "--no-articles"],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
        check=False,
    )
    assert refresh.returncode == 0, refresh.stderr
    listing = subprocess.run(
        [sys.executable, "-m", "beritatui", "feeds", "list", "--json"],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
        check=True,
    )
    checked = {row["last_checked"] for row in json.loads(listing.stdout)}
    assert checked == {LATER.replace(microsecond=0).isoformat()}

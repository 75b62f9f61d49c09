"""Shared fixtures: isolated XDG dirs and one fixed clock for every test, a local HTTP server.

The clock: every test runs with ``BERITATUI_NOW`` set to ``tests/site.py`` NOW, so
every :class:`~beritatui.store.Store` this process opens, and every CLI subprocess a
test starts, reads the same fixed time as the fixture data, whatever the real date.
Fixture dates are written relative to NOW, never to the wall clock.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from beritatui import i18n
from beritatui.clock import ENV_NOW
from tests.server import LocalServer
from tests.site import NOW


@pytest.fixture(autouse=True)
def fixed_now(monkeypatch: pytest.MonkeyPatch) -> None:
    """Run the app (in process and in subprocesses) on the fixtures' clock, NOW."""
    monkeypatch.setenv(ENV_NOW, NOW.isoformat())


@pytest.fixture(autouse=True)
def jakarta_time(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Times show in the local zone: fix it (Jakarta, WIB) so the machine's never matters."""
    monkeypatch.setenv("TZ", "Asia/Jakarta")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.fixture(autouse=True)
def english(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """English unless a test asks otherwise, in process and in CLI subprocesses.

    The locale variables are fixed so the machine's own locale never changes a test.
    """
    for variable in i18n.LOCALE_VARIABLES:
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
    i18n.set_language("en")
    yield
    i18n.set_language("en")


@pytest.fixture
def indonesian(english: None) -> None:
    """The interface in Indonesian in this process (CLI subprocesses keep ``LANG=C.UTF-8``)."""
    i18n.set_language("id")


@pytest.fixture(autouse=True)
def isolated_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, Path]:
    """Point XDG_CONFIG_HOME/DATA/CACHE at temp dirs so no test touches real state."""
    dirs = {}
    for name in ("CONFIG", "DATA", "CACHE", "STATE"):
        path = tmp_path / f"xdg-{name.lower()}"
        path.mkdir()
        monkeypatch.setenv(f"XDG_{name}_HOME", str(path))
        dirs[name.lower()] = path
    for var in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy"):
        monkeypatch.delenv(var, raising=False)
    return dirs


@pytest.fixture(scope="session")
def _session_server() -> Iterator[LocalServer]:
    server = LocalServer().start()
    yield server
    server.stop()


@pytest.fixture
def server(_session_server: LocalServer) -> Iterator[LocalServer]:
    """The local HTTP server, with routes cleared after each test."""
    yield _session_server
    _session_server.clear()

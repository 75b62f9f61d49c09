"""Shared fixtures: isolated XDG dirs for every test, and a real local HTTP server."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.server import LocalServer


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

"""When opening pays for a full integrity check (start-up cost on big databases)."""

from __future__ import annotations

from pathlib import Path

import pytest

from beritatui.store import schema


def test_small_database_always_checked(tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite3"
    path.write_bytes(b"x" * 1024)
    assert schema.wants_full_check(path)


def test_big_database_checked_only_after_unclean_shutdown(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(schema, "FULL_CHECK_MAX_BYTES", 100)
    path = tmp_path / "db.sqlite3"
    path.write_bytes(b"x" * 1024)
    assert not schema.wants_full_check(path)
    path.with_name(path.name + "-wal").write_bytes(b"")
    assert schema.wants_full_check(path)


def test_missing_file_is_checked(tmp_path: Path) -> None:
    assert schema.wants_full_check(tmp_path / "none.sqlite3")

"""UI state file: tolerant reading, atomic writing."""

from __future__ import annotations

import json
from pathlib import Path

from beritatui.listing import Tab, View
from beritatui.models import ALL_CATEGORIES
from beritatui.ui.state import UIState


def test_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "state.json"
    UIState(theme="textual-light", category="Ekonomi", article_id=7, reader_scroll=12.5).save(path)
    state = UIState.load(path)
    assert (state.theme, state.category, state.article_id, state.reader_scroll) == (
        "textual-light",
        "Ekonomi",
        7,
        12.5,
    )
    assert [p.name for p in path.parent.iterdir()] == ["state.json"]  # no temp files left


def test_wrong_types_and_garbage_fall_back_to_defaults(tmp_path: Path) -> None:
    path = tmp_path / "state.json"
    path.write_text(
        json.dumps({"theme": 5, "article_id": "x", "tab": None, "category": "Nasional"})
    )
    state = UIState.load(path)
    assert state.theme == "textual-dark"
    assert state.article_id is None
    assert state.tab == "terbaru"
    assert state.category == "Nasional"
    path.write_text("{not json")
    assert UIState.load(path) == UIState()
    path.write_text("[1, 2]")
    assert UIState.load(path) == UIState()


def test_tab_and_view_types() -> None:
    assert Tab.parse("disimpan") is Tab.SAVED
    assert Tab.parse("bukan-tab") is Tab.LATEST
    assert Tab.parse(None) is Tab.LATEST
    assert View().category_filter is None
    assert View("Ekonomi", Tab.SAVED).category_filter == "Ekonomi"
    assert View(ALL_CATEGORIES, Tab.SAVED) != View(ALL_CATEGORIES, Tab.LATEST)
    assert UIState().category == ALL_CATEGORIES


def test_hide_read_round_trips_and_only_a_real_bool_counts(tmp_path: Path) -> None:
    path = tmp_path / "state.json"
    UIState(hide_read=True).save(path)
    assert UIState.load(path).hide_read is True
    path.write_text(json.dumps({"hide_read": 1, "article_id": True}))
    state = UIState.load(path)
    assert state.hide_read is False
    assert state.article_id is None

"""UI state file: tolerant reading, atomic writing."""

from __future__ import annotations

import json
from pathlib import Path

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

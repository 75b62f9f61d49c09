"""ConfigEditor: a new key lands after the feed's last key, never after its trailing comments."""

from __future__ import annotations

import tomllib
from pathlib import Path

from beritatui.config_edit import ConfigEditor

CONFIG = """\
[[feeds]]
url = "https://contoh.id/rss"
category = "Nasional"
# a note that belongs to the next feed

[[feeds]]
url = "https://contoh.id/bola.xml"
category = "Olahraga"
"""


def _edited(tmp_path: Path, rename: str, title: str) -> str:
    path = tmp_path / "config.toml"
    path.write_text(CONFIG, "utf-8")
    editor = ConfigEditor(path)
    editor.rename(rename, title)
    editor.save()
    return path.read_text("utf-8")


def test_a_new_key_goes_before_the_comments_that_follow_the_entry(tmp_path: Path) -> None:
    text = _edited(tmp_path, "https://contoh.id/rss", "Contoh Nasional")
    lines = text.splitlines()
    assert lines.index('title = "Contoh Nasional"') < lines.index(
        "# a note that belongs to the next feed"
    )
    assert lines.index('category = "Nasional"') < lines.index('title = "Contoh Nasional"')
    feeds = tomllib.loads(text)["feeds"]
    assert feeds[0]["title"] == "Contoh Nasional"
    assert "title" not in feeds[1]


def test_a_new_key_in_the_last_entry_is_appended(tmp_path: Path) -> None:
    text = _edited(tmp_path, "https://contoh.id/bola.xml", "Bola")
    assert text.rstrip().endswith('title = "Bola"')
    assert "# a note that belongs to the next feed" in text
    assert tomllib.loads(text)["feeds"][1]["title"] == "Bola"

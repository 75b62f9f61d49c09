"""docs/screenshots.py saves the README's pictures: run it into a temporary folder."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "docs" / "screenshots.py"


def _expected_names() -> list[str]:
    sys.path.insert(0, str(SCRIPT.parent))
    try:
        import screenshots  # type: ignore[import-not-found]
    finally:
        sys.path.remove(str(SCRIPT.parent))
    names: list[str] = screenshots.shot_names()
    return names


def test_screenshots_are_saved_by_the_app_over_the_fixtures(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("XDG_", "BERITATUI_"))}
    env["TZ"] = "Europe/Amsterdam"  # the script fixes its own zone and clock
    out = tmp_path / "img"
    done = subprocess.run(
        [sys.executable, str(SCRIPT), "--out", str(out)],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    names = _expected_names()
    assert sorted(p.name for p in out.iterdir()) == sorted(names)
    assert len(names) == 8
    svg = {name: (out / name).read_text("utf-8") for name in names}
    for name, text in svg.items():
        assert text.startswith("<svg"), name
        assert "beritatui" in text, name
        assert "16:00" in text, name  # the fixtures' clock in Jakarta time, not the machine's
        assert "Bekasi" in text or "keys" in text, name  # our fixture stories (or the help)

    def has(name: str, words: str) -> bool:
        # Rich writes spaces as &#160; and splits a line at each change of style.
        return words.replace(" ", "&#160;") in svg[name]

    assert has("main-160x48-dark.svg", "Reader")
    assert has("main-160x48-dark.svg", "Petugas")  # the reader shows the article
    assert not has("main-80x24-dark.svg", "Petugas")  # 80 columns: the list alone
    assert has("reader-80x24-dark.svg", "Petugas")
    assert has("trending-160x48-dark.svg", "Why it trends")
    assert has("trending-80x24-dark.svg", "Why it trends")
    assert has("help-160x48-dark.svg", "Config file")
    assert has("help-80x24-dark.svg", "/home/pembaca/.config/beritatui/config.toml")
    assert svg["main-160x48-light.svg"] != svg["main-160x48-dark.svg"]
    # The README shows or links every one, from the folder the script writes by default.
    readme = (ROOT / "README.md").read_text("utf-8")
    assert all(f"docs/img/{name}" in readme for name in names)
    assert sorted(p.name for p in (ROOT / "docs" / "img").glob("*.svg")) == sorted(names)

"""Every benchmark script runs in ``--smoke`` mode and answers ``--help``, so none can rot."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

BENCHMARKS = Path(__file__).resolve().parent.parent / "benchmarks"
SCRIPTS = sorted(p.name for p in BENCHMARKS.glob("*.py") if p.name != "__init__.py")

# What each smoke run must print: the measurement it exists for.
EXPECTED = {
    "extraction.py": "AEB: 3 pages",
    "first_screen.py": "first screen with titles, 15 cached items",
    "layout.py": "80×24  narrow",
    "loop_stall.py": "longest event-loop stall during a refresh",
    "pictures.py": "normalize JPEG 640×360",
    "prefetch.py": "(0 twice), 6 bodies saved",
    "reader.py": "Store.search (TUI limit 500)",
    "refresh.py": "refresh 3 feeds × 5 items",
    "refreshes.py": "of 2 exit 0; exit codes",
    "startup.py": "beritatui --version",
    "trending.py": "n=200: cluster_stories",
    "trending_quality.py": "most covered in top 10",
}


def _run(script: str, *args: str, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ)
    for name in ("CONFIG", "DATA", "CACHE", "STATE"):
        env[f"XDG_{name}_HOME"] = str(tmp_path / name.lower())
    return subprocess.run(
        [sys.executable, str(BENCHMARKS / script), *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
        check=False,
    )


def test_every_script_has_an_expectation() -> None:
    assert set(SCRIPTS) == set(EXPECTED)


@pytest.mark.slow
@pytest.mark.parametrize("script", SCRIPTS)
def test_smoke_run_exits_zero_and_measures(script: str, tmp_path: Path) -> None:
    done = _run(script, "--smoke", tmp_path=tmp_path)
    assert done.returncode == 0, done.stderr[-2000:]
    assert EXPECTED[script] in done.stdout


@pytest.mark.parametrize("script", SCRIPTS)
def test_help_is_argparse_help(script: str, tmp_path: Path) -> None:
    done = _run(script, "--help", tmp_path=tmp_path)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "--smoke" in done.stdout
